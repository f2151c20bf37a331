/**
 * A trust policy that lets `cognito-identity.amazonaws.com` assume the role without a
 * `cognito-identity.amazonaws.com:aud` condition (cognito-decisions #13): any identity pool could
 * assume it, IAM refuses to save it since 2025-08-01, and STS refuses it cross-account.
 */
import { policyFinding, type LintContext } from '../context.js';
import { cognitoAllowStatements } from '../trust.js';
import type { Finding, LintRule } from '../types.js';

const AUD = 'cognito-identity.amazonaws.com:aud';

export const trustAudRule: LintRule = {
  name: 'trust-aud',
  codes: [
    {
      code: 'iam_trust_missing_aud',
      severity: 'warning',
      summary: 'a Cognito trust statement has no `cognito-identity.amazonaws.com:aud` condition',
    },
  ],
  run(ctx: LintContext): Finding[] {
    const poolId = ctx.project.identityPool?.IdentityPoolId ?? '<identity pool id>';
    return ctx.policies
      .filter((use) => use.kind === 'trust')
      .flatMap((use) =>
        cognitoAllowStatements(use)
          .filter((s) => !s.conditions.some((c) => c.keyLower === AUD && !c.negated && c.family !== 'null'))
          .map((s) =>
            policyFinding(
              use,
              'iam_trust_missing_aud',
              'warning',
              `the trust statement lets \`cognito-identity.amazonaws.com\` assume the role without a \`${AUD}\` condition, so any identity pool could`,
              `add \`"StringEquals": {"${AUD}": "${poolId}"}\`; IAM refuses to save such a trust policy since 2025-08-01 (keycard decision #13)`,
              s.path,
            ),
          ),
      );
  },
};
