/**
 * A bare resource policy is taken to be in the project's account (docs/formats.md). When it
 * grants principals of another account, it may well be another account's bucket; keycard's answer
 * then assumes the bucket is the project's, where a bucket's own grant can allow on its own, while
 * across accounts the identity side must also allow (iam-reference §3.2). Say so.
 */
import { policyFinding, type LintContext } from '../context.js';
import type { Finding, LintRule } from '../types.js';

const accountOfPrincipal = (value: string): string | undefined =>
  /^\d{12}$/.test(value) ? value : /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(value)?.[1];

export const bucketPolicyOtherAccountRule: LintRule = {
  name: 'bucket-policy-other-account',
  codes: [
    {
      code: 's3_bucket_policy_other_account',
      severity: 'info',
      summary: "a resource policy assumed to be in the project's account grants principals of another account",
    },
  ],
  run(ctx: LintContext): Finding[] {
    const { project } = ctx;
    const out: Finding[] = [];
    for (const use of ctx.policies.filter((u) => u.kind === 'resource')) {
      const arn = [...project.resourcePolicies].find(([, d]) => d === use.doc)?.[0];
      if (!arn || project.resourceAccounts?.has(arn) || project.accessPoints?.has(arn)) continue;
      for (const st of use.compiled.statements) {
        if (st.effect !== 'Allow' || st.notPrincipal) continue;
        const others = [
          ...new Set(
            (st.principals ?? [])
              .filter((p) => p.type === 'AWS')
              .map((p) => accountOfPrincipal(p.value))
              .filter((a): a is string => !!a && a !== project.account),
          ),
        ];
        if (!others.length) continue;
        out.push(
          policyFinding(
            use,
            's3_bucket_policy_other_account',
            'info',
            `the policy of \`${arn}\` grants principals of account ${others.join(', ')}; keycard assumes \`${arn}\` is in this project's account ${project.account}`,
            `if \`${arn}\` belongs to another account, write its entry as \`{Account: "<its account>", Policy: ...}\` so cross-account rules apply (both the bucket policy and the caller's own policies must allow)`,
            st.path,
          ),
        );
      }
    }
    return out;
  },
};
