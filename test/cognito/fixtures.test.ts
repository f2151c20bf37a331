/** Runs every case of test/fixtures/cognito/*.yaml through resolveRoleWith and checks its expectations. */
import { describe, expect, it } from 'vitest';
import { configurationProblems } from '../../src/cognito/config-problems.js';
import { resolveRoleWith } from '../../src/cognito/resolve.js';
import type { Resolution } from '../../src/cognito/types.js';
import { allFixtureSuites, stubTrust, type CaseExpect } from './fixture-cases.js';

function check(r: Resolution, e: CaseExpect): void {
  const explain = `\n${r.trace.map((s) => `  [${s.outcome ?? ''}] ${s.step}: ${s.message}`).join('\n')}`;
  if (e.role !== undefined) expect(r.role, `role${explain}`).toBe(e.role);
  if (e.role !== undefined) expect(r.outcome).toBe('credentials');
  if (e.error !== undefined) {
    expect(r.outcome, `outcome${explain}`).toBe('error');
    expect(r.error?.code, `error${explain}`).toBe(e.error);
    expect(r.role).toBeNull();
  }
  if (e.unknown !== undefined) {
    expect(r.outcome, `outcome${explain}`).toBe('unknown');
    expect(r.unknown).toEqual(e.unknown);
    expect(r.role).toBeNull();
  }
  if (e.message !== undefined) expect(r.error?.message).toBe(e.message);
  if (e.source !== undefined) expect(r.source).toBe(e.source);
  if (e.provider !== undefined) expect(r.provider).toBe(e.provider);
  if (e.principalTags !== undefined) expect(r.principalTags).toEqual(e.principalTags);
  if (e.identityId !== undefined) expect(r.identityId).toBe(e.identityId);
  if (e.amr !== undefined) expect(r.amr).toEqual(e.amr);
  if (e.sessionPolicies !== undefined) expect(r.sessionPolicies.map((p) => p.kind)).toEqual(e.sessionPolicies);
  if (e.trustStatus !== undefined) expect(r.trust.status, `trust${explain}`).toBe(e.trustStatus);
  if (e.trustActions !== undefined) expect(r.trust.actions).toEqual(e.trustActions);
  for (const d of e.decisions ?? [])
    expect(
      r.trace.some((s) => s.decision === d),
      `decision ${d} in trace${explain}`,
    ).toBe(true);
  for (const t of e.trace ?? [])
    expect(
      r.trace.some((s) => s.message.includes(t)),
      `"${t}" in trace${explain}`,
    ).toBe(true);
  if (e.rules !== undefined)
    expect(
      r.trace.filter((s) => s.step === 'rule').map((s) => s.outcome),
      `rules${explain}`,
    ).toEqual(e.rules);
  if (e.claims !== undefined) expect(r.claims).toMatchObject(e.claims);
}

for (const suite of allFixtureSuites()) {
  describe(`${suite.file.split('/').pop()}: ${suite.name}`, () => {
    for (const c of suite.cases) {
      it(c.name, () => {
        const stub = c.trust === 'pending' ? undefined : stubTrust(c.trust.deny);
        const r = resolveRoleWith(suite.project, c.request, stub ? { trust: stub.checker } : {});
        check(r, c.expect);
        if (c.expect.configCodes !== undefined) {
          expect(
            configurationProblems(suite.project)
              .map((d) => d.code)
              .sort(),
          ).toEqual([...c.expect.configCodes].sort());
        }
        // Every resolution is plain data: it survives a JSON round trip unchanged in its public fields.
        const json = JSON.parse(
          JSON.stringify({ ...r, sessionPolicies: r.sessionPolicies.map((p) => ({ ...p, document: p.document.json })) }),
        );
        expect(json.outcome).toBe(r.outcome);
        if (c.expect.role === undefined && c.expect.error === undefined && c.expect.unknown === undefined)
          throw new Error(`case "${c.name}" expects neither a role, an error nor unknown`);
      });
    }
  });
}
