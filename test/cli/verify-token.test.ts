// `--verify-with jwks.json` through the CLI: a good token resolves, a bad one is exit 3.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { keycard } from './helpers.js';
import { tempDir } from '../temp.js';

const LOGIN = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_PhOtO1234';
const WEB = '3webclient0photoshare0abcd';
const dir = tempDir('keycard-jwks-');
const jwks = join(dir, 'jwks.json');
let sign: (claims: Record<string, unknown>, exp?: string) => Promise<string>;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  writeFileSync(jwks, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] }));
  sign = (claims, exp = '1h') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(`https://${LOGIN}`)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(privateKey);
});

const editor = { sub: '2e2e2e2e-aaaa-4bbb-8ccc-dddddddddddd', aud: WEB, token_use: 'id', 'cognito:groups': ['editors'] };

describe('keycard resolve --verify-with', () => {
  it('resolves a valid token and says it was verified', async () => {
    const r = await keycard(['resolve', '--login', LOGIN, '--token', await sign(editor), '--verify-with', jwks]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('PhotoShareEditorRole');
    expect(r.stdout).toContain('token: verified');
  });

  it('without --verify-with, says the token was not verified', async () => {
    const r = await keycard(['resolve', '--login', LOGIN, '--token', await sign(editor)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('decoded but not verified');
  });

  it.each([
    ['an expired token', { ...editor }, '-1h', 'token_expired'],
    ['an access token', { ...editor, token_use: 'access' }, '1h', 'token_use_mismatch'],
    ['a token for another app client', { ...editor, aud: 'someotherclient000000000' }, '1h', 'token_audience_mismatch'],
  ])('refuses %s with exit 3', async (_n, claims, exp, code) => {
    const r = await keycard(['resolve', '--login', LOGIN, '--token', await sign(claims, exp), '--verify-with', jwks]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(code);
  });

  it('refuses a token signed by another key', async () => {
    const other = await generateKeyPair('RS256');
    const forged = await new SignJWT(editor)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(`https://${LOGIN}`)
      .setExpirationTime('1h')
      .sign(other.privateKey);
    const r = await keycard(['resolve', '--login', LOGIN, '--token', forged, '--verify-with', jwks]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('token_signature_invalid');
  });
});
