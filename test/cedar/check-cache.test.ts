/**
 * The cache of the strict Cedar checks (src/cedar/check-cache.ts): a cached run gives exactly what
 * a fresh run gives, an edited file is checked again, and a broken cache never breaks a run.
 * The suite runs with the cache off (test/setup.ts); these tests turn it on in a temporary folder.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { authorizeApp, parseAppRequestLine } from '../../src/cedar/avp.js';
import { cacheDir } from '../../src/load/cache-dir.js';
import { loadCedarApp, type LoadedCedarApp } from '../../src/cedar/project.js';
import type { AppRequestLine, CedarConfig } from '../../src/model/types.js';
import { tempDir } from '../temp.js';

const ROOT = resolve(import.meta.dirname, '../..');
const APP = join(ROOT, 'test/fixtures/cedar/photos-app');
const base: CedarConfig = {
  schemaFile: join(APP, 'photos.cedarschema'),
  policyFiles: [join(APP, 'photos.cedar')],
  principalEntityType: 'PhotoApp::User',
  groupEntityType: 'PhotoApp::UserGroup',
  userPoolId: 'us-east-1_EXAMPLE',
  entitiesFile: join(APP, 'photos-entities.json'),
};

const before = process.env.KEYCARD_CACHE_DIR;
afterEach(() => {
  if (before === undefined) delete process.env.KEYCARD_CACHE_DIR;
  else process.env.KEYCARD_CACHE_DIR = before;
});

/** The outcome without the wasm cache ids (they are equal too, but say nothing about the checks). */
const shape = (l: LoadedCedarApp) => ({ diagnostics: l.diagnostics, loaded: l.app !== undefined, schemaJson: l.app?.schemaJson });

/** A policy file in a temporary folder. */
function policyFile(text: string): string {
  const file = join(tempDir('keycard-cedar-cache-'), 'app.cedar');
  writeFileSync(file, text);
  return file;
}

// A policy Cedar would evaluate to Allow for everyone (`!=` between a String and a Long is true at
// run time), but strict validation refuses it: skipping validation would be a false Allow.
const ILL_TYPED = 'permit(principal, action, resource) when { principal has email && principal.email != 5 };\n';
const cases: [string, () => CedarConfig, boolean][] = [
  ['the photo app', () => base, true],
  ['an ill-typed policy', () => ({ ...base, policyFiles: [policyFile(ILL_TYPED)] }), false],
  ['a syntax error', () => ({ ...base, policyFiles: [policyFile('permit(principal, action resource);\n')] }), false],
  [
    'an undeclared attribute',
    () => ({ ...base, policyFiles: [policyFile('permit(principal, action, resource) when { principal.emial == "x" };')] }),
    false,
  ],
  [
    'entities against the schema',
    () => ({ ...base, entitiesFile: policyFile('[{"uid": {"type": "PhotoApp::Photo", "id": "a"}, "attrs": {}, "parents": []}]') }),
    false,
  ],
  ['a schema that does not parse', () => ({ ...base, schemaFile: policyFile('namespace X { entity ; }') }), false],
];

describe('the cache of the strict Cedar checks', () => {
  it.each(cases)('%s: a cold and a warm cache give what the checks give without a cache', async (_name, make, loads) => {
    const config = make();
    process.env.KEYCARD_CACHE_DIR = 'off';
    const fresh = shape(await loadCedarApp(config));
    expect(fresh.loaded).toBe(loads);
    if (!loads) expect(fresh.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    const dir = tempDir('keycard-cache-');
    process.env.KEYCARD_CACHE_DIR = dir;
    const cold = shape(await loadCedarApp(config));
    expect(readdirSync(dir)).toHaveLength(1);
    const warm = shape(await loadCedarApp(config));
    expect(cold).toEqual(fresh);
    expect(warm).toEqual(fresh);
  });

  it('is read: what an entry says is what the run reports', async () => {
    const dir = tempDir('keycard-cache-');
    process.env.KEYCARD_CACHE_DIR = dir;
    await loadCedarApp(base);
    const [name] = readdirSync(dir);
    const entry = JSON.parse(readFileSync(join(dir, name!), 'utf8'));
    entry.checks.policies = [{ code: 'cedar_validation', severity: 'error', message: 'from the cache' }];
    writeFileSync(join(dir, name!), JSON.stringify(entry));
    const loaded = await loadCedarApp(base);
    expect(loaded.app).toBeUndefined();
    expect(loaded.diagnostics.map((d) => d.message)).toEqual(['from the cache']);
  });

  it('checks an edited policy again: a policy made ill-typed after a clean run is refused, never allowed', async () => {
    process.env.KEYCARD_CACHE_DIR = tempDir('keycard-cache-');
    const file = policyFile('permit(principal, action, resource) when { principal has email && principal.email == "a@x.com" };\n');
    const config = { ...base, policyFiles: [file] };
    const clean = await loadCedarApp(config);
    expect(clean.diagnostics).toEqual([]);
    const line = parseAppRequestLine('Action::"viewPhoto" on Photo::"a.jpg"') as AppRequestLine;
    expect(authorizeApp(clean.app!, { sub: 'u1', email: 'b@example.com' }, 'id', line).decision).toBe('Deny');
    writeFileSync(file, ILL_TYPED);
    const edited = await loadCedarApp(config);
    expect(edited.app).toBeUndefined();
    expect(edited.diagnostics).toContainEqual(expect.objectContaining({ code: 'cedar_validation', severity: 'error' }));
  });

  it('ignores an entry that is not JSON, and a folder it cannot write', async () => {
    const dir = tempDir('keycard-cache-');
    process.env.KEYCARD_CACHE_DIR = dir;
    const expected = shape(await loadCedarApp(base));
    const [name] = readdirSync(dir);
    writeFileSync(join(dir, name!), '{"key": "half an entr');
    expect(shape(await loadCedarApp(base))).toEqual(expected);
    const aFile = join(dir, name!);
    process.env.KEYCARD_CACHE_DIR = join(aFile, 'below-a-file');
    expect(shape(await loadCedarApp(base))).toEqual(expected);
  });

  it.each([
    [{ KEYCARD_CACHE_DIR: '/x/kc' }, '/x/kc'],
    [{ KEYCARD_CACHE_DIR: 'off' }, undefined],
    [{ KEYCARD_CACHE_DIR: '0' }, undefined],
    [{ XDG_CACHE_HOME: '/x/cache' }, join('/x/cache', 'keycard')],
  ] as const)('lives where the environment says: %o', (env, dir) => {
    expect(cacheDir(env)).toBe(dir);
  });
});
