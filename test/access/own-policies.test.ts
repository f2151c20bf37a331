// The session's own policies (every layer but the resource policy) are one list, built in one place
// (ownPolicies) for the access map's classes, the free-key scan and the session's diagnostics.
import { describe, expect, it } from 'vitest';
import { ownPolicies } from '../../src/access/session.js';
import { compilePolicy, type PolicyKind } from '../../src/iam/index.js';

const policy = (name: string, kind: PolicyKind) =>
  compilePolicy(
    {
      name,
      file: 'test.json',
      locate: () => undefined,
      json: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
    },
    { kind },
  );
const sids = (list: ReturnType<typeof ownPolicies>) => list.map((p) => `${p.kind}:${p.name}`);

describe('ownPolicies', () => {
  const layers = {
    identity: [policy('inline', 'identity'), policy('managed', 'identity')],
    session: [policy('cognito', 'session')],
    boundary: policy('limit', 'boundary'),
    scp: [
      { orgIdentifier: 'root', policies: [policy('root-scp', 'scp')] },
      { orgIdentifier: 'ou', policies: [policy('ou-scp', 'scp')] },
    ],
    rcp: [{ orgIdentifier: 'root', policies: [policy('root-rcp', 'rcp')] }],
  };

  it('lists identity, session, boundary, then SCPs and RCPs level by level', () => {
    expect(sids(ownPolicies(layers))).toEqual([
      'identity:inline',
      'identity:managed',
      'session:cognito',
      'boundary:limit',
      'scp:root-scp',
      'scp:ou-scp',
      'rcp:root-rcp',
    ]);
  });

  it('leaves out the layers a session does not have', () => {
    expect(sids(ownPolicies({ identity: layers.identity, session: [], scp: [], rcp: [] }))).toEqual([
      'identity:inline',
      'identity:managed',
    ]);
  });

  it('builds the list once per session', () => {
    expect(ownPolicies(layers)).toBe(ownPolicies(layers));
  });
});
