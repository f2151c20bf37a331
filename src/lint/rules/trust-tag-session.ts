/**
 * Principal tags are mapped for a provider, so Cognito passes session tags, which STS allows only
 * when the role's trust policy grants `sts:TagSession` too (cognito-reference §3). Without it,
 * every user of that provider who gets the role fails with InvalidIdentityPoolConfigurationException.
 */
import { ASSUME_ACTION, TAG_ACTION } from '../../cognito/trust.js';
import { policyFinding, type LintContext } from '../context.js';
import { authenticatedAmr, cognitoAllowStatements, trustAnswer } from '../trust.js';
import type { Finding, LintRule } from '../types.js';

export const trustTagSessionRule: LintRule = {
  name: 'trust-tag-session',
  codes: [
    {
      code: 'iam_trust_missing_tag_session',
      severity: 'error',
      summary: 'principal tags are mapped for a provider whose users get the role, but its trust policy does not allow `sts:TagSession`',
    },
  ],
  run(ctx: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const provider of ctx.providers.filter((p) => p.tagged)) {
      for (const arn of provider.roles) {
        const role = ctx.project.roles.get(arn);
        const use = ctx.policies.find((u) => u.kind === 'trust' && u.role === role);
        if (!role || !use) continue;
        const amr = authenticatedAmr(provider);
        if (trustAnswer(ctx.project, role, [ASSUME_ACTION], amr) !== 'allowed') continue;
        if (trustAnswer(ctx.project, role, [ASSUME_ACTION, TAG_ACTION], amr) !== 'denied') continue;
        const statement = cognitoAllowStatements(use)[0];
        out.push(
          policyFinding(
            use,
            'iam_trust_missing_tag_session',
            'error',
            `principal tags are mapped for \`${provider.login}\`, whose users can get role \`${role.RoleName}\`, but its trust policy does not allow \`${TAG_ACTION}\``,
            `add \`${TAG_ACTION}\` to the Action of the statement that allows \`${ASSUME_ACTION}\`, or these users get InvalidIdentityPoolConfigurationException`,
            statement ? [...statement.path, 'Action'] : [],
          ),
        );
      }
    }
    return out;
  },
};
