// The access map's columns read Resource patterns without compiling policies
// (src/access/resource-patterns.ts): the same patterns the compiler keeps, policy by policy.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourceTemplates } from '../../src/access/resource-patterns.js';
import { compilePolicy } from '../../src/iam/index.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { loadScenarioFile } from '../../src/load/scenario.js';

const root = join(import.meta.dirname, '../..');
const doc = (json: unknown): PolicyDocument => ({ name: 'test', json, file: 'test.json', locate: () => undefined });
const compiled = (d: PolicyDocument) =>
  compilePolicy(d, { kind: 'identity' }).statements.flatMap((s) => (s.resources ?? []).map((r) => r.template));

const cases: [string, unknown][] = [
  [
    'a list and NotResource',
    {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::b/*', '*'] },
        { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::b/x/*' },
      ],
    },
  ],
  [
    'variables',
    { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/${aws:PrincipalTag/team}/*' } },
  ],
  [
    'variables as text before 2012',
    { Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/${x}/*' }] },
  ],
  ['no version', { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/${x}/*' }] }],
  ['an unknown version', { Version: '2020-01-01', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] }],
  [
    'both Resource and NotResource',
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::a', NotResource: 'arn:aws:s3:::b' }] },
  ],
  [
    'a bucket name without arn:',
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: ['photos/*', 'arn:aws:s3:::ok'] }] },
  ],
  [
    'a variable before the fifth colon',
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:${aws:RequestedRegion}::b' }] },
  ],
  ['not a list of strings', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::a', 3] }] }],
  [
    'a statement that is not an object',
    { Version: '2012-10-17', Statement: ['x', { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::a' }] },
  ],
  ['no statement', { Version: '2012-10-17' }],
  ['not an object', 'x'],
];

describe('resource patterns read without compiling', () => {
  it.each(cases)('agree with the compiler: %s', (_, json) => {
    expect(resourceTemplates(doc(json))).toEqual(compiled(doc(json)));
  });

  it('agree with the compiler on every policy of the example and the access fixtures', () => {
    let n = 0;
    for (const file of ['scenarios/photos.yaml', 'test/fixtures/access/classes.yaml']) {
      const p = loadScenarioFile(join(root, file)).project!;
      const docs = [
        ...[...p.roles.values()].flatMap((r) => r.inlinePolicies),
        ...[...p.managedPolicies.values()].map((m) => m.document),
        ...p.resourcePolicies.values(),
        ...p.organization.serviceControlPolicies,
      ];
      for (const d of docs) {
        expect(resourceTemplates(d), d.name).toEqual(compiled(d));
        n += resourceTemplates(d).length;
      }
    }
    expect(n).toBeGreaterThan(20);
  });
});
