/**
 * `--verify-with`: checks a user's raw token against a JWKS the way the identity pool would trust
 * it, wherever the token came from (--token, --token-file, a scenario). One place, so `resolve`,
 * `access`, `can` and `keycard test` apply the same checks.
 */
import { resolve } from 'node:path';
import { KeycardInputError, type Location } from '../diagnostics/diagnostic.js';
import { readSourceText } from '../load/source.js';
import type { Claims, Project, TokenInfo } from '../model/types.js';
import { userPoolIssuer, verifyToken } from './token.js';

/** A JWKS as read from the file given to --verify-with. */
export interface Jwks {
  text: string;
  file: string;
}

/** The JWKS file named by --verify-with (named on the command line, so any readable file). */
export function readJwks(file: string): Jwks {
  const abs = resolve(file);
  return { text: readSourceText(abs), file: abs };
}

/**
 * The verified token, or a KeycardInputError that names the token's file (token problems) or the
 * JWKS file (an unreadable JWKS). `login` picks the user pool: its issuer and app clients.
 */
export async function verifyUserToken(
  project: Project,
  login: string | undefined,
  raw: string,
  claims: Claims,
  jwks: Jwks,
  tokenAt?: Location,
): Promise<TokenInfo> {
  const clients = (project.identityPool.CognitoIdentityProviders ?? []).filter((p) => p.ProviderName === login).map((p) => p.ClientId);
  const userPool = login?.startsWith('cognito-idp.');
  const v = await verifyToken(
    raw,
    jwks.text,
    {
      ...(userPool ? { issuer: userPoolIssuer(login!), tokenUse: 'id' as const } : {}),
      // The token must be for one of the pool's app clients of this user pool.
      ...(clients.length ? { audience: typeof claims.aud === 'string' && clients.includes(claims.aud) ? claims.aud : clients[0] } : {}),
      jwksLocation: { file: jwks.file, line: 1, column: 1 },
    },
    tokenAt,
  );
  if (!v.verified) throw new KeycardInputError([v.problem]);
  return { ...v.token, ...(tokenAt ? { source: tokenAt } : {}) };
}
