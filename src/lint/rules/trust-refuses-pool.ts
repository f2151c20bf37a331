/**
 * A role the pool hands out whose trust policy admits none of the pool's sessions, signed in or
 * guest: no statement lets `cognito-identity.amazonaws.com` call AssumeRoleWithWebIdentity (e.g.
 * `sts:AssumeRole`), or its conditions refuse this pool (another pool's `aud`). Every resolution
 * to the role fails with InvalidIdentityPoolConfigurationException. An amr that only admits the
 * other kind of session is iam_trust_amr_mismatch instead.
 */
import type { Role } from '../../model/types.js';
import { ASSUME_ACTION } from '../../cognito/trust.js';
import { COGNITO_PRINCIPAL } from '../../iam/index.js';
import { policyFinding, type LintContext } from '../context.js';
import { authenticatedAmr, cognitoAllowStatements, GUEST_AMR, trustAnswer } from '../trust.js';
import type { Finding, LintRule } from '../types.js';

export const trustRefusesPoolRule: LintRule = {
  name: 'trust-refuses-pool',
  codes: [
    {
      code: 'iam_trust_refuses_pool',
      severity: 'error',
      summary: "the trust policy of a role the pool hands out admits none of the pool's sessions",
    },
  ],
  run(ctx: LintContext): Finding[] {
    const { project } = ctx;
    const out: Finding[] = [];
    const roles = new Set<string>([...ctx.authenticatedRoles, ...(ctx.guestRole ? [ctx.guestRole] : [])]);
    for (const arn of roles) {
      const role: Role | undefined = project.roles.get(arn);
      const use = role && ctx.policies.find((u) => u.kind === 'trust' && u.role === role);
      if (!role || !use) continue;
      const amrs = [GUEST_AMR, authenticatedAmr(undefined), ...ctx.providers.map((p) => authenticatedAmr(p))];
      if (!amrs.every((amr) => trustAnswer(project, role, [ASSUME_ACTION], amr) === 'denied')) continue;
      const statements = cognitoAllowStatements(use);
      // Point at the statement that names Cognito (its Action is what is wrong), else the policy.
      const named = use.compiled.statements.find((st) =>
        (st.principals ?? []).some((p) => p.type === 'Federated' && p.value.toLowerCase() === COGNITO_PRINCIPAL),
      );
      const pool = project.identityPool.IdentityPoolId;
      out.push(
        statements.length === 0
          ? policyFinding(
              use,
              'iam_trust_refuses_pool',
              'error',
              `the trust policy of role \`${role.RoleName}\` lets no \`cognito-identity.amazonaws.com\` session call \`${ASSUME_ACTION}\``,
              `allow \`${ASSUME_ACTION}\` for \`{"Federated": "cognito-identity.amazonaws.com"}\`; otherwise every resolution to this role fails with InvalidIdentityPoolConfigurationException`,
              named ? [...named.path, 'Action'] : [],
            )
          : policyFinding(
              use,
              'iam_trust_refuses_pool',
              'error',
              `the trust policy of role \`${role.RoleName}\` admits no session of identity pool \`${pool}\``,
              `check the \`cognito-identity.amazonaws.com:aud\` condition: it must name \`${pool}\``,
              [...statements[0]!.path, 'Condition'],
            ),
      );
    }
    return out;
  },
};
