#!/usr/bin/env node
// The package as another project gets it: `npm pack`, install the tarball into a fresh project
// (offline: only what `npm install` of this repository already put in npm's cache), then
// `npx keycard validate` and `npx keycard test` on a copy of the bundled example, every keycard
// step of docs/github-actions.yml as written, the shell steps of action.yml, and an import of the
// library.
// Run by .ci/run; exits non-zero on the first failure.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const repository = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'keycard-pack-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function git(cwd, ...args) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

function step(label, cmd, args, cwd, check = () => undefined) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const problem = r.status !== 0 ? `exit ${r.status}` : check(r.stdout);
  console.log(`${problem ? 'FAIL' : 'ok  '} ${label}`);
  if (problem) {
    console.log(`  ${problem}\n${r.stdout}${r.stderr}`);
    throw new Error(label);
  }
  return r.stdout;
}

/**
 * A project that depends on the tarball, with a lockfile made from this repository's: keycard's
 * dependencies resolve to the versions (and cached tarballs) `npm install` already fetched, so
 * `npm ci --offline` needs no registry.
 */
function writeProject(project, pack) {
  const manifest = JSON.parse(readFileSync(join(repository, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(repository, 'package-lock.json'), 'utf8'));
  const spec = `file:${pack.filename}`;
  const packages = {
    '': { name: 'keycard-pack-test', version: '0.0.0', devDependencies: { keycard: spec } },
    'node_modules/keycard': {
      version: pack.version,
      resolved: spec,
      integrity: pack.integrity,
      dev: true,
      license: manifest.license,
      dependencies: manifest.dependencies,
      bin: manifest.bin,
      engines: manifest.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev) continue;
    const { devOptional: _devOptional, ...rest } = entry;
    packages[path] = { ...rest, dev: true };
  }
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'keycard-pack-test', version: '0.0.0', private: true, devDependencies: { keycard: spec } }, null, 2),
  );
  writeFileSync(
    join(project, 'package-lock.json'),
    JSON.stringify({ name: 'keycard-pack-test', version: '0.0.0', lockfileVersion: 3, requires: true, packages }, null, 2),
  );
}

/**
 * The shell steps of action.yml, as the runner would run them in a repository that has keycard
 * as a dev dependency (steps that `uses:` another action are left out): inputs at their defaults,
 * step outputs through GITHUB_OUTPUT. The last step fails unless validate and test passed.
 */
function runAction(project) {
  const action = parse(readFileSync(join(repository, 'action.yml'), 'utf8'));
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, String(v.default ?? '')]));
  const outputs = {};
  const temp = join(work, 'runner-temp');
  const expr = (text) =>
    String(text).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, e) => {
      if (e.startsWith('inputs.')) return inputs[e.slice(7)] ?? '';
      if (e === 'github.action_path') return repository;
      const step = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e);
      if (step) return outputs[step[1]]?.[step[2]] ?? '';
      throw new Error(`action.yml: expression ${e} is not simulated`);
    });
  for (const st of action.runs.steps.filter((x) => x.run)) {
    const outFile = join(temp, `${st.id ?? 'step'}.out`);
    mkdirSync(temp, { recursive: true });
    writeFileSync(outFile, '');
    const env = { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: outFile, RUNNER_TEMP: temp };
    for (const [k, v] of Object.entries(st.env ?? {})) env[k] = expr(v);
    const cwd = st['working-directory'] ? join(project, expr(st['working-directory'])) : project;
    const r = spawnSync('bash', ['-e', '-c', st.run], { cwd, encoding: 'utf8', env });
    console.log(`${r.status === 0 ? 'ok  ' : 'FAIL'} action step: ${st.name ?? st.id}`);
    if (r.status !== 0) throw new Error(`action.yml ${st.name}: exit ${r.status}\n${r.stdout}${r.stderr}`);
    if (st.id)
      outputs[st.id] = Object.fromEntries(
        readFileSync(outFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
  }
  if (!outputs.keycard?.bin?.includes('node_modules') || !outputs.validate?.sarif)
    throw new Error(`action.yml: did not use the dev dependency or wrote no SARIF: ${JSON.stringify(outputs)}`);
  console.log('ok   the action used the dev dependency and wrote the SARIF it uploads');
}

try {
  const packed = JSON.parse(step('npm pack', npm, ['pack', '--json', '--pack-destination', work], repository));
  const files = packed[0].files.map((f) => f.path);
  const missing = [
    'bin/keycard.cjs',
    'dist/cli/main.js',
    'dist/index.js',
    'dist/index.d.ts',
    'dist/load/schemas/compiled.cjs',
    'README.md',
  ].filter((f) => !files.includes(f));
  const extra = files.filter((f) => /^(test|src|bench|scripts)\//.test(f) || f.endsWith('.map') || f.endsWith('.tsbuildinfo'));
  if (missing.length || extra.length)
    throw new Error(`the tarball lacks ${missing.join(', ') || 'nothing'} and ships ${extra.slice(0, 5).join(', ') || 'nothing extra'}`);
  console.log(`ok   the tarball holds ${files.length} files: bin/, dist/, docs, README; no tests or sources`);

  const project = join(work, 'project');
  for (const part of ['keycard.yaml', 'scenarios', 'policies']) cpSync(join(repository, part), join(project, part), { recursive: true });
  const tarball = packed[0].filename;
  cpSync(join(work, tarball), join(project, tarball));
  writeProject(project, packed[0]);
  step('npm ci --offline with the tarball', npm, ['ci', '--offline', '--no-audit', '--no-fund'], project);
  step('npx keycard --version', npx, ['--no-install', 'keycard', '--version'], project, (out) => {
    // The version, then the date of the shipped AWS managed policy data (dist/data, loaded lazily).
    const [first, second = ''] = out.trim().split('\n');
    return first === packed[0].version && /^AWS managed policies: .*data of \d{4}-\d{2}-\d{2}$/.test(second)
      ? undefined
      : `printed ${out.trim()}`;
  });
  step('npx keycard validate', npx, ['--no-install', 'keycard', 'validate'], project, (out) =>
    /no problems found/i.test(out) ? undefined : 'no "no problems found"',
  );
  step('npx keycard test', npx, ['--no-install', 'keycard', 'test'], project, (out) =>
    /\d+ passed, 0 failed/.test(out) ? undefined : 'no "N passed, 0 failed"',
  );
  // docs/github-actions.yml as written: every keycard step, in a git repository whose base branch is origin/main.
  git(project, 'init', '-q', '-b', 'main');
  git(project, 'add', '-A');
  git(project, '-c', 'user.name=keycard', '-c', 'user.email=keycard@example.invalid', 'commit', '-q', '-m', 'example');
  git(project, 'remote', 'add', 'origin', project);
  git(project, 'fetch', '-q', 'origin');
  const workflow = parse(readFileSync(join(repository, 'docs/github-actions.yml'), 'utf8'));
  const runs = workflow.jobs.keycard.steps.filter((st) => typeof st.run === 'string' && st.run.includes('keycard'));
  if (runs.length < 3) throw new Error('docs/github-actions.yml: fewer keycard steps than expected');
  for (const st of runs) {
    const r = spawnSync('bash', ['-euo', 'pipefail', '-c', st.run], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: 'true', BASE_REF: 'main' },
    });
    console.log(`${r.status === 0 ? 'ok  ' : 'FAIL'} workflow step: ${st.name}`);
    if (r.status !== 0) throw new Error(`${st.name}: exit ${r.status}\n${r.stdout}${r.stderr}`);
  }
  if (!existsSync(join(project, 'reports/keycard.sarif')) || !existsSync(join(project, 'reports/keycard-junit.xml')))
    throw new Error('the workflow wrote no SARIF or JUnit report');
  console.log('ok   the workflow wrote reports/keycard.sarif and reports/keycard-junit.xml');

  runAction(project);

  const lib = `import { authorize } from 'keycard';\nconst r = authorize({ policies: { identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }] }, request: { principal: 'arn:aws:iam::111122223333:user/a', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' } });\nconsole.log(r.decision);\n`;
  writeFileSync(join(project, 'lib.mjs'), lib);
  step('import keycard as a library', process.execPath, ['lib.mjs'], project, (out) =>
    out.trim() === 'Allow' ? undefined : `printed ${out.trim()}`,
  );
} catch (e) {
  console.error(`pack test failed: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
