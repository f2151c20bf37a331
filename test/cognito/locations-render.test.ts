/** Trace and diagnostic locations point into the source file; the text renderer shows them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configurationProblems } from '../../src/cognito/config-problems.js';
import { configurationWarnings } from '../../src/cognito/lint.js';
import { renderResolution } from '../../src/cognito/render.js';
import { resolveRoleWith } from '../../src/cognito/resolve.js';
import { stripAnsi } from '../../src/text/color.js';
import { FIXTURES, loadFixtureSuites, stubTrust } from './fixture-cases.js';

/** 1-based line of the first line in `file` containing `needle` after line `after`. */
function lineOf(file: string, needle: string, after = 0): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l, n) => n >= after && l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${file}`);
  return i + 1;
}

const rulesFile = join(FIXTURES, 'rules.yaml');
const rules = loadFixtureSuites(rulesFile)[0]!.project;
const LOGIN = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_POOL';

describe('locations', () => {
  it('each rule step points at its rule in the project file', () => {
    const r = resolveRoleWith(rules, { login: LOGIN, claims: { sub: 'u', aud: 'deny', email: 'a@corp.example' } });
    const steps = r.trace.filter((s) => s.step === 'rule');
    expect(steps.map((s) => s.location?.line)).toEqual([
      lineOf(rulesFile, "Value: admins, RoleARN: 'arn:aws:iam::123456789012:role/Admin'"),
      lineOf(rulesFile, 'Value: Sales'),
      lineOf(rulesFile, 'Value: acme-'),
      lineOf(rulesFile, "Value: '5'"),
      lineOf(rulesFile, 'Value: paid'),
      lineOf(rulesFile, "Value: '@corp.example'"),
    ]);
    expect(steps.every((s) => s.location?.file === rulesFile)).toBe(true);
  });
  it('configurationProblems locates each problem in identityPoolRoles', () => {
    const file = join(FIXTURES, 'config.yaml');
    const suites = loadFixtureSuites(file);
    const https = suites.find((s) => s.name === 'https key')!;
    const [d] = configurationProblems(https.project);
    expect(d).toMatchObject({
      code: 'cognito_mapping_key_url',
      severity: 'error',
      location: { file, line: lineOf(file, 'https://cognito-idp') },
    });
    expect(d!.help).toBeTruthy();
    expect(d!.message).toMatch(/^[a-z]/);
    const many = suites.find((s) => s.name === '26 rules')!;
    const [t] = configurationProblems(many.project);
    expect(t!.location?.line).toBe(lineOf(file, '{Claim: n1,', lineOf(file, 'name: 26 rules')));
    expect(configurationProblems(suites.find((s) => s.name === 'valid configuration')!.project)).toEqual([]);
  });
});

describe('renderResolution', () => {
  it('shows the role, how it was chosen, and each trace step with its location', () => {
    const r = resolveRoleWith(rules, {
      login: LOGIN,
      claims: { sub: 'u', aud: 'deny', 'cognito:groups': ['superadmins'] },
      identityId: 'us-east-1:00000000-0000-0000-0000-000000000001',
    });
    const text = renderResolution(r);
    const lines = text.split('\n');
    expect(lines[0]).toBe('role      arn:aws:iam::123456789012:role/Admin');
    expect(lines[1]).toContain('via first matching rule');
    expect(text).toContain('[decision #1]');
    expect(text).toMatch(/rule 1 `cognito:groups` Contains `admins`: matches .*rules\.yaml:\d+:\d+/);
    expect(text).not.toContain('\u001b[');
  });
  it('shows the error first, and colours only when asked', () => {
    const r = resolveRoleWith(rules, { login: LOGIN, claims: { sub: 'u', aud: 'deny' } });
    const plain = renderResolution(r, { locations: false });
    expect(plain.split('\n')[0]).toBe(
      'error     NotAuthorizedException: The ambiguous role mapping rules for: cognito-idp.us-east-1.amazonaws.com/us-east-1_POOL:deny denied this request.',
    );
    expect(plain).not.toMatch(/rules\.yaml:/);
    const coloured = renderResolution(r, { color: true, locations: false });
    expect(coloured).toContain('\u001b[31m');
    expect(stripAnsi(coloured)).toBe(plain);
  });
  it('shows an unknown outcome first, with the values it depends on', () => {
    const pools = loadFixtureSuites(join(FIXTURES, 'unresolved-providers.yaml'));
    const pool = pools.find((s) => s.name === 'an unresolved client id')!.project;
    const r = resolveRoleWith(pool, { login: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_NEW', claims: { sub: 'u', aud: 'x' } });
    expect(renderResolution(r).split('\n')[0]).toBe(
      'unknown   it depends on `aws_cognito_user_pool_client.web.id`, which no file gives; give it under `values:` (or `parameters:` / `physicalIds:`) in keycard.yaml',
    );
  });
  it('shows tags, session policies and the trust verdict', () => {
    const guests = loadFixtureSuites(join(FIXTURES, 'guests.yaml'))[0]!.project;
    const text = renderResolution(resolveRoleWith(guests, { claims: {} }, { trust: stubTrust([]).checker }));
    expect(text).toContain('session   Cognito inline scope-down session policy');
    expect(text).toContain('(arn:aws:iam::aws:policy/AmazonCognitoUnAuthedIdentitiesSessionPolicy)');
    expect(text).toMatch(/^trust {5}allowed: /m);
    const tagged = loadFixtureSuites(join(FIXTURES, 'principal-tags.yaml'))[0]!.project;
    const t = renderResolution(resolveRoleWith(tagged, { login: LOGIN, claims: { sub: 'u', aud: 'c1', 'custom:dept': 'legal' } }));
    expect(t).toContain('tags      department=legal');
    expect(t).toMatch(/^trust {5}pending: /m);
  });
});

describe('configurationWarnings', () => {
  it('flags list-claim rules (decisions 1, 2) and an unset AllowClassicFlow (decision 11)', () => {
    const ds = configurationWarnings(rules);
    expect(ds.map((d) => d.code)).toEqual([
      'cognito_classic_flow_unset',
      'cognito_contains_on_list_claim',
      'cognito_match_on_list_claim',
      'cognito_match_on_list_claim',
    ]);
    expect(ds.every((d) => d.severity === 'warning' && d.help && d.location?.file === rulesFile)).toBe(true);
    expect(ds[1]!.location?.line).toBe(lineOf(rulesFile, "Value: admins, RoleARN: 'arn:aws:iam::123456789012:role/Admin'"));
    const guests = loadFixtureSuites(join(FIXTURES, 'guests.yaml'))[0]!.project;
    expect(configurationWarnings(guests)).toEqual([]);
  });
});
