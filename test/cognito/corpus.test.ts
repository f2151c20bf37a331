/**
 * The shared corpus (../shared/corpus/cognito, found by scripts/corpus.mjs): every scenario's expected role or error.
 * Trust policies are the IAM engine's business; where a corpus outcome depends on one, the verdict
 * the engine must reach is fixed here (TRUST_VERDICTS) and, separately, the request the engine will
 * get is checked with no checker at all.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioRequest } from '../../src/access/resolve.js';
import { describe, expect, it } from 'vitest';
import { resolveRoleWith } from '../../src/cognito/resolve.js';
import { loadScenarioFile } from '../../src/load/scenario.js';
import { stubTrust } from './fixture-cases.js';
import { corpusDir } from '../../scripts/corpus.mjs';

const CORPUS = corpusDir('cognito') ?? '';

/** Corpus ids whose outcome is the trust policy's refusal, and the role whose trust refuses. */
const TRUST_VERDICTS: Record<string, string> = {
  'ABAC-01': 'arn:aws:iam::123456789012:role/IdPoolAuthRole', // tags mapped, trust lacks sts:TagSession
  'TRUST-01': 'arn:aws:iam::123456789012:role/IdPoolAuthRole', // trust names another pool's aud
  'TRUST-03': 'arn:aws:iam::123456789012:role/IdPoolAuthRole', // trust wants amr graph.facebook.com
  'FLOW-05': 'arn:aws:iam::123456789012:role/IdPoolAuthRole', // guest token, trust wants amr authenticated
};

const request = scenarioRequest;

const files =
  CORPUS && existsSync(CORPUS)
    ? readdirSync(CORPUS)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
    : [];

describe.skipIf(files.length === 0)('shared cognito corpus', () => {
  it('has the 37 scenario files the brief names', () => expect(files.length).toBe(37));
  for (const f of files) {
    const id = f.replace(/\.yaml$/, '');
    for (const s of loadScenarioFile(join(CORPUS, f)).scenarios) {
      it(s.name, () => {
        const deny = TRUST_VERDICTS[id];
        const { checker, calls } = stubTrust(deny ? [deny] : []);
        const r = resolveRoleWith(s.project, request(s), { trust: checker });
        const trace = r.trace.map((t) => `  ${t.step}: ${t.message}`).join('\n');
        if (s.expect.role !== undefined) expect({ role: r.role, error: r.error }, trace).toEqual({ role: s.expect.role, error: null });
        if (s.expect.error !== undefined) expect(r.error?.code, trace).toBe(s.expect.error);
        if (s.expect.principalTags !== undefined) expect(r.principalTags).toEqual(s.expect.principalTags);
        if (deny) expect(calls.map((c) => c.role.Arn)).toEqual([deny]);
      });
    }
  }
});

describe.skipIf(files.length === 0)('corpus trust requests without a checker', () => {
  const resolve = (id: string) => {
    const s = loadScenarioFile(join(CORPUS, `${id}.yaml`)).scenarios[0]!;
    return resolveRoleWith(s.project, request(s));
  };
  it('ABAC-01 asks for sts:TagSession because a tag is mapped', () => {
    const r = resolve('ABAC-01');
    expect(r.trust.status).toBe('pending');
    expect(r.trust.actions).toEqual(['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']);
    expect(r.trust.policy?.name).toBeTruthy();
  });
  it('TRUST-01 presents the pool id as aud and the identity id as sub', () => {
    const r = resolve('TRUST-01');
    expect(r.trust.context['cognito-identity.amazonaws.com:aud']).toBe('us-east-1:a1b2c3d4-5678-90ab-cdef-EXAMPLE11111');
    expect(r.trust.context['cognito-identity.amazonaws.com:sub']).toBe('us-east-1:0f0e0d0c-0b0a-0908-0706-050403020100');
  });
  it('TRUST-03 presents amr without graph.facebook.com', () => {
    const amr = resolve('TRUST-03').trust.context['cognito-identity.amazonaws.com:amr'];
    expect(amr).toContain('authenticated');
    expect(amr).toContain('cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE');
    expect(amr).not.toContain('graph.facebook.com');
  });
  it('FLOW-05 presents amr unauthenticated for the requested role', () => {
    const r = resolve('FLOW-05');
    expect(r.trust.context['cognito-identity.amazonaws.com:amr']).toEqual(['unauthenticated']);
    expect(r.trust.status).toBe('pending');
  });
  it('UNAUTH-01 carries the two scope-down session policies', () => {
    const r = resolve('UNAUTH-01');
    expect(r.sessionPolicies.map((p) => p.arn ?? p.kind)).toEqual([
      'inline',
      'arn:aws:iam::aws:policy/AmazonCognitoUnAuthedIdentitiesSessionPolicy',
    ]);
  });
});
