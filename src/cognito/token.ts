/**
 * Tokens: claims given as a YAML/JSON object or as a raw JWT. Decoding never verifies, and the
 * result says so (`verified: false`) so that output can tell the user. verifyToken checks a JWT
 * against a JWKS the way an identity pool would trust a user-pool ID token: signature, exp/nbf,
 * iss, token_use, and aud (ID token) or client_id (access token). Verification failures are data;
 * only unreadable input (a malformed JWT, a JWKS that is not JSON) throws KeycardInputError.
 */
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet } from 'jose';
import { diag, KeycardInputError, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { checkDepth } from '../load/depth.js';
import { decodeJwtOrFail } from '../load/jwt.js';
import type { Claims, TokenInfo } from '../model/types.js';

export interface ReadToken {
  claims: Claims;
  token: TokenInfo;
}

/** Claims from a scenario value: an object of claims, or a raw JWT string (decoded, not verified). */
export function readToken(input: unknown, location?: Location): ReadToken {
  if (typeof input === 'string') {
    const { header, claims } = decodeJwtOrFail(input, location);
    return { claims, token: { raw: input.trim(), verified: false, header } };
  }
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) return { claims: input as Claims, token: { verified: false } };
  throw new KeycardInputError([
    diag(
      'token_claims_invalid',
      'error',
      `claims must be an object or a JWT string, not ${Array.isArray(input) ? 'a list' : input === null ? 'null' : typeof input}`,
      {
        help: 'give the decoded token claims as a mapping (sub: ..., aud: ...) or the raw token as a string',
        ...(location ? { location } : {}),
      },
    ),
  ]);
}

/** The issuer of a user pool's tokens, from its Logins key `cognito-idp.<region>.amazonaws.com/<poolId>`. */
export function userPoolIssuer(login: string): string {
  return `https://${login}`;
}

export interface VerifyTokenOptions {
  issuer?: string;
  /** Expected `aud` of an ID token (the app client id). */
  audience?: string;
  /** Expected `client_id` of an access token; defaults to `audience`. */
  clientId?: string;
  tokenUse?: 'id' | 'access';
  /** For tests and replaying old tokens: the time to check exp/nbf against. */
  currentDate?: Date;
  clockTolerance?: number;
  /** Where the JWKS came from: its errors point there (token errors point at `location`). */
  jwksLocation?: Location;
}

export type TokenVerification =
  { verified: true; claims: Claims; token: TokenInfo } | { verified: false; claims: Claims; token: TokenInfo; problem: Diagnostic };

function parseJwks(jwks: string | JSONWebKeySet, location?: Location): JSONWebKeySet {
  let value: unknown = jwks;
  if (typeof jwks === 'string') {
    try {
      value = JSON.parse(jwks);
    } catch {
      value = undefined;
    }
  }
  const invalid = (message: string) =>
    new KeycardInputError([
      diag('token_jwks_invalid', 'error', message, {
        help: 'download it from https://cognito-idp.<region>.amazonaws.com/<poolId>/.well-known/jwks.json',
        ...(location ? { location } : {}),
      }),
    ]);
  const keys = value !== null && typeof value === 'object' ? (value as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys)) throw invalid('the JWKS is not a JSON object with a `keys` list');
  if (keys.length === 0) throw invalid('the JWKS has no keys');
  checkDepth(value, 'the JWKS', location);
  const bad = keys.findIndex(
    (k) => k === null || typeof k !== 'object' || Array.isArray(k) || typeof (k as { kty?: unknown }).kty !== 'string',
  );
  if (bad >= 0) throw invalid(`key ${bad + 1} of the JWKS is not a JSON Web Key (an object with \`kty\`)`);
  return value as JSONWebKeySet;
}

/** Maps jose's verification errors to keycard diagnostics. */
function problemFor(e: unknown): Diagnostic {
  const help = 'keycard checks the token as the identity pool would; fix the token or pass the matching JWKS and options';
  if (e instanceof errors.JWTExpired)
    return diag('token_expired', 'error', 'the token has expired (`exp` is in the past)', {
      help: 'get a fresh token, or check it as of an earlier time',
    });
  if (e instanceof errors.JWTClaimValidationFailed && e.claim === 'exp' && e.reason === 'missing') {
    return diag('token_no_exp', 'error', 'the token has no `exp` claim, so it cannot be verified', {
      help: 'user pools always set `exp`; a token without it was not issued by one',
    });
  }
  if (e instanceof errors.JWTClaimValidationFailed) {
    const code =
      e.claim === 'nbf'
        ? 'token_not_yet_valid'
        : e.claim === 'iss'
          ? 'token_issuer_mismatch'
          : e.claim === 'aud'
            ? 'token_audience_mismatch'
            : 'token_claim_invalid';
    return diag(code, 'error', `the token's \`${e.claim}\` claim check failed: ${e.message.replace(/\.$/, '').toLowerCase()}`, { help });
  }
  if (e instanceof errors.JWKSNoMatchingKey)
    return diag('token_no_matching_key', 'error', "no key in the JWKS matches the token's `kid`", {
      help: 'use the JWKS of the user pool that issued the token',
    });
  if (e instanceof errors.JWSSignatureVerificationFailed)
    return diag('token_signature_invalid', 'error', "the token's signature does not verify", {
      help: 'the token was altered or signed by another key',
    });
  const message = e instanceof Error ? e.message : String(e);
  return diag('token_invalid', 'error', `the token does not verify: ${message.replace(/\.$/, '')}`, { help });
}

export async function verifyToken(
  jwt: string,
  jwks: string | JSONWebKeySet,
  opts: VerifyTokenOptions = {},
  location?: Location,
): Promise<TokenVerification> {
  const { claims, token } = readToken(jwt, location);
  const keySet = createLocalJWKSet(parseJwks(jwks, opts.jwksLocation ?? location));
  const tokenUse = typeof claims.token_use === 'string' ? claims.token_use : undefined;
  const fail = (problem: Diagnostic): TokenVerification => ({
    verified: false,
    claims,
    token,
    problem: location ? { ...problem, location } : problem,
  });
  if (opts.tokenUse !== undefined && tokenUse !== opts.tokenUse) {
    return fail(
      diag('token_use_mismatch', 'error', `the token's \`token_use\` is \`${tokenUse ?? '(none)'}\`, not \`${opts.tokenUse}\``, {
        help: "identity pools take the user pool's ID token",
      }),
    );
  }
  const isAccess = (opts.tokenUse ?? tokenUse) === 'access';
  try {
    await jwtVerify(jwt.trim(), keySet, {
      // A token that never expires is not one a user pool issued: never call it verified.
      requiredClaims: ['exp'],
      ...(opts.issuer !== undefined ? { issuer: opts.issuer } : {}),
      ...(!isAccess && opts.audience !== undefined ? { audience: opts.audience } : {}),
      ...(opts.currentDate ? { currentDate: opts.currentDate } : {}),
      ...(opts.clockTolerance !== undefined ? { clockTolerance: opts.clockTolerance } : {}),
    });
  } catch (e) {
    return fail(problemFor(e));
  }
  const clientId = opts.clientId ?? opts.audience;
  if (isAccess && clientId !== undefined && claims.client_id !== clientId) {
    return fail(
      diag(
        'token_client_id_mismatch',
        'error',
        `the access token's \`client_id\` is \`${String(claims.client_id)}\`, not \`${clientId}\``,
        { help: 'use a token issued to the app client configured on the identity pool' },
      ),
    );
  }
  return { verified: true, claims, token: { ...token, verified: true } };
}
