/**
 * Why a provider name (a RoleMappings key, a CloudFormation IdentityProvider, a principal-tag map's
 * IdentityProviderName) matches no login of the pool, in words (cognito-reference §1.2).
 */
import { isOidcArn, oidcHost } from '../cognito/arn.js';
import type { IdentityPool } from '../model/types.js';

const USER_POOL = /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/[\w-]+_[0-9A-Za-z]+$/;
const SAML_ARN = /^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/.+$/;

const list = (xs: string[]) => (xs.length ? xs.map((x) => `\`${x}\``).join(', ') : 'none');

/** A help line for a name that is not a configured provider, or undefined when no form is recognised. */
export function explainProviderName(pool: IdentityPool | undefined, name: string, opts: { loginKey?: boolean } = {}): string | undefined {
  const cips = pool?.CognitoIdentityProviders ?? [];
  if (/^https?:\/\//.test(name)) return `drop the \`${name.slice(0, name.indexOf('//') + 2)}\`: providers are named without a URL scheme`;
  if (USER_POOL.test(name) && opts.loginKey) {
    return `user pool \`${name}\` is not in the pool's CognitoIdentityProviders; add it with its app client, or fix the user pool id or region`;
  }
  if (USER_POOL.test(name)) {
    const clients = cips.filter((c) => c.ProviderName === name).map((c) => `${name}:${c.ClientId}`);
    return `a user-pool mapping is keyed \`<user pool>:<app client id>\`; configured for this user pool: ${list(clients)}`;
  }
  const colon = name.lastIndexOf(':');
  const poolPart = colon > 0 ? name.slice(0, colon) : '';
  if (USER_POOL.test(poolPart)) {
    const clients = cips.filter((c) => c.ProviderName === poolPart).map((c) => c.ClientId);
    if (clients.length === 0)
      return `user pool \`${poolPart}\` is not in the pool's CognitoIdentityProviders; add it with its app client, or fix the user pool id or region`;
    return `app client \`${name.slice(colon + 1)}\` is not configured for \`${poolPart}\`; configured app clients: ${list(clients)}`;
  }
  if (isOidcArn(name)) {
    return `no OpenIdConnectProviderARNs entry for \`${oidcHost(name)}\`; configured OIDC providers: ${list(pool?.OpenIdConnectProviderARNs ?? [])}`;
  }
  if (SAML_ARN.test(name))
    return `\`${name}\` is not in SamlProviderARNs; configured SAML providers: ${list(pool?.SamlProviderARNs ?? [])}`;
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(name)) {
    return `\`${name}\` is not a SupportedLoginProviders key, OIDC provider or the developer provider; configured login providers: ${list(Object.keys(pool?.SupportedLoginProviders ?? {}))}`;
  }
  return undefined;
}

/** Names that identify a configured provider in a principal-tag map (Logins key or mapping key). */
export function tagMapNames(pool: IdentityPool | undefined): Set<string> {
  const names = new Set<string>();
  for (const c of pool?.CognitoIdentityProviders ?? []) {
    names.add(c.ProviderName);
    names.add(`${c.ProviderName}:${c.ClientId}`);
  }
  for (const k of Object.keys(pool?.SupportedLoginProviders ?? {})) names.add(k);
  for (const arn of pool?.OpenIdConnectProviderARNs ?? []) {
    names.add(arn);
    names.add(oidcHost(arn));
  }
  for (const arn of pool?.SamlProviderARNs ?? []) names.add(arn);
  if (pool?.DeveloperProviderName) names.add(pool.DeveloperProviderName);
  return names;
}

export function isUserPoolLoginName(name: string): boolean {
  return USER_POOL.test(name);
}
