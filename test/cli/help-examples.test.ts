// Every command's --help has examples, and each example runs as written in a copy of the bundled
// example (a git repository, so that `diff --base` has versions to compare): no usage error, no
// invalid input, no internal error.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { tempDir } from '../temp.js';
import { keycard, root } from './helpers.js';

/** Every command path: [], ['resolve'], ..., ['export', 'cedar']. */
function commandPaths(cmd: Command, prefix: string[] = []): string[][] {
  return [prefix, ...cmd.commands.flatMap((c) => commandPaths(c, [...prefix, c.name()]))];
}

/** The `$ keycard ...` lines after "Examples:", continuation lines joined, comments and pipes dropped. */
function examplesOf(help: string): string[][] {
  const section = help.split(/^Examples:$/m)[1] ?? '';
  const joined = section.replace(/\\\n\s*/g, '');
  return [...joined.matchAll(/^\s+\$ (keycard\b.*)$/gm)].map((m) => words(m[1]!.replace(/\s+#\s.*$/, '').split(' | ')[0]!).slice(1));
}

/** Splits a command line as a shell would, for the quoting the examples use. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
};

const paths = commandPaths(buildProgram());
let project = '';

beforeAll(() => {
  project = tempDir('keycard-help-');
  for (const part of ['keycard.yaml', 'scenarios', 'policies', 'authorize'])
    cpSync(join(root, part), join(project, part), { recursive: true });
  git(project, 'init', '-q', '-b', 'main');
  git(project, 'add', '-A');
  git(project, 'commit', '-q', '-m', 'one');
  git(project, 'commit', '-q', '--allow-empty', '-m', 'two');
  git(project, 'remote', 'add', 'origin', project);
  git(project, 'fetch', '-q', 'origin');
});

describe('--help examples', () => {
  it('covers every command', () => expect(paths.length).toBeGreaterThan(10));

  it.each(paths.map((p) => [p.join(' ') || '(top level)', p] as const))('keycard %s --help has examples that run', async (_name, path) => {
    const help = await keycard([...path, '--help']);
    expect(help.code).toBe(0);
    const examples = examplesOf(help.stdout);
    expect(examples.length, help.stdout).toBeGreaterThan(0);
    for (const args of examples) {
      // Each example as on a fresh checkout: nothing an earlier one wrote is in its way.
      for (const out of ['cedar', 'reports']) rmSync(join(project, out), { recursive: true, force: true });
      const r = await keycard(args, { cwd: project });
      expect([0, 1], `keycard ${args.join(' ')}\n${r.stdout.slice(0, 2000)}\n${r.stderr.slice(0, 2000)}`).toContain(r.code);
    }
  });
});
