/**
 * Decoding a raw JWT into claims (decode only; verification lives in src/cognito/token.ts).
 * A malformed token is a user error with a clear message, never an exception trace.
 */
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { KeycardInputError, type Location } from '../diagnostics/diagnostic.js';
import { checkDepth } from './depth.js';

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

export function decodeJwtOrFail(token: string, location?: Location): DecodedJwt {
  const jwt = token.trim();
  const parts = jwt.split('.');
  const problem =
    parts.length === 5
      ? 'it is an encrypted JWE token, not a signed JWT'
      : parts.length !== 3
        ? `a JWT has three dot-separated parts, this one has ${parts.length}`
        : undefined;
  if (!problem) {
    try {
      const header = decodeProtectedHeader(jwt) as Record<string, unknown>;
      const claims = decodeJwt(jwt) as Record<string, unknown>;
      checkDepth(header, 'the token header', location);
      checkDepth(claims, 'the token payload', location);
      return { header, claims: Object.setPrototypeOf(claims, null) as Record<string, unknown> };
    } catch (e) {
      if (e instanceof KeycardInputError) throw e;
      const why = e instanceof Error ? e.message.replace(/\.$/, '') : String(e);
      throw malformed(`the token is not a valid JWT: ${why.charAt(0).toLowerCase()}${why.slice(1)}`, location);
    }
  }
  throw malformed(`the token is not a valid JWT: ${problem}`, location);
}

function malformed(message: string, location?: Location): KeycardInputError {
  return new KeycardInputError([
    {
      code: 'token_malformed',
      severity: 'error',
      message,
      help: 'pass the ID token exactly as issued (header.payload.signature, base64url), or give the claims as YAML/JSON',
      location,
    },
  ]);
}
