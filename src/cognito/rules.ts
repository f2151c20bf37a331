/**
 * Rules-type role mapping (cognito-reference §1.5): each rule compares one claim with a value.
 * Where AWS is silent keycard follows cognito-decisions.md: list claims match when any element
 * does (#1, #2), numbers and booleans compare as JSON text (#5), comparison is case-sensitive (#3),
 * and an absent claim skips the rule (#4).
 */
import type { Claims, MappingRule } from '../model/types.js';
import { claimText, claimTexts, getClaim, hasClaim } from './claims.js';

type RuleOutcome = 'match' | 'no-match' | 'skip';

export interface RuleEvaluation {
  /** 0-based position in RulesConfiguration.Rules. */
  index: number;
  rule: MappingRule;
  outcome: RuleOutcome;
  /** Why, in words: "claim `x` is `y`". */
  reason: string;
  /** The cognito-decisions.md row that decided this outcome, when one did. */
  decision?: number;
}

const COMPARE: Record<string, (claim: string, value: string) => boolean> = {
  Equals: (c, v) => c === v,
  Contains: (c, v) => c.includes(v),
  StartsWith: (c, v) => c.startsWith(v),
  NotEqual: (c, v) => c !== v,
};

/** Whether the claim values satisfy the match type. NotEqual on a list: no element equals (#2). */
function matches(matchType: string, values: string[], value: string, caseFold = false): boolean {
  const fold = (s: string) => (caseFold ? s.toLowerCase() : s);
  if (matchType === 'NotEqual') return !values.some((c) => fold(c) === fold(value));
  const compare = Object.hasOwn(COMPARE, matchType) ? COMPARE[matchType] : undefined;
  return compare !== undefined && values.some((c) => compare(fold(c), fold(value)));
}

function describe(value: unknown): string {
  const text = Array.isArray(value) ? claimText(value) : `\`${claimText(value)}\``;
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function evaluateRule(rule: MappingRule, index: number, claims: Claims): RuleEvaluation {
  const claimName = String(rule.Claim);
  if (!hasClaim(claims, claimName)) {
    const notEqual = rule.MatchType === 'NotEqual';
    return {
      index,
      rule,
      outcome: 'skip',
      reason: notEqual
        ? `claim \`${claimName}\` is absent: a NotEqual rule is not evaluated`
        : `claim \`${claimName}\` is absent: the rule does not match`,
      ...(notEqual ? { decision: 4 } : {}),
    };
  }
  const raw = getClaim(claims, claimName);
  const values = claimTexts(raw);
  const value = claimText(rule.Value);
  const matched = matches(String(rule.MatchType), values, value);
  const outcome: RuleOutcome = matched ? 'match' : 'no-match';
  return { index, rule, outcome, reason: `claim \`${claimName}\` is ${describe(raw)}`, ...decisionFor(rule, raw, values, value, matched) };
}

/** The decisions.md row this comparison relied on, if any. */
function decisionFor(rule: MappingRule, raw: unknown, values: string[], value: string, matched: boolean): { decision?: number } {
  if (matches(String(rule.MatchType), values, value, true) !== matched) return { decision: 3 };
  if (Array.isArray(raw)) return { decision: rule.MatchType === 'Contains' ? 1 : 2 };
  if (typeof raw !== 'string') return { decision: 5 };
  return {};
}

/** Evaluates rules in order. With `all` it keeps going past the first match (for CustomRoleArn, #6). */
export function evaluateRules(
  rules: readonly MappingRule[],
  claims: Claims,
  all = false,
): { evaluations: RuleEvaluation[]; first?: RuleEvaluation } {
  const evaluations: RuleEvaluation[] = [];
  let first: RuleEvaluation | undefined;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (!rule || typeof rule !== 'object') continue;
    const evaluation = evaluateRule(rule, i, claims);
    evaluations.push(evaluation);
    if (evaluation.outcome === 'match' && first === undefined) {
      first = evaluation;
      if (!all) break;
    }
  }
  return first ? { evaluations, first } : { evaluations };
}

export function ruleText(rule: MappingRule, index: number): string {
  return `rule ${index + 1} \`${String(rule.Claim)}\` ${String(rule.MatchType)} \`${claimText(rule.Value)}\``;
}
