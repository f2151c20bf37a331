/**
 * Property tests: resolution never throws and always returns a well-formed Resolution on arbitrary
 * claims; in a Rules mapping the first matching rule's role wins (checked against a reference
 * model of the match semantics).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveRoleWith } from '../../src/cognito/resolve.js';
import type { Resolution } from '../../src/cognito/types.js';
import type { MappingRule, Project } from '../../src/model/types.js';
import { allFixtureSuites, loadFixtureSuites, FIXTURES, stubTrust } from './fixture-cases.js';
import { join } from 'node:path';

const suites = allFixtureSuites();
const CLAIM_NAMES = [
  'sub',
  'aud',
  'iss',
  'token_use',
  'cognito:groups',
  'cognito:roles',
  'cognito:preferred_role',
  'custom:dept',
  'email',
  'toString',
  '__proto__',
  'constructor',
  'https://aws.amazon.com/SAML/Attributes/Role',
];

function wellFormed(r: Resolution): void {
  expect(['credentials', 'error', 'unknown']).toContain(r.outcome);
  expect(r.role === null).toBe(r.outcome !== 'credentials');
  expect(r.error === null).toBe(r.outcome !== 'error');
  if (r.outcome === 'unknown') expect(r.unknown?.length).toBeGreaterThan(0);
  else expect(r.unknown).toBeUndefined();
  expect(r.trace.length).toBeGreaterThan(0);
  expect(r.trace.at(-1)!.step).toBe('result');
  expect(r.identityId).toMatch(/^[\w-]+:/);
  expect(() => JSON.stringify({ ...r, sessionPolicies: [] })).not.toThrow();
}

describe('resolveRoleWith never throws', () => {
  const logins = [...new Set(suites.flatMap((s) => s.cases.map((c) => c.request.login)).filter((l): l is string => typeof l === 'string'))];
  const claimValue = fc.oneof(
    fc.jsonValue(),
    fc.constantFrom('c1', 'deny', 'fallback', 'clientplain', 'admins', 'id', 'access'),
    fc.array(fc.string()),
  );
  const claims = fc.dictionary(fc.oneof(fc.constantFrom(...CLAIM_NAMES), fc.string()), claimValue, { maxKeys: 8 });
  const anyClaims = fc.oneof(claims, fc.anything() as fc.Arbitrary<unknown>);
  it('on arbitrary claims, logins, flows and CustomRoleArns, for every fixture project', () => {
    fc.assert(
      fc.property(
        fc.nat(suites.length - 1),
        fc.option(fc.oneof(fc.constantFrom(...logins), fc.string()), { nil: undefined }),
        anyClaims,
        fc.option(fc.oneof(fc.constant('arn:aws:iam::123456789012:role/Admin'), fc.string()), { nil: undefined }),
        fc.constantFrom('enhanced', 'basic', undefined),
        fc.option(fc.string(), { nil: undefined }),
        fc.boolean(),
        (i, login, c, customRoleArn, flow, requestedRoleArn, withChecker) => {
          const project = suites[i]!.project;
          const req = {
            claims: c as Record<string, unknown>,
            ...(login !== undefined ? { login } : {}),
            ...(customRoleArn !== undefined ? { customRoleArn } : {}),
            ...(flow ? { flow } : {}),
            ...(requestedRoleArn !== undefined ? { requestedRoleArn } : {}),
          } as Parameters<typeof resolveRoleWith>[1];
          wellFormed(resolveRoleWith(project, req, withChecker ? { trust: stubTrust([]).checker } : {}));
        },
      ),
      { numRuns: 600 },
    );
  });
});

/** Reference model of one rule (decisions #1-#5), for string and string-list claims only. */
function modelMatches(rule: MappingRule, claims: Record<string, string | string[]>): boolean {
  if (!Object.hasOwn(claims, rule.Claim)) return false;
  const v = claims[rule.Claim]!;
  const values = Array.isArray(v) ? v : [v];
  switch (rule.MatchType) {
    case 'Equals':
      return values.includes(rule.Value);
    case 'NotEqual':
      return !values.includes(rule.Value);
    case 'Contains':
      return values.some((x) => x.includes(rule.Value));
    case 'StartsWith':
      return values.some((x) => x.startsWith(rule.Value));
  }
}

describe('Rules: the first matching rule wins', () => {
  const base = loadFixtureSuites(join(FIXTURES, 'rules.yaml'))[0]!.project;
  const KEY = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_POOL:deny';
  const claimName = fc.constantFrom('a', 'b', 'cognito:groups', 'toString');
  const text = fc.constantFrom('x', 'xy', 'yx', 'X', 'y', '5');
  const rules = fc
    .array(
      fc.record({ Claim: claimName, MatchType: fc.constantFrom('Equals', 'Contains', 'StartsWith', 'NotEqual' as const), Value: text }),
      { minLength: 1, maxLength: 25 },
    )
    .map((rs) => rs.map((r, i): MappingRule => ({ ...r, RoleARN: `arn:aws:iam::123456789012:role/R${i}` })));
  const claims = fc.dictionary(claimName, fc.oneof(text, fc.array(text, { maxLength: 3 })), { maxKeys: 4 });
  it('agrees with the reference model on role, source and trace', () => {
    fc.assert(
      fc.property(rules, claims, (rs, cs) => {
        const project: Project = {
          ...base,
          identityPoolRoles: {
            ...base.identityPoolRoles,
            RoleMappings: { [KEY]: { Type: 'Rules', AmbiguousRoleResolution: 'Deny', RulesConfiguration: { Rules: rs } } },
          },
        };
        const r = resolveRoleWith(project, {
          login: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_POOL',
          claims: { ...cs, sub: 'u', aud: 'deny' },
        });
        const first = rs.findIndex((rule) => modelMatches(rule, cs));
        const ruleSteps = r.trace.filter((s) => s.step === 'rule');
        if (first < 0) {
          expect(r.error?.code).toBe('NotAuthorizedException');
          expect(ruleSteps.every((s) => s.outcome !== 'match')).toBe(true);
        } else {
          expect(r.role).toBe(rs[first]!.RoleARN);
          expect(r.source).toBe('rule');
          expect(ruleSteps.map((s) => s.ruleIndex)).toEqual([...Array(first + 1).keys()]);
          expect(ruleSteps.at(-1)!.outcome).toBe('match');
        }
      }),
      { numRuns: 500 },
    );
  });
});
