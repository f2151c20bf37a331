/** The token checks Verified Permissions makes before deciding, table-driven from test/fixtures/cedar/avp-tokens.yaml. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkToken } from '../../src/cedar/token.js';
import type { CedarConfig, Claims } from '../../src/model/types.js';

const cases = parse(readFileSync(join(import.meta.dirname, '../fixtures/cedar/avp-tokens.yaml'), 'utf8')) as {
  name: string;
  login?: string;
  claims: Claims;
  tokenUse?: string;
  error?: string;
}[];
const config: CedarConfig = {
  schemaFile: 's',
  policyFiles: [],
  principalEntityType: 'A::User',
  groupEntityType: 'AWS::CognitoGroup',
  userPoolId: 'us-east-1_EXAMPLE',
};

describe('AVP token checks', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = checkToken(config, c.claims, c.login);
    if (c.tokenUse) return expect(r).toEqual({ tokenUse: c.tokenUse });
    expect('error' in r && r.error.code).toBe('ValidationException');
    expect('error' in r && r.error.message).toContain(c.error);
  });
});
