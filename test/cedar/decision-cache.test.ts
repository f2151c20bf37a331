/**
 * The cache of Cedar's answers for `expect.app` lines (src/cedar/decision-cache.ts): an answer from
 * the cache is exactly what Cedar gives (decisions, determining policies, errors and their
 * positions, load diagnostics); an edited file is decided again; a broken cache never breaks a run.
 * The suite runs with the cache off (test/setup.ts); these tests turn it on in a temporary folder.
 */
import { cpSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAppExpectations, flushDecisions } from '../../src/cedar/app-check.js';
import { decisionStoreFor, forgetDecisionStores } from '../../src/cedar/decision-cache.js';
import { appLine } from '../../src/load/scenario.js';
import { runScenarioPaths } from '../../src/scenario/run.js';
import type { AppRequestLine, CedarConfig, Claims } from '../../src/model/types.js';
import { tempDir } from '../temp.js';

const ROOT = resolve(import.meta.dirname, '../..');
const fixture = parse(readFileSync(join(ROOT, 'test/fixtures/cedar/photos-app.yaml'), 'utf8')) as {
  users: Record<string, Claims>;
  cases: [string, string, 'Allow' | 'Deny', string[]][];
};

/** The photo app, copied to a temporary folder so that a test may edit it. */
function appCopy(): CedarConfig {
  const dir = tempDir('keycard-decisions-app-');
  cpSync(join(ROOT, 'test/fixtures/cedar/photos-app'), dir, { recursive: true });
  return {
    schemaFile: join(dir, 'photos.cedarschema'),
    policyFiles: [join(dir, 'photos.cedar')],
    principalEntityType: 'PhotoApp::User',
    groupEntityType: 'PhotoApp::UserGroup',
    userPoolId: 'us-east-1_EXAMPLE',
    entitiesFile: join(dir, 'photos-entities.json'),
    location: { file: join(dir, 'keycard.yaml'), line: 3, column: 1 },
  };
}

const ISS = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE';
const users: Record<string, Claims> = {
  ...Object.fromEntries(Object.entries(fixture.users).map(([k, v]) => [k, { ...v, iss: ISS }])),
  reader: { sub: 'r', token_use: 'access', iss: ISS, client_id: 'c', scope: 'photos/read', 'cognito:groups': ['viewers'] },
  stranger: { sub: 's', token_use: 'id', iss: 'https://example.com' }, // refused by AVP: never decided
};
// Every kind of answer: decisions with their determining policies, a line Cedar rejects (unknown
// action: an error at the line), a line that cannot be read, and a line with a context.
const texts = [
  ...new Set(fixture.cases.map((c) => c[1])),
  'Action::"frobnicate" on Photo::"diary.jpg"',
  'Action::"viewPhoto" on Photo::"x" with {oops}',
  'Action::"viewPhoto" on Photo::"vacation.jpg" with {"token": {"scope": ["photos/read"]}}',
];
/** The lines, at positions `shift` lines down a scenario file. */
const lines = (shift = 0): AppRequestLine[] =>
  texts.map((t, i) => appLine(t, { file: 'scenarios/app.yaml', line: 10 + i + shift, column: 9 }));

/** Every user's outcomes for every line, as `keycard test` gets them. */
async function run(config: CedarConfig, shift = 0) {
  const out: unknown[] = [];
  for (const [name, claims] of Object.entries(users)) {
    const ls = lines(shift);
    out.push([name, await checkAppExpectations(config, { claims }, { allow: ls.slice(0, 5), deny: ls.slice(5) })]);
    out.push([name, await checkAppExpectations(config, { claims }, { allow: [], deny: ls, error: 'ValidationException' })]);
  }
  flushDecisions();
  forgetDecisionStores(); // the next run reads the disk, as the next process does
  return out;
}

const before = process.env.KEYCARD_CACHE_DIR;
afterEach(() => {
  if (before === undefined) delete process.env.KEYCARD_CACHE_DIR;
  else process.env.KEYCARD_CACHE_DIR = before;
  forgetDecisionStores();
});

const entries = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('cedar-decisions-'));

describe('Cedar decision cache', () => {
  it('answers from the cache exactly as Cedar does, positions included, and keeps one file per app', async () => {
    const config = appCopy();
    process.env.KEYCARD_CACHE_DIR = 'off';
    const fresh = await run(config);
    const moved = await run(config, 7);
    process.env.KEYCARD_CACHE_DIR = tempDir('keycard-decisions-');
    expect(await run(config)).toEqual(fresh); // cold: Cedar decides, answers are written
    expect(entries(process.env.KEYCARD_CACHE_DIR)).toHaveLength(1);
    expect(await run(config)).toEqual(fresh); // warm: every answer from the file
    expect(await run(config, 7)).toEqual(moved); // lines moved down the file: errors at the new positions
    expect(JSON.stringify(fresh)).toContain('"line":17'); // (the table has errors at line positions)
  });

  it('is read: what an entry says is what the run reports, until a file of the app changes', async () => {
    const config = appCopy();
    const dir = (process.env.KEYCARD_CACHE_DIR = tempDir('keycard-decisions-'));
    const fresh = await run(config);
    const file = join(dir, entries(dir)[0]!);
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { answers: Record<string, { decision: string }> };
    for (const a of Object.values(entry.answers)) a.decision = a.decision === 'Allow' ? 'Deny' : 'Allow';
    writeFileSync(file, JSON.stringify(entry));
    expect(await run(config)).not.toEqual(fresh);
    // Any edit of a policy, the schema or the entities is a new key: Cedar decides again.
    for (const f of [config.policyFiles[0]!, config.schemaFile, config.entitiesFile!]) {
      writeFileSync(f, readFileSync(f, 'utf8') + '\n');
      expect(await run(config)).toEqual(fresh);
    }
  });

  it('keeps the diagnostics of an app that does not load, and decides nothing for it', async () => {
    const config = appCopy();
    writeFileSync(config.policyFiles[0]!, 'permit(principal, action, resource) when { principal has email && principal.email != 5 };\n');
    process.env.KEYCARD_CACHE_DIR = 'off';
    const fresh = await run(config);
    expect(JSON.stringify(fresh)).toContain('cedar_validation');
    process.env.KEYCARD_CACHE_DIR = tempDir('keycard-decisions-');
    expect(await run(config)).toEqual(fresh);
    expect(await run(config)).toEqual(fresh);
  });

  it('ignores an entry that is not an entry, and a folder it cannot write', async () => {
    const config = appCopy();
    process.env.KEYCARD_CACHE_DIR = 'off';
    const fresh = await run(config);
    const dir = (process.env.KEYCARD_CACHE_DIR = tempDir('keycard-decisions-'));
    await run(config);
    const file = join(dir, entries(dir)[0]!);
    for (const junk of ['not json', '[]', '{"key": 1}', JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), answers: null })]) {
      writeFileSync(file, junk);
      expect(await run(config)).toEqual(fresh);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('answers'); // written anew
    }
    writeFileSync(join(dir, 'a-file'), '');
    process.env.KEYCARD_CACHE_DIR = join(dir, 'a-file', 'below');
    expect(await run(config)).toEqual(fresh);
  });

  it('merges the answers of runs that overlapped', () => {
    const config = appCopy();
    const dir = (process.env.KEYCARD_CACHE_DIR = tempDir('keycard-decisions-'));
    const [one, two] = lines();
    const answer = { decision: 'Allow' as const, determining: ['p'], errors: [] };
    const a = decisionStoreFor(config)!; // run A reads an empty cache
    forgetDecisionStores();
    const b = decisionStoreFor(config)!; // run B too, and finishes first
    b.set(users.alice!, 'id', two!, answer);
    b.flush();
    const written = () => Object.keys((JSON.parse(readFileSync(join(dir, entries(dir)[0]!), 'utf8')) as { answers: object }).answers);
    expect(written()).toHaveLength(1);
    a.set(users.alice!, 'id', one!, answer);
    a.flush();
    expect(written()).toHaveLength(2);
    forgetDecisionStores();
    expect(decisionStoreFor(config)!.get(users.alice!, 'id', two!)).toEqual(answer);
  });

  it('merges with a run that wrote after this one read the entry, and keeps the merged answers for its next write', () => {
    const config = appCopy();
    const dir = (process.env.KEYCARD_CACHE_DIR = tempDir('keycard-decisions-'));
    const [one, two, three] = lines();
    const answer = { decision: 'Deny' as const, determining: [], errors: [] };
    const seed = decisionStoreFor(config)!;
    seed.set(users.alice!, 'id', one!, answer);
    seed.flush();
    forgetDecisionStores();
    const a = decisionStoreFor(config)!; // both runs read the entry with one answer
    forgetDecisionStores();
    const b = decisionStoreFor(config)!;
    b.set(users.alice!, 'id', two!, answer);
    b.flush();
    a.set(users.alice!, 'id', three!, answer);
    a.flush(); // the file changed since A read it: A merges B's answer
    const file = join(dir, entries(dir)[0]!);
    const written = () => Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { answers: object }).answers);
    expect(written()).toHaveLength(3);
    // Unchanged since A wrote it, the entry is not read again (--watch): A holds what it wrote.
    a.set(users.bob!, 'id', one!, answer);
    a.flush();
    expect(written()).toHaveLength(4);
  });

  it('keycard test reads the entry once and writes it once, at the end of the run', async () => {
    const app = tempDir('keycard-decisions-run-');
    cpSync(join(ROOT, 'test/fixtures/cedar/avp-rules/dot-notation'), app, { recursive: true });
    const text = readFileSync(join(app, 'scenarios.yaml'), 'utf8');
    writeFileSync(join(app, 'a.yaml'), text);
    writeFileSync(join(app, 'b.yaml'), text.replaceAll('Doc::"handbook"', 'Doc::"roadmap"'));
    renameSync(join(app, 'scenarios.yaml'), join(app, 'c.yaml'));
    const dir = (process.env.KEYCARD_CACHE_DIR = tempDir('keycard-decisions-'));
    const seen: number[] = [];
    const files = ['a.yaml', 'b.yaml', 'c.yaml'].map((f) => join(app, f));
    const result = await runScenarioPaths(files, { onCase: () => seen.push(entries(dir).length) });
    expect(result.results.length).toBe(seen.length);
    expect(new Set(result.results.map((r) => r.file)).size).toBe(3);
    expect(seen.every((n) => n === 0)).toBe(true); // nothing written while the run goes on
    const file = join(dir, entries(dir)[0]!);
    const answers = Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { answers: object }).answers);
    expect(answers.length).toBeGreaterThan(1);
    forgetDecisionStores();
    await runScenarioPaths(files); // warm: every answer from the entry, nothing to write
    expect(entries(dir)).toHaveLength(1);
  });

  it.each(['off', 'on'])('decides a project loaded anew with its files as they are now (--watch), cache %s', async (on) => {
    const config = appCopy();
    process.env.KEYCARD_CACHE_DIR = on === 'on' ? tempDir('keycard-decisions-') : 'off';
    const line = lines()[1]!; // alice may delete her own photo
    const decide = async (c: CedarConfig) =>
      (await checkAppExpectations(c, { claims: users.alice! }, { allow: [line], deny: [] })).outcomes[0]?.actual;
    expect(await decide(config)).toBe('Allow');
    flushDecisions();
    writeFileSync(config.policyFiles[0]!, '');
    expect(await decide({ ...config })).toBe('Deny');
    flushDecisions(); // now, into this test's folder: a later flush would make the folder again after it is removed
  });
});
