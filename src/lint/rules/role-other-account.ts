/**
 * Enhanced-flow roles must be in the identity pool's account ("Enhanced-flow authentication
 * requires that the IAM role be in the same AWS account as the identity pool", cognito-reference
 * §1.3). A role of another account in Roles, a rule or a user-pool group can never be handed out.
 */
import { finding, type LintContext } from '../context.js';
import type { Finding, LintRule } from '../types.js';

const accountOf = (arn: string) => /^arn:[^:]+:iam::(\d{12}):role\//.exec(arn)?.[1];

export const roleOtherAccountRule: LintRule = {
  name: 'role-other-account',
  codes: [
    {
      code: 'cognito_role_other_account',
      severity: 'error',
      summary: 'a role the pool hands out in the enhanced flow is in another account',
    },
  ],
  run(ctx: LintContext): Finding[] {
    const { project } = ctx;
    const out: Finding[] = [];
    const report = (arn: string, path: (string | number)[]) => {
      const account = accountOf(arn);
      if (!account || account === project.account) return;
      out.push(
        finding(
          'cognito_role_other_account',
          'error',
          `role \`${arn}\` is in account ${account}, not the identity pool's account ${project.account}`,
          "the enhanced flow hands out only roles of the pool's own account; every resolution to this role fails with InvalidIdentityPoolConfigurationException",
          project.locate.identityPoolRoles(path),
        ),
      );
    };
    for (const [key, arn] of Object.entries(project.identityPoolRoles.Roles ?? {}))
      if (typeof arn === 'string') report(arn, ['Roles', key]);
    for (const [key, m] of Object.entries(project.identityPoolRoles.RoleMappings ?? {})) {
      (m.RulesConfiguration?.Rules ?? []).forEach(
        (r, i) => typeof r.RoleARN === 'string' && report(r.RoleARN, ['RoleMappings', key, 'RulesConfiguration', 'Rules', i, 'RoleARN']),
      );
    }
    return out;
  },
};
