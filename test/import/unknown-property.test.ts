// For any token, a resolution that reaches a value no file gives is unknown: never a role holding
// a marker, never credentials or an AWS error decided by it. (The lead's end-to-end test adds the
// IAM side, where a policy holding a marker makes a decision Unknown.)
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveRoleWith } from '../../src/cognito/resolve.js';
import { loadProject } from '../../src/load/project.js';
import { isUnresolved } from '../../src/model/unresolved.js';

const project = loadProject(join(import.meta.dirname, '../fixtures/import/unknown/keycard.yaml'));
const idp = project.identityPool.CognitoIdentityProviders![0]!;

describe('unresolved values never decide a role', () => {
  it('every resolution is unknown, or a role and an error that no marker decided', () => {
    const claims = fc.record(
      {
        'custom:tier': fc.option(fc.constantFrom('gold', 'silver', 'GOLD', ''), { nil: undefined }),
        'cognito:groups': fc.option(fc.array(fc.constantFrom('admins', 'editors', 'viewers')), { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.boolean(), claims, (guest, extra) => {
        const c: Record<string, unknown> = { sub: 's', aud: idp.ClientId, token_use: 'id' };
        for (const [k, v] of Object.entries(extra)) if (v !== undefined) c[k] = v;
        const r = resolveRoleWith(project, guest ? { claims: {} } : { login: idp.ProviderName, claims: c });
        if (r.role !== null) expect(isUnresolved(r.role)).toBe(false);
        // The first rule needs custom:tier = gold (its role is unresolved); the second rule's value
        // is unresolved, so without gold every signed-in user is unknown, and guests too.
        expect(r.outcome).toBe('unknown');
        expect(r.unknown!.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
