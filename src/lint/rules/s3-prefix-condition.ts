/**
 * A listing condition key (`s3:prefix`, `s3:delimiter`, `s3:max-keys`) on a statement none of
 * whose S3 actions carries it (per the Service Authorization Reference): the key is never in the
 * request, so a positive condition never matches. The S3 case of `iam_condition_key_not_carried`
 * (condition-key-not-carried.ts), in S3 words; a negated, `…IfExists` or `ForAllValues` condition
 * on such a key always matches and is reported there (`iam_condition_key_absent_grants` in an Allow).
 */
import { textMatches } from '../../iam/fast/text-matcher.js';
import { actionCarriesKey, actionInfo, allS3Actions } from '../../catalog/index.js';
import type { CompiledCondition, CompiledStatement } from '../../iam/types.js';
import { policyFinding, type LintContext } from '../context.js';
import type { Finding, LintRule } from '../types.js';

const LIST_KEYS = new Set(['s3:prefix', 's3:delimiter', 's3:max-keys']);

let s3Actions: string[] | undefined;

/**
 * The S3 actions that a statement's actions cover, and whether one carries each listing key,
 * per list of action patterns (the matchers are made from them): a project repeats its lists, and
 * both this rule and condition-key-not-carried ask for every condition on a listing key.
 */
const coveredByPatterns = new Map<string, { covered: string[]; carries: Map<string, boolean> }>();

/** The S3 actions of the statement when this rule reports the condition, else undefined (never changed by callers). */
function reported(s: CompiledStatement, c: CompiledCondition): string[] | undefined {
  if (!LIST_KEYS.has(c.keyLower) || c.family === 'null' || c.negated || c.ifExists || c.qualifier === 'all') return undefined;
  if (s.notAction || s.unclear.action) return undefined;
  const key = s.actionPatterns.join('\n');
  let entry = coveredByPatterns.get(key);
  if (!entry) {
    if (coveredByPatterns.size > 50_000) coveredByPatterns.clear();
    s3Actions ??= allS3Actions().map((a) => a.toLowerCase());
    const covered = s3Actions.filter((a) => s.actionMatchers.some((m) => textMatches(m, a)));
    coveredByPatterns.set(key, (entry = { covered, carries: new Map() }));
  }
  const { covered, carries } = entry;
  if (covered.length === 0) return undefined;
  let carried = carries.get(c.keyLower);
  if (carried === undefined) carries.set(c.keyLower, (carried = covered.some((a) => actionCarriesKey(a, c.keyLower) === true)));
  return carried ? undefined : covered;
}

/** Whether this rule reports the condition (so the general rule leaves it alone). */
export function s3PrefixReports(s: CompiledStatement, c: CompiledCondition): boolean {
  return reported(s, c) !== undefined;
}

export const s3PrefixConditionRule: LintRule = {
  name: 's3-prefix-condition',
  codes: [
    {
      code: 's3_prefix_on_object_action',
      severity: 'warning',
      summary: '`s3:prefix` (or `s3:delimiter`, `s3:max-keys`) conditions a statement whose actions never carry it',
    },
  ],
  run(ctx: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const use of ctx.policies.filter((u) => u.kind !== 'trust')) {
      for (const s of use.compiled.statements) {
        for (const c of s.conditions) {
          const covered = reported(s, c);
          if (!covered) continue;
          const names =
            covered
              .slice(0, 3)
              .map((a) => `\`${actionInfo(a)?.action ?? a}\``)
              .join(', ') + (covered.length > 3 ? ', ...' : '');
          out.push(
            policyFinding(
              use,
              's3_prefix_on_object_action',
              'warning',
              `\`${c.key}\` is never present for ${names}, so this condition never matches`,
              `\`${c.key}\` comes with \`s3:ListBucket\` (and \`s3:ListBucketVersions\`) on the bucket ARN; for objects, put the prefix in the Resource, e.g. \`arn:aws:s3:::bucket/public/*\``,
              c.path,
            ),
          );
        }
      }
    }
    return out;
  },
};
