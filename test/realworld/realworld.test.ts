// Real third-party projects (../shared/realworld, read in place, never copied): every project
// imports with exactly the values no file gives, and the scenarios in test/realworld/*/scenarios
// pin what their users get. Skipped, with one line, where ../shared is absent.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { keycard } from '../cli/helpers.js';
import { realworldDir } from '../../scripts/corpus.mjs';
import { loadProject } from '../../src/load/project.js';
import { importYaml } from '../../src/import/render.js';
import { runScenarioPaths } from '../../src/scenario/run.js';

const realworld = realworldDir() ?? '';
const present = realworld !== '';
const here = import.meta.dirname;
// The projects live beside the repository: allowed as a user would allow them (KEYCARD_ALLOW_PATHS).
const env = { KEYCARD_ALLOW_PATHS: realworld };
const savedAllow = process.env.KEYCARD_ALLOW_PATHS;
beforeAll(() => {
  process.env.KEYCARD_ALLOW_PATHS = realworld;
});
afterAll(() => {
  if (savedAllow === undefined) delete process.env.KEYCARD_ALLOW_PATHS;
  else process.env.KEYCARD_ALLOW_PATHS = savedAllow;
});

if (!present) console.log('realworld projects skipped: ../shared/realworld is absent (set KEYCARD_REALWORLD)');

interface Entry {
  kind: string;
  path: string;
  unresolved: string[];
}

describe.skipIf(!present)('realworld projects', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'keycard-realworld-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const projects = (parse(readFileSync(join(here, 'imports.yaml'), 'utf8')) as { projects: Entry[] }).projects;

  it.each(projects.map((p) => [p.path, p] as const))('keycard import %s lists exactly the values no file gives', (_name, p) => {
    const file = join(tmp, `${p.path.replace(/[^\w]/g, '_')}.yaml`);
    writeFileSync(file, `account: "123456789012"\nregion: us-east-1\nfrom:\n  - ${p.kind}: ${JSON.stringify(join(realworld, p.path))}\n`);
    // In process (the CLI path is covered by test/import): the same loader `keycard import` runs.
    const project = loadProject(file);
    expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const unresolved = project.unresolved ?? [];
    expect(unresolved.map((u) => u.name)).toEqual(p.unresolved);
    expect(unresolved.every((u) => u.location?.file.startsWith(realworld))).toBe(true);
    expect(importYaml(project, tmp)).toContain(
      p.unresolved.length ? `value${p.unresolved.length === 1 ? '' : 's'} no file gives` : 'Every value resolved',
    );
  });

  // The tf-* projects are Terraform: test/realworld/terraform.test.ts runs them.
  const dirs = readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('tf-'))
    .map((d) => d.name);
  // In process, as `keycard test` runs them (one CLI run is kept below for the whole path).
  it.each(dirs)('the %s scenarios pass', async (dir) => {
    const run = await runScenarioPaths([join(here, dir, 'scenarios')]);
    expect(run.results.length).toBeGreaterThan(0);
    expect(run.results.filter((x) => x.status !== 'pass').map((x) => [x.name, x.error, x.failures.map((f) => f.message)])).toEqual([]);
  });

  it('keycard test runs them through the CLI', async () => {
    const r = await keycard(['test', join(here, 'amc-uploader', 'scenarios')], { env });
    expect(r.code, r.stdout).toBe(0);
  });

  it("without `values:`, a login the custom resource's role mapping may cover is unknown, never the default role", async () => {
    const file = join(tmp, 'cl.yaml');
    writeFileSync(
      file,
      `account: "123456789012"\nregion: us-east-1\nfrom:\n  - cloudformation: ${JSON.stringify(join(realworld, 'aws-solutions__content-localization-on-aws/deployment/content-localization-on-aws-auth.yaml'))}\nphysicalIds: {ContentAnalysisUserPool: us-east-1_CLocPool1, ContentAnalysisWebAppClient: 1example23456789012345abcd}\n`,
    );
    const r = await keycard(
      [
        'resolve',
        '--project',
        file,
        '--login',
        'cognito-idp.us-east-1.amazonaws.com/us-east-1_CLocPool1',
        '--claims',
        '{"sub":"s","aud":"1example23456789012345abcd","token_use":"id"}',
        '--format',
        'json',
      ],
      { env },
    );
    const doc = JSON.parse(r.stdout) as { outcome: string; role: unknown; unknown: string[] };
    expect([doc.outcome, doc.role, doc.unknown]).toEqual(['unknown', null, ['TransformedRoleMapping.RoleMapping']]);
  });
});
