/** Building the explorer's users: from scenarios, the guest, a copy, or a pasted JWT. */
import { readToken } from '../../cognito/token.js';
import type { Claims, Project, Scenario } from '../../model/types.js';
import type { ExplorerUser } from './types.js';

export function userFromScenario(s: Scenario): ExplorerUser {
  return {
    id: `scenario:${s.file}#${s.index}`,
    label: s.name,
    origin: 'scenario',
    scenarioFile: s.file,
    ...(s.login !== undefined ? { login: s.login } : {}),
    claims: structuredClone(s.claims),
    ...(s.identityId !== undefined ? { identityId: s.identityId } : {}),
    ...(s.customRoleArn !== undefined ? { customRoleArn: s.customRoleArn } : {}),
    flow: s.flow,
    ...(s.requestedRoleArn !== undefined ? { requestedRoleArn: s.requestedRoleArn } : {}),
    edited: false,
  };
}

export const GUEST: ExplorerUser = { id: 'guest', label: 'guest (no login)', origin: 'guest', claims: {}, flow: 'enhanced', edited: false };

/** A copy to play with, so the scenario user stays as the file has it. */
export function copyUser(u: ExplorerUser, n: number): ExplorerUser {
  const { scenarioFile, ...rest } = u;
  return {
    ...rest,
    ...(scenarioFile ? { scenarioFile } : {}),
    id: `adhoc:${n}`,
    label: `ad-hoc ${n} (from ${u.label})`,
    origin: 'adhoc',
    claims: structuredClone(u.claims),
    edited: true,
  };
}

/** The Logins key a token's issuer stands for (user pool, or a social/OIDC provider of the pool). */
function loginForClaims(claims: Claims, project: Project): string | undefined {
  const iss = typeof claims.iss === 'string' ? claims.iss : '';
  const host = iss.replace(/^https:\/\//, '').replace(/\/$/, '');
  const pool = project.identityPool;
  const userPool = (pool.CognitoIdentityProviders ?? []).find((p) => p.ProviderName === host);
  if (userPool) return userPool.ProviderName;
  if (/^cognito-idp\./.test(host)) return host;
  const social = Object.keys(pool.SupportedLoginProviders ?? {}).find((k) => host === k || host.endsWith(`.${k}`));
  if (social) return social;
  if (host) return host;
  return (pool.CognitoIdentityProviders ?? [])[0]?.ProviderName;
}

/** A new user from a raw JWT (decoded, not verified). Throws KeycardInputError for a malformed token. */
export function userFromJwt(jwt: string, n: number, project: Project): ExplorerUser {
  const { claims } = readToken(jwt.trim());
  const login = loginForClaims(claims, project);
  const who =
    typeof claims['cognito:username'] === 'string'
      ? claims['cognito:username']
      : typeof claims.email === 'string'
        ? claims.email
        : typeof claims.sub === 'string'
          ? claims.sub
          : 'token';
  return {
    id: `adhoc:${n}`,
    label: `pasted JWT: ${String(who)}`,
    origin: 'jwt',
    ...(login ? { login } : {}),
    claims,
    flow: 'enhanced',
    edited: true,
  };
}
