/**
 * A trust policy whose `amr` condition contradicts the role's use: a role handed to signed-in
 * users (Roles.authenticated, rule or group roles) that only sessions with amr `unauthenticated`
 * may assume, or the guest role that only `authenticated` sessions may assume. The IAM engine
 * decides, with the context Cognito sends; every resolution to such a role fails with
 * InvalidIdentityPoolConfigurationException.
 */
import type { Role } from '../../model/types.js';
import { ASSUME_ACTION } from '../../cognito/trust.js';
import { policyFinding, type LintContext, type PolicyUsage } from '../context.js';
import { authenticatedAmr, GUEST_AMR, trustAnswer } from '../trust.js';
import type { Finding, LintRule } from '../types.js';

const AMR = 'cognito-identity.amazonaws.com:amr';

/** The amr condition of the trust policy (where the contradiction is written), else the policy. */
function amrPath(use: PolicyUsage): (string | number)[] {
  for (const s of use.compiled.statements) {
    const c = s.conditions.find((x) => x.keyLower === AMR);
    if (c) return c.path;
  }
  return [];
}

export const trustAmrRule: LintRule = {
  name: 'trust-amr',
  codes: [
    {
      code: 'iam_trust_amr_mismatch',
      severity: 'error',
      summary:
        "the trust policy's amr condition admits guests to a signed-in role, or signed-in users to the guest role, but not the sessions that get it",
    },
  ],
  run(ctx: LintContext): Finding[] {
    const { project } = ctx;
    const out: Finding[] = [];
    const trustUse = (role: Role) => ctx.policies.find((u) => u.kind === 'trust' && u.role === role);
    const report = (role: Role, expected: string, admitted: string) => {
      const use = trustUse(role);
      if (!use) return;
      out.push(
        policyFinding(
          use,
          'iam_trust_amr_mismatch',
          'error',
          `role \`${role.RoleName}\` is handed to ${expected} users, but its trust policy only admits \`${admitted}\` sessions (amr)`,
          `set \`ForAnyValue:StringLike: {"${AMR}": "${expected}"}\`; otherwise every resolution to this role fails with InvalidIdentityPoolConfigurationException`,
          amrPath(use),
        ),
      );
    };
    for (const arn of ctx.authenticatedRoles) {
      const role = project.roles.get(arn);
      if (!role?.trustPolicy) continue;
      const providers = ctx.providers.filter((p) => p.roles.has(arn));
      const signedIn = (providers.length ? providers : [undefined]).map((p) =>
        trustAnswer(project, role, [ASSUME_ACTION], authenticatedAmr(p)),
      );
      if (signedIn.every((a) => a === 'denied') && trustAnswer(project, role, [ASSUME_ACTION], GUEST_AMR) === 'allowed')
        report(role, 'authenticated', 'unauthenticated');
    }
    const guest = ctx.guestRole ? project.roles.get(ctx.guestRole) : undefined;
    if (
      guest?.trustPolicy &&
      trustAnswer(project, guest, [ASSUME_ACTION], GUEST_AMR) === 'denied' &&
      trustAnswer(project, guest, [ASSUME_ACTION], authenticatedAmr(undefined)) === 'allowed'
    ) {
      report(guest, 'unauthenticated', 'authenticated');
    }
    return out;
  },
};
