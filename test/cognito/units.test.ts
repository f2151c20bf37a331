/** Unit tests of the cognito stage's pure helpers, table-driven where the table is data. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { deriveGroupRoleClaims } from '../../src/cognito/group-roles.js';
import { defaultIdentityId } from '../../src/model/identity-id.js';
import { unauthenticatedSessionPolicies, UNAUTHED_SESSION_POLICY_ARN } from '../../src/cognito/session-policies.js';
import { claimText, roleList } from '../../src/cognito/claims.js';
import { oidcHost, roleAccount } from '../../src/cognito/arn.js';
import type { UserPoolGroup } from '../../src/model/types.js';
import { FIXTURES } from './fixture-cases.js';

describe('deriveGroupRoleClaims', () => {
  const table = parse(readFileSync(join(FIXTURES, 'units', 'group-roles.yaml'), 'utf8')) as {
    userPoolGroups: UserPoolGroup[];
    cases: { name: string; groups: unknown; roles: string[]; preferredRole: string | null; unknown?: string[] }[];
  };
  const arn = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
  for (const c of table.cases) {
    it(c.name, () => {
      const d = deriveGroupRoleClaims(c.groups, table.userPoolGroups);
      expect(d.roles).toEqual(c.roles.map(arn));
      expect(d.preferredRole).toBe(c.preferredRole === null ? undefined : arn(c.preferredRole));
      expect(d.unknownGroups).toEqual(c.unknown ?? []);
      expect(d.reason.length).toBeGreaterThan(0);
    });
  }
});

describe('defaultIdentityId (decision 16)', () => {
  const id = (login?: string, sub?: string, pool = 'us-east-1:pool') => defaultIdentityId('us-east-1', pool, login, sub);
  it('is <region>:<uuid> and matches the API pattern', () => {
    expect(id('l', 's')).toMatch(/^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id('l', 's').length).toBeLessThanOrEqual(55);
  });
  it('is deterministic and depends on pool, login and sub', () => {
    expect(id('l', 's')).toBe(id('l', 's'));
    expect(new Set([id('l', 's'), id('l', 't'), id('m', 's'), id('l', 's', 'us-east-1:other'), id(undefined, undefined)]).size).toBe(5);
  });
});

describe('unauthenticated session policies (§1.9.1)', () => {
  const actions = (region: string, kind: string) => {
    const p = unauthenticatedSessionPolicies(region).find((x) => x.kind === kind)!;
    return (p.document.json as { Statement: { Action: string[] }[] }).Statement[0]!.Action;
  };
  it('inline policy in a default Region includes s3:* and the default-Region-only actions', () => {
    expect(actions('us-east-1', 'inline')).toEqual(expect.arrayContaining(['s3:*', 'sdb:*', 'cognito-sync:*']));
  });
  it('inline policy in an opt-in Region leaves those out but keeps s3:*', () => {
    const a = actions('eu-south-2', 'inline');
    expect(a).toContain('s3:*');
    for (const gone of ['sdb:*', 'cognito-sync:*', 'codewhisperer:*', 'textract:AnalyzeDocument']) expect(a).not.toContain(gone);
  });
  it('managed policy is AmazonCognitoUnAuthedIdentitiesSessionPolicy with the KMS and Location actions', () => {
    const p = unauthenticatedSessionPolicies('us-east-1')[1]!;
    expect(p.arn).toBe(UNAUTHED_SESSION_POLICY_ARN);
    expect(p.arn).toBe('arn:aws:iam::aws:policy/AmazonCognitoUnAuthedIdentitiesSessionPolicy');
    expect(actions('us-east-1', 'managed')).toEqual(expect.arrayContaining(['kms:Decrypt', 'geo:GetPlace', 'rum:PutRumEvents']));
    expect(actions('us-east-1', 'managed')).not.toContain('s3:*');
    expect(p.document.file).toBe('<cognito scope-down>');
  });
});

describe('claim helpers', () => {
  it.each([
    ['a', 'a'],
    [5, '5'],
    [true, 'true'],
    [null, 'null'],
    [[1, 'a'], '[1,"a"]'],
    [{ a: 1 }, '{"a":1}'],
  ])('claimText(%j) = %j (decision 5)', (v, t) => expect(claimText(v)).toBe(t));
  it.each([
    [
      ['a', 'b', 'a'],
      ['a', 'b'],
    ],
    ['a, b,,c', ['a', 'b', 'c']],
    [undefined, []],
    ['', []],
    [[' x '], ['x']],
  ])('roleList(%j) (decision 9)', (v, out) => expect(roleList(v)).toEqual(out));
  it('reads ARNs', () => {
    expect(roleAccount('arn:aws:iam::210987654321:role/path/R')).toBe('210987654321');
    expect(roleAccount('arn:aws:iam::210987654321:user/R')).toBeUndefined();
    expect(oidcHost('arn:aws:iam::123456789012:oidc-provider/login.example.com')).toBe('login.example.com');
    expect(oidcHost('login.example.com')).toBe('login.example.com');
  });
});
