/**
 * A role-mapping rule that can never be chosen: rules are evaluated in order and the first match
 * wins, so a rule is unreachable when an earlier rule on the same claim matches every token it
 * matches. Only implications that hold for every claim value are used: StartsWith `ad` covers
 * Equals `admins`, Contains `min` covers StartsWith `admin`. NotEqual covers other match types
 * only for claims that are single strings in user-pool tokens (on a list, `[a, b]` is both
 * Equals `a` and not NotEqual `b`).
 */
import type { MappingRule } from '../../model/types.js';
import { finding, type LintContext } from '../context.js';
import { isUserPoolLoginName } from '../provider-names.js';
import type { Finding, LintRule } from '../types.js';

const LIST_CLAIMS = new Set(['cognito:groups', 'cognito:roles', 'amr']);

type Rule = { claim: string; type: string; value: string };

function normalize(r: unknown): Rule | undefined {
  if (!r || typeof r !== 'object') return undefined;
  const { Claim, MatchType, Value } = r as Partial<MappingRule> & { Value?: unknown };
  if (typeof Claim !== 'string' || typeof MatchType !== 'string' || Value === undefined || Value === null || typeof Value === 'object')
    return undefined;
  return { claim: Claim, type: MatchType, value: String(Value) };
}

/** Whether every claim value that `later` matches is matched by `earlier` too. */
export function covers(earlier: Rule, later: Rule, singleValued: boolean): boolean {
  if (earlier.claim !== later.claim) return false;
  const a = earlier.value;
  const b = later.value;
  switch (earlier.type) {
    case 'Equals':
      return later.type === 'Equals' && b === a;
    case 'StartsWith':
      return (later.type === 'Equals' || later.type === 'StartsWith') && b.startsWith(a);
    case 'Contains':
      return (later.type === 'Equals' || later.type === 'StartsWith' || later.type === 'Contains') && b.includes(a);
    case 'NotEqual':
      if (later.type === 'NotEqual') return b === a;
      if (!singleValued) return false;
      if (later.type === 'Equals') return b !== a;
      if (later.type === 'StartsWith') return !a.startsWith(b);
      if (later.type === 'Contains') return !a.includes(b);
      return false;
    default:
      return false;
  }
}

function describe(r: Rule): string {
  return `\`${r.claim}\` ${r.type} \`${r.value}\``;
}

export const unreachableRuleRule: LintRule = {
  name: 'unreachable-rule',
  codes: [
    {
      code: 'cognito_rule_unreachable',
      severity: 'warning',
      summary: 'an earlier rule matches every token a later rule matches, so the later rule never applies',
    },
  ],
  run({ project }: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const [key, mapping] of Object.entries(project.identityPoolRoles.RoleMappings ?? {})) {
      const raw = mapping?.RulesConfiguration?.Rules;
      if (!Array.isArray(raw)) continue;
      const provider = typeof mapping.IdentityProvider === 'string' ? mapping.IdentityProvider : key;
      const userPool = isUserPoolLoginName(provider.slice(0, Math.max(0, provider.lastIndexOf(':'))));
      const rules = raw.map(normalize);
      rules.forEach((later, j) => {
        if (!later) return;
        const singleValued = userPool && !LIST_CLAIMS.has(later.claim);
        const i = rules.findIndex((earlier, k) => k < j && earlier !== undefined && covers(earlier, later, singleValued));
        if (i < 0) return;
        out.push(
          finding(
            'cognito_rule_unreachable',
            'warning',
            `rule ${j + 1} (${describe(later)}) can never apply: rule ${i + 1} (${describe(rules[i]!)}) matches every token it matches`,
            `rules are evaluated in order and the first match wins; move rule ${j + 1} above rule ${i + 1}, or remove it`,
            project.locate.identityPoolRoles(['RoleMappings', key, 'RulesConfiguration', 'Rules', j]),
          ),
        );
      });
    }
    return out;
  },
};
