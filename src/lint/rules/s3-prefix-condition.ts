/**
 * A listing condition key (`s3:prefix`, `s3:delimiter`, `s3:max-keys`) on a statement none of
 * whose S3 actions carries it (per the Service Authorization Reference): the key is never in the
 * request, so a positive condition never matches and a negated one always does.
 */
import { textMatches } from '../../iam/fast/text-matcher.js';
import { actionInfo, allS3Actions } from '../../catalog/index.js';
import { policyFinding, type LintContext } from '../context.js';
import type { Finding, LintRule } from '../types.js';

const LIST_KEYS = new Set(['s3:prefix', 's3:delimiter', 's3:max-keys']);

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
    const s3Actions = allS3Actions().map((a) => a.toLowerCase());
    for (const use of ctx.policies.filter((u) => u.kind !== 'trust')) {
      for (const s of use.compiled.statements) {
        const keyed = s.conditions.filter((c) => LIST_KEYS.has(c.keyLower) && c.family !== 'null');
        if (keyed.length === 0 || s.notAction || s.unclear.action) continue;
        const covered = s3Actions.filter((a) => s.actionMatchers.some((m) => textMatches(m, a)));
        if (covered.length === 0) continue;
        for (const c of keyed) {
          const carries = covered.some((a) => actionInfo(a)?.conditionKeys.some((k) => k.toLowerCase() === c.keyLower));
          if (carries) continue;
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
              `\`${c.key}\` is never present for ${names}, so this condition ${c.negated ? 'always' : 'never'} matches`,
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
