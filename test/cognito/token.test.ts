/** Tokens: decoding (never verified) and verification against a JWKS with jose. */
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeycardInputError } from '../../src/diagnostics/diagnostic.js';
import { readToken, userPoolIssuer, verifyToken } from '../../src/cognito/token.js';

const LOGIN = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_POOL';
const ISSUER = userPoolIssuer(LOGIN);
const NOW = new Date('2026-01-01T00:00:00Z');
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

let key: CryptoKey;
let otherKey: CryptoKey;
let jwks: { keys: JWK[] };

async function sign(
  claims: Record<string, unknown>,
  opts: { key?: CryptoKey; kid?: string; exp?: number; nbf?: number } = {},
): Promise<string> {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'k1' }).setIssuedAt(epoch(NOW) - 60);
  jwt = jwt.setExpirationTime(opts.exp ?? epoch(NOW) + 3600);
  if (opts.nbf !== undefined) jwt = jwt.setNotBefore(opts.nbf);
  return jwt.sign(opts.key ?? key);
}

beforeAll(async () => {
  const signing = await generateKeyPair('RS256');
  key = signing.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  // The JWKS holds the public half of `key` only.
  const pub = await exportJWK(signing.publicKey);
  jwks = { keys: [{ ...pub, kid: 'k1', alg: 'RS256', use: 'sig' }] };
});

const ID_CLAIMS = { sub: 'u1', aud: 'client1', iss: ISSUER, token_use: 'id', 'cognito:groups': ['admins'] };

describe('readToken', () => {
  it('takes a claims object as is, unverified', () => {
    expect(readToken({ sub: 'x' })).toEqual({ claims: { sub: 'x' }, token: { verified: false } });
  });
  it('decodes a raw JWT without verifying it', async () => {
    const jwt = await sign(ID_CLAIMS);
    const r = readToken(`  ${jwt}\n`);
    expect(r.claims).toMatchObject(ID_CLAIMS);
    expect(r.token).toMatchObject({ raw: jwt, verified: false, header: { alg: 'RS256', kid: 'k1' } });
  });
  it.each([
    ['not a jwt', 'token_malformed'],
    ['a.b', 'token_malformed'],
    ['a.b.c.d.e', 'token_malformed'],
    ['eyJhbGciOiJub25lIn0.!!!.x', 'token_malformed'],
  ])('refuses %j with a token_malformed diagnostic and a help line', (raw, code) => {
    try {
      readToken(raw);
      expect.unreachable('readToken accepted a malformed token');
    } catch (e) {
      expect(e).toBeInstanceOf(KeycardInputError);
      const d = (e as KeycardInputError).diagnostics[0]!;
      expect(d.code).toBe(code);
      expect(d.help).toBeTruthy();
    }
  });
  it.each([[[1]], [null], [42]])('refuses claims that are not an object: %j', (v) => {
    expect(() => readToken(v)).toThrow(KeycardInputError);
  });
});

describe('verifyToken', () => {
  const opts = { issuer: ISSUER, audience: 'client1', currentDate: NOW };
  it('verifies a good ID token and marks it verified', async () => {
    const r = await verifyToken(await sign(ID_CLAIMS), jwks, { ...opts, tokenUse: 'id' });
    expect(r.verified).toBe(true);
    expect(r.token.verified).toBe(true);
    expect(r.claims.sub).toBe('u1');
  });
  it('accepts the JWKS as JSON text', async () => {
    expect((await verifyToken(await sign(ID_CLAIMS), JSON.stringify(jwks), opts)).verified).toBe(true);
  });
  const failures: [string, () => Promise<string>, Record<string, unknown>, string][] = [
    ['expired', () => sign(ID_CLAIMS, { exp: epoch(NOW) - 10 }), {}, 'token_expired'],
    ['not yet valid', () => sign(ID_CLAIMS, { nbf: epoch(NOW) + 600 }), {}, 'token_not_yet_valid'],
    [
      'wrong issuer',
      () => sign({ ...ID_CLAIMS, iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_OTHER' }),
      {},
      'token_issuer_mismatch',
    ],
    ['wrong audience', () => sign({ ...ID_CLAIMS, aud: 'client2' }), {}, 'token_audience_mismatch'],
    [
      'access token where an ID token is required',
      () => sign({ ...ID_CLAIMS, token_use: 'access' }),
      { tokenUse: 'id' },
      'token_use_mismatch',
    ],
    ['signed by another key with the same kid', () => sign(ID_CLAIMS, { key: otherKey }), {}, 'token_signature_invalid'],
    ['unknown kid', () => sign(ID_CLAIMS, { kid: 'nope' }), {}, 'token_no_matching_key'],
    [
      'access token for another client',
      () => sign({ sub: 'u1', iss: ISSUER, token_use: 'access', client_id: 'client2' }),
      { tokenUse: 'access' },
      'token_client_id_mismatch',
    ],
  ];
  it.each(failures)('reports %s as data, with the decoded claims', async (_name, make, extra, code) => {
    const r = await verifyToken(await make(), jwks, { ...opts, ...extra });
    expect(r.verified).toBe(false);
    if (r.verified) return;
    expect(r.problem.code).toBe(code);
    expect(r.token.verified).toBe(false);
    expect(r.claims.sub).toBe('u1');
  });
  it('checks an access token by client_id, not aud', async () => {
    const jwt = await sign({ sub: 'u1', iss: ISSUER, token_use: 'access', client_id: 'client1' });
    expect((await verifyToken(jwt, jwks, { ...opts, tokenUse: 'access' })).verified).toBe(true);
  });
  it('throws KeycardInputError for a JWKS that is not a key set', async () => {
    await expect(verifyToken(await sign(ID_CLAIMS), '{"nokeys": 1}', opts)).rejects.toMatchObject({
      diagnostics: [{ code: 'token_jwks_invalid' }],
    });
    await expect(verifyToken(await sign(ID_CLAIMS), 'not json', opts)).rejects.toBeInstanceOf(KeycardInputError);
  });
  it('throws token_malformed for a malformed JWT', async () => {
    await expect(verifyToken('x.y', jwks, opts)).rejects.toMatchObject({ diagnostics: [{ code: 'token_malformed' }] });
  });
});
