/**
 * Provider names that can never match a login (cognito-reference §1.2): a principal-tag map for a
 * provider the pool does not have (its tags are never applied), and a CognitoIdentityProviders
 * ProviderName that is not `cognito-idp.<region>.amazonaws.com/<user pool id>` (no Logins key
 * ever equals it). Unknown RoleMappings keys are refused by AWS and reported by aws-refused.
 */
import { isUnresolved } from '../../model/unresolved.js';
import { finding, type LintContext } from '../context.js';
import { explainProviderName, isUserPoolLoginName, tagMapNames } from '../provider-names.js';
import type { Finding, LintRule } from '../types.js';

export const providerNamesRule: LintRule = {
  name: 'provider-names',
  codes: [
    {
      code: 'cognito_principal_tags_unknown_provider',
      severity: 'warning',
      summary: 'a principal-tag map names a provider the pool does not have, so its tags are never applied',
    },
    {
      code: 'cognito_user_pool_name_invalid',
      severity: 'warning',
      summary: 'a CognitoIdentityProviders ProviderName is not a user-pool provider name, so no login matches it',
    },
  ],
  run({ project }: LintContext): Finding[] {
    const out: Finding[] = [];
    const pool = project.identityPool;
    const names = tagMapNames(pool);
    (Array.isArray(project.principalTags) ? project.principalTags : []).forEach((map, i) => {
      const name = map?.IdentityProviderName;
      if (typeof name !== 'string' || names.has(name) || names.has(name.replace(/^arn:[^:]*:iam::\d{12}:oidc-provider\//, ''))) return;
      out.push(
        finding(
          'cognito_principal_tags_unknown_provider',
          'warning',
          `principal tags for \`${name}\` are never applied: it is not a provider of the identity pool`,
          explainProviderName(pool, name, { loginKey: true }) ??
            'name the provider as its Logins key, e.g. `cognito-idp.<region>.amazonaws.com/<user pool id>`',
          project.locate.principalTags([i, 'IdentityProviderName']),
        ),
      );
    });
    (pool?.CognitoIdentityProviders ?? []).forEach((c, i) => {
      if (!c || typeof c.ProviderName !== 'string' || isUserPoolLoginName(c.ProviderName) || isUnresolved(c.ProviderName)) return;
      out.push(
        finding(
          'cognito_user_pool_name_invalid',
          'warning',
          `ProviderName \`${c.ProviderName}\` is not a user-pool provider name, so no login matches it`,
          /^https?:\/\//.test(c.ProviderName)
            ? `drop the URL scheme: write \`${c.ProviderName.replace(/^https?:\/\//, '')}\``
            : 'write `cognito-idp.<region>.amazonaws.com/<user pool id>`, e.g. `cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE`',
          project.locate.identityPool(['CognitoIdentityProviders', i, 'ProviderName']),
        ),
      );
    });
    return out;
  },
};
