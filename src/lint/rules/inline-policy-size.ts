/**
 * The aggregate size of a role's inline policies: "Role policy size cannot exceed 10,240
 * characters" in total for all inline policies of a role, counted without whitespace (IAM and STS
 * quotas, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). AWS
 * refuses the policy that would cross it. Above 10,240 any identity policy is refused when it
 * compiles; a customer managed policy above 6,144 likewise (src/iam/compile.ts).
 */
import { policySize } from '../../iam/compile.js';
import { finding, type LintContext } from '../context.js';
import type { Finding, LintRule } from '../types.js';

const INLINE_ROLE_LIMIT = 10_240;

export const inlinePolicySizeRule: LintRule = {
  name: 'inline-policy-size',
  codes: [
    { code: 'iam_inline_policies_too_large', severity: 'error', summary: "a role's inline policies exceed 10,240 characters together" },
  ],
  run(ctx: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const role of ctx.project.roles.values()) {
      const total = role.inlinePolicies.reduce((n, d) => n + policySize(d.json), 0);
      if (total <= INLINE_ROLE_LIMIT) continue;
      const at = role.inlinePolicies[role.inlinePolicies.length - 1]?.locate([]) ?? role.location;
      out.push(
        finding(
          'iam_inline_policies_too_large',
          'error',
          `the inline policies of role \`${role.RoleName}\` total ${total} characters; AWS accepts at most ${INLINE_ROLE_LIMIT} per role`,
          'move some statements into a managed policy (6,144 characters each, up to 10 attached by default)',
          at,
        ),
      );
    }
    return out;
  },
};
