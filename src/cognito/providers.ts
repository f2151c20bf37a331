/**
 * Which configured provider a login belongs to (cognito-reference §1.2): the Logins key plus, for
 * user pools, the token's `aud`. Also finds the RoleMappings entry for that provider, honouring
 * CloudFormation's `IdentityProvider ?? key` and the OIDC host/ARN equivalence (decision #10).
 */
import type { Claims, IdentityPool, Project, RoleMapping } from '../model/types.js';
import { oidcHost } from './arn.js';
import { stringClaim } from './claims.js';
import { MESSAGES, NOT_AUTHORIZED } from './errors.js';
import type { TraceStep } from './types.js';

type ProviderKind = 'userPool' | 'social' | 'oidc' | 'saml' | 'developer';

export interface Provider {
  kind: ProviderKind;
  /** The provider as RoleMappings keys name it (user pool: `<Logins key>:<aud>`). */
  name: string;
  /** The Logins key as given. */
  login: string;
  /** Values Cognito puts in `amr` after `authenticated`. */
  amr: string[];
}

export type ProviderOutcome =
  { ok: true; provider: Provider; steps: TraceStep[] } | { ok: false; error: { code: string; message: string }; steps: TraceStep[] };

/** The Logins key Cognito uses for developer-authenticated identities after GetOpenIdTokenForDeveloperIdentity. */
const COGNITO_IDENTITY_LOGIN = 'cognito-identity.amazonaws.com';
const USER_POOL_LOGIN = /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/[\w-]+_[0-9A-Za-z]+$/;

function refuse(message: string, step: TraceStep): ProviderOutcome {
  return { ok: false, error: { code: NOT_AUTHORIZED, message }, steps: [{ ...step, outcome: 'error' }] };
}

function isUserPoolLogin(pool: IdentityPool, login: string): boolean {
  return USER_POOL_LOGIN.test(login) || (pool.CognitoIdentityProviders ?? []).some((p) => p.ProviderName === login);
}

export function identifyProvider(project: Project, login: string, claims: Claims): ProviderOutcome {
  const pool = project.identityPool;
  const developer = pool.DeveloperProviderName;
  if (developer !== undefined && (login === developer || login === COGNITO_IDENTITY_LOGIN)) {
    return ok(
      { kind: 'developer', name: developer, login, amr: [developer] },
      `\`${login}\` is the developer provider \`${developer}\`: Cognito issues the default authenticated role`,
    );
  }
  if (isUserPoolLogin(pool, login)) return userPool(pool, login, claims);
  const social = pool.SupportedLoginProviders;
  if (social && Object.hasOwn(social, login)) return socialProvider(login, String(social[login]), claims);
  const oidc = (pool.OpenIdConnectProviderARNs ?? []).find((arn) => oidcHost(arn) === oidcHost(login));
  if (oidc !== undefined) {
    const host = oidcHost(login);
    return ok({ kind: 'oidc', name: host, login, amr: [host] }, `\`${login}\` is the OpenID Connect provider \`${oidc}\``);
  }
  if ((pool.SamlProviderARNs ?? []).includes(login)) {
    return ok({ kind: 'saml', name: login, login, amr: [login] }, `\`${login}\` is a SAML provider of the pool`);
  }
  return refuse(MESSAGES.unsupportedProvider, {
    step: 'provider',
    message: `\`${login}\` is not a provider of this identity pool (not a user pool client, SupportedLoginProviders key, OIDC or SAML provider ARN, or the developer provider)`,
  });
}

function ok(provider: Provider, message: string): ProviderOutcome {
  return { ok: true, provider, steps: [{ step: 'provider', message, outcome: 'match' }] };
}

function userPool(pool: IdentityPool, login: string, claims: Claims): ProviderOutcome {
  const tokenUse = stringClaim(claims, 'token_use');
  if (tokenUse !== undefined && tokenUse !== 'id') {
    return refuse(MESSAGES.notIdToken, {
      step: 'provider',
      message: `the token is a user-pool \`${tokenUse}\` token; identity pools accept only the ID token`,
    });
  }
  const iss = stringClaim(claims, 'iss');
  if (iss !== undefined && iss !== `https://${login}`) {
    return refuse(MESSAGES.issuerMismatch, { step: 'provider', message: `the token's iss \`${iss}\` is not \`https://${login}\`` });
  }
  const aud = stringClaim(claims, 'aud');
  if (aud === undefined) {
    return refuse(MESSAGES.unsupportedProvider, {
      step: 'provider',
      message: 'the user-pool token has no string `aud` claim, so it names no app client',
    });
  }
  const name = `${login}:${aud}`;
  const configured = (pool.CognitoIdentityProviders ?? []).some((p) => p.ProviderName === login && p.ClientId === aud);
  if (!configured) {
    return refuse(MESSAGES.unsupportedProvider, {
      step: 'provider',
      message: `app client \`${aud}\` of \`${login}\` is not in the pool's CognitoIdentityProviders`,
    });
  }
  const sub = stringClaim(claims, 'sub');
  const amr = sub === undefined ? [login] : [login, `${login}:CognitoSignIn:${sub}`];
  return ok({ kind: 'userPool', name, login, amr }, `user pool \`${login}\` with app client \`${aud}\`: provider \`${name}\``);
}

function socialProvider(login: string, appIds: string, claims: Claims): ProviderOutcome {
  const aud = stringClaim(claims, 'aud');
  const allowed = appIds.split(',').map((s) => s.trim());
  if (aud !== undefined && appIds !== '' && !allowed.includes(aud)) {
    return {
      ok: false,
      error: { code: NOT_AUTHORIZED, message: MESSAGES.audienceMismatch },
      steps: [
        {
          step: 'provider',
          message: `the token's aud \`${aud}\` is not the app id configured for \`${login}\` (\`${appIds}\`)`,
          outcome: 'error',
        },
      ],
    };
  }
  return ok({ kind: 'social', name: login, login, amr: [login] }, `\`${login}\` is a supported login provider of the pool`);
}

export interface MappingMatch {
  /** The RoleMappings key as written. */
  key: string;
  /** The provider the mapping applies to (`IdentityProvider ?? key`). */
  providerName: string;
  mapping: RoleMapping;
}

/** The role mapping that applies to a provider, if any. */
export function findMapping(project: Project, provider: Provider): MappingMatch | undefined {
  const mappings = project.identityPoolRoles.RoleMappings ?? {};
  for (const key of Object.keys(mappings)) {
    const mapping = mappings[key];
    if (!mapping || typeof mapping !== 'object') continue;
    const providerName = typeof mapping.IdentityProvider === 'string' ? mapping.IdentityProvider : key;
    const same = provider.kind === 'oidc' ? oidcHost(providerName) === provider.name : providerName === provider.name;
    if (same) return { key, providerName, mapping };
  }
  return undefined;
}
