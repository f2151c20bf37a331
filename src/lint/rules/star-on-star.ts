/**
 * An identity policy that allows `s3:*` (or `*`) on `*`: every S3 action on every bucket of the
 * account and of any account whose bucket policy trusts it. Boundaries and SCPs are exempt: there
 * an allow-all is the usual way to limit nothing.
 */
import { STAR } from '../../iam/glob.js';
import { policyFinding, type LintContext } from '../context.js';
import type { Finding, LintRule } from '../types.js';

const ALL_ACTIONS = new Set([STAR, `s3:${STAR}`]);
const ALL_S3_RESOURCES = /^arn:[^:]*:s3:::\uE000$/;

export const starOnStarRule: LintRule = {
  name: 'star-on-star',
  codes: [{ code: 'iam_s3_star_on_star', severity: 'warning', summary: 'an identity policy allows `s3:*` or `*` on every resource' }],
  run(ctx: LintContext): Finding[] {
    return ctx.policies
      .filter((use) => use.kind === 'identity')
      .flatMap((use) =>
        use.compiled.statements
          .filter((s) => s.effect === 'Allow' && !s.notAction && !s.notResource && s.problems.length === 0)
          .filter((s) => s.actionPatterns.some((p) => ALL_ACTIONS.has(p)))
          .filter((s) =>
            (s.resources ?? []).some((r) => r.pureStar || (r.template.isStatic && ALL_S3_RESOURCES.test(r.template.parts[0] as string))),
          )
          .map((s) => {
            const action = s.actionPatterns.includes(STAR) ? '*' : 's3:*';
            return policyFinding(
              use,
              'iam_s3_star_on_star',
              'warning',
              `the statement allows \`${action}\` on every resource`,
              'name the actions and buckets the role needs (e.g. `s3:GetObject` on `arn:aws:s3:::bucket/prefix/*`)',
              s.path,
            );
          }),
      );
  },
};
