/**
 * Which configured provider a login belongs to (cognito-reference §1.2): the Logins key plus, for
 * user pools, the token's `aud`. Also finds the RoleMappings entry for that provider, honouring
 * CloudFormation's `IdentityProvider ?? key` and the OIDC host/ARN equivalence (decision #10).
 */
import type { Claims, IdentityPool, Project, RoleMapping } from '../model/types.js';
import { couldEqual, isUnresolved, unresolvedNamesIn } from '../model/unresolved.js';
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

/**
 * A refusal carries `unknown` when values no file gives could still make the login a provider of the
 * pool (docs/imports.md): the answer is then unknown, not AWS's error.
 */
export type ProviderOutcome = { ok: true; provider: Provider; steps: TraceStep[] } | Refusal;
type Refusal = { ok: false; error: { code: string; message: string }; steps: TraceStep[]; unknown?: string[] };

/** The Logins key Cognito uses for developer-authenticated identities after GetOpenIdTokenForDeveloperIdentity. */
const COGNITO_IDENTITY_LOGIN = 'cognito-identity.amazonaws.com';
const USER_POOL_LOGIN = /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/[\w-]+_[0-9A-Za-z]+$/;

function refuse(message: string, step: TraceStep): Refusal {
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
  if (social && Object.hasOwn(social, login)) return socialProvider(pool, login, String(social[login]), claims);
  const oidc = (pool.OpenIdConnectProviderARNs ?? []).find((arn) => oidcHost(arn) === oidcHost(login));
  if (oidc !== undefined) {
    const host = oidcHost(login);
    return ok({ kind: 'oidc', name: host, login, amr: [host] }, `\`${login}\` is the OpenID Connect provider \`${oidc}\``);
  }
  if ((pool.SamlProviderARNs ?? []).includes(login)) {
    return ok({ kind: 'saml', name: login, login, amr: [login] }, `\`${login}\` is a SAML provider of the pool`);
  }
  return notAProvider(pool, login, claims, {
    step: 'provider',
    message: `\`${login}\` is not a provider of this identity pool (not a user pool client, SupportedLoginProviders key, OIDC or SAML provider ARN, or the developer provider)`,
  });
}

/** AWS's "not a supported provider", unless an unresolved value could make the login one. */
function notAProvider(pool: IdentityPool, login: string, claims: Claims, step: TraceStep): ProviderOutcome {
  const refusal = refuse(MESSAGES.unsupportedProvider, step);
  const unknown = unresolvedMatches(pool, login, claims);
  return unknown.length ? { ...refusal, unknown } : refusal;
}

/**
 * The unresolved values that could make `login` (with the token's `aud`) a provider of the pool: a
 * provider's name, or the client id or app ids of a provider whose name could be the login. An
 * unresolved client id of a provider with another name cannot, so it leaves AWS's refusal standing.
 */
function unresolvedMatches(pool: IdentityPool, login: string, claims: Claims): string[] {
  const aud = stringClaim(claims, 'aud');
  const tokenUse = stringClaim(claims, 'token_use');
  const deciding: unknown[] = [];
  const developer = pool.DeveloperProviderName;
  if (typeof developer === 'string' && couldEqual(developer, login)) deciding.push(developer, login);
  for (const p of pool.CognitoIdentityProviders ?? []) {
    const idToken = tokenUse === undefined || tokenUse === 'id';
    if (idToken && aud !== undefined && couldEqual(String(p.ProviderName), login) && couldEqual(String(p.ClientId), aud))
      deciding.push(p.ProviderName, p.ClientId, login, aud);
  }
  for (const [key, appIds] of Object.entries(pool.SupportedLoginProviders ?? {}))
    if (couldEqual(key, login) && appIdsCouldAccept(String(appIds), aud)) deciding.push(key, appIds, login, aud);
  for (const arn of pool.OpenIdConnectProviderARNs ?? []) if (couldEqual(oidcHostOf(arn), oidcHost(login))) deciding.push(arn, login);
  for (const arn of pool.SamlProviderARNs ?? []) if (couldEqual(arn, login)) deciding.push(arn, login);
  return [...unresolvedNamesIn(deciding)];
}

function appIdsCouldAccept(appIds: string, aud: string | undefined): boolean {
  return aud === undefined || appIds === '' || appIds.split(',').some((id) => couldEqual(id.trim(), aud));
}

/** oidcHost, also for an ARN whose account is unresolved. */
function oidcHostOf(arn: string): string {
  return isUnresolved(arn) ? (/:oidc-provider\/(.+)$/.exec(arn)?.[1] ?? arn) : oidcHost(arn);
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
    const refusal = refuse(MESSAGES.issuerMismatch, {
      step: 'provider',
      message: `the token's iss \`${iss}\` is not \`https://${login}\``,
    });
    // A login (or iss) unresolved in part may be the other once known.
    return couldEqual(iss, `https://${login}`) ? { ...refusal, unknown: [...unresolvedNamesIn([login, iss])] } : refusal;
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
    return notAProvider(pool, login, claims, {
      step: 'provider',
      message: `app client \`${aud}\` of \`${login}\` is not in the pool's CognitoIdentityProviders`,
    });
  }
  const sub = stringClaim(claims, 'sub');
  const amr = sub === undefined ? [login] : [login, `${login}:CognitoSignIn:${sub}`];
  return ok({ kind: 'userPool', name, login, amr }, `user pool \`${login}\` with app client \`${aud}\`: provider \`${name}\``);
}

function socialProvider(pool: IdentityPool, login: string, appIds: string, claims: Claims): ProviderOutcome {
  const aud = stringClaim(claims, 'aud');
  const allowed = appIds.split(',').map((s) => s.trim());
  if (aud !== undefined && appIds !== '' && !allowed.includes(aud)) {
    const unknown = unresolvedMatches(pool, login, claims);
    return {
      ok: false,
      ...(unknown.length ? { unknown } : {}),
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
