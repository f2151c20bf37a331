/** App authorization as Verified Permissions does it, table-driven from test/fixtures/cedar. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { authorizeApp, parseAppRequestLine, tokenContext, tokenEntities } from '../../src/cedar/avp.js';
import { loadCedarApp, type CedarApp } from '../../src/cedar/project.js';
import { appLine } from '../../src/load/scenario.js';
import type { AppRequestLine, CedarConfig, Claims } from '../../src/model/types.js';
import { tempDir } from '../temp.js';

const ROOT = resolve(import.meta.dirname, '../..');
const fixture = parse(readFileSync(join(ROOT, 'test/fixtures/cedar/photos-app.yaml'), 'utf8')) as {
  users: Record<string, Claims>;
  cases: [string, string, 'Allow' | 'Deny', string[]][];
};
const config: CedarConfig = {
  schemaFile: join(ROOT, 'test/fixtures/cedar/photos-app/photos.cedarschema'),
  policyFiles: [join(ROOT, 'test/fixtures/cedar/photos-app/photos.cedar')],
  principalEntityType: 'PhotoApp::User',
  groupEntityType: 'PhotoApp::UserGroup',
  userPoolId: 'us-east-1_EXAMPLE',
  entitiesFile: join(ROOT, 'test/fixtures/cedar/photos-app/photos-entities.json'),
};

let app: CedarApp;
beforeAll(async () => {
  const loaded = await loadCedarApp(config);
  expect(loaded.diagnostics).toEqual([]);
  app = loaded.app!;
});

describe('bundled photo app', () => {
  it.each(fixture.cases)('%s: %s → %s', (user, text, decision, determining) => {
    const line = parseAppRequestLine(text) as AppRequestLine;
    const r = authorizeApp(app, fixture.users[user]!, 'id', line);
    expect(r.errors).toEqual([]);
    expect(r.decision).toBe(decision);
    expect(r.determining).toEqual([...determining].sort());
  });
});

describe('AVP token mapping', () => {
  it('maps sub, claims and groups as Verified Permissions does', () => {
    const { principal, entities } = tokenEntities(app, fixture.users.alice!, 'id');
    expect(principal).toEqual({ type: 'PhotoApp::User', id: 'us-east-1_EXAMPLE|aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' });
    expect(entities[0]!.attrs['cognito:username']).toBe('alice');
    expect(entities[0]!.attrs).not.toHaveProperty('cognito:groups');
    expect(entities[0]!.parents).toEqual([{ type: 'PhotoApp::UserGroup', id: 'us-east-1_EXAMPLE|editors' }]);
  });

  it.each([
    [{ a: 1 }, 'us-east-1_EXAMPLE|{"a":1}'],
    [42, 'us-east-1_EXAMPLE|42'],
    [undefined, 'us-east-1_EXAMPLE|'],
  ])('spells a malformed sub %j as its JSON text in the principal id', (sub, id) => {
    const { principal } = tokenEntities(app, { ...fixture.users.alice!, sub } as never, 'id');
    expect(principal.id).toBe(id);
  });

  it('puts access-token claims under context.token as the schema declares them', () => {
    const claims = {
      sub: 's',
      token_use: 'access',
      client_id: 'c',
      scope: 'photos/read openid',
      username: 'u',
      'cognito:groups': ['viewers'],
    };
    const { entities } = tokenEntities(app, claims, 'access');
    expect(entities[0]!.attrs).toEqual({});
    const token = tokenContext(app, claims, 'access', { type: 'PhotoApp::Action', id: 'viewPhoto' });
    expect(token).toEqual({ client_id: 'c', scope: ['photos/read', 'openid'] });
  });

  it('reads the `with` context of a line the scenario loader split at ` on `', () => {
    const line = appLine('Action::"viewPhoto" on Photo::"vacation.jpg" with {"token": {"scope": ["photos/read"]}}', undefined);
    const r = authorizeApp(app, fixture.users.alice!, 'id', line);
    expect(r.errors).toEqual([]);
    const bad = authorizeApp(app, fixture.users.alice!, 'id', appLine('Action::"viewPhoto" on Photo::"x" with {oops}', undefined));
    expect(bad.errors[0]).toMatchObject({ code: 'cedar_bad_request_line' });
  });

  it('reads request lines with and without context', () => {
    expect(parseAppRequestLine('Action::"viewPhoto" on Photo::"a b.jpg" with {"x": 1}')).toMatchObject({
      action: 'Action::"viewPhoto"',
      resource: 'Photo::"a b.jpg"',
      context: { x: 1 },
    });
    expect(parseAppRequestLine('viewPhoto Photo')).toMatchObject({ code: 'cedar_bad_request_line' });
  });
});

describe('policy diagnostics', () => {
  it('reports validation errors at file:line:col, counting bytes as UTF-8', async () => {
    const dir = tempDir('keycard-cedar-');
    const file = join(dir, 'bad.cedar');
    writeFileSync(file, '// é comment\npermit(principal, action, resource)\nwhen { principal.emial == "x" };\n');
    const loaded = await loadCedarApp({ ...config, policyFiles: [file], entitiesFile: undefined });
    const d = loaded.diagnostics.find((x) => x.code === 'cedar_validation');
    expect(d?.location).toMatchObject({ file, line: 3, column: 8 });
    expect(d?.message).toMatch(/attribute `emial`/);
  });

  it("warns when the schema does not declare the identity source's group type (here the AWS::CognitoGroup default)", async () => {
    const loaded = await loadCedarApp({ ...config, groupEntityType: 'AWS::CognitoGroup' });
    expect(loaded.app).toBeDefined();
    expect(loaded.diagnostics).toEqual([
      expect.objectContaining({
        code: 'cedar_identity_source_type',
        severity: 'warning',
        message: expect.stringContaining('`AWS::CognitoGroup` (the default)'),
      }),
    ]);
  });

  it('reports syntax errors at their position', async () => {
    const dir = tempDir('keycard-cedar-');
    const file = join(dir, 'bad.cedar');
    writeFileSync(file, 'permit(principal, action, resource);\n\npermit(principal, action resource);\n');
    const loaded = await loadCedarApp({ ...config, policyFiles: [file], entitiesFile: undefined });
    const d = loaded.diagnostics.find((x) => x.code === 'cedar_syntax');
    expect(d?.location).toMatchObject({ file, line: 3 });
  });
});
