/** `keycard diff --base REF`: what every scenario user gained or lost since REF. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { KeycardUsageError } from '../../diagnostics/diagnostic.js';
import { ExitCode } from '../../diagnostics/exit-codes.js';
import { colorEnabled } from '../../text/color.js';
import { startProgress } from '../../text/progress.js';
import { stdout } from '../../text/stdio.js';

interface DiffOptions {
  base: string;
  format: string;
  failOn?: string;
}

function git(args: string[], cwd: string, input?: Buffer): { ok: boolean; out: Buffer; err: string } {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 512 << 20 });
  return { ok: r.status === 0, out: r.stdout ?? Buffer.alloc(0), err: (r.stderr ?? Buffer.alloc(0)).toString().trim() };
}

/** Materializes REF (a directory, or a git ref of the repository around cwd) as a directory. */
function baseTree(ref: string): { root: string; headRoot: string; cleanup: () => void } {
  if (existsSync(ref) && statSync(ref).isDirectory()) return { root: resolve(ref), headRoot: process.cwd(), cleanup: () => {} };
  const top = git(['rev-parse', '--show-toplevel'], process.cwd());
  if (!top.ok)
    throw new KeycardUsageError(
      `\`${ref}\` is not a directory, and this is not a git repository`,
      'pass --base with a git ref (main, origin/main, HEAD~1) or a directory holding the other version',
    );
  const headRoot = top.out.toString().trim();
  if (!git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], headRoot).ok) {
    throw new KeycardUsageError(
      `unknown git ref \`${ref}\``,
      'try a branch, tag or commit (in CI, fetch the base branch first: git fetch origin main)',
    );
  }
  const archive = git(['archive', '--format=tar', ref], headRoot);
  if (!archive.ok) throw new KeycardUsageError(`cannot read \`${ref}\`: ${archive.err}`);
  const root = mkdtempSync(join(tmpdir(), 'keycard-base-'));
  const untar = spawnSync('tar', ['-x', '-C', root], { input: archive.out, maxBuffer: 512 << 20 });
  if (untar.status !== 0) rmSync(root, { recursive: true, force: true });
  if (untar.status !== 0) throw new KeycardUsageError(`cannot unpack \`${ref}\`: ${untar.stderr?.toString().trim()}`);
  return { root, headRoot, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function register(program: Command): void {
  program
    .command('diff')
    .description('show, for every scenario user, the role and S3 access gained or lost since a base version')
    .argument('[paths...]', 'scenario files or directories (their users are compared)', ['scenarios'])
    .requiredOption('--base <ref>', 'a git ref (main, origin/main, HEAD~1) or a directory holding the other version')
    .option('-f, --format <format>', 'text or json', 'text')
    .option('--fail-on <what>', 'new-access: exit 1 when any user gains access (for CI)')
    .addHelpText(
      'after',
      `
Examples:
  $ keycard diff --base main
  $ keycard diff --base origin/main --fail-on new-access      # in CI, like check-no-new-access
  $ keycard diff --base HEAD~1 --format json                 # or a directory holding the other version

Users come from the scenario files of the working tree; each is resolved under both versions of
the project, and both access maps are read on the same resources.

Exit codes: 0 done (or no new access with --fail-on new-access), 1 new access found with
--fail-on new-access, 2 usage, 3 invalid input.`,
    )
    .action(async (paths: string[], opts: DiffOptions) => {
      if (opts.format !== 'text' && opts.format !== 'json')
        throw new KeycardUsageError(`unknown format \`${opts.format}\``, 'use --format text or --format json');
      if (opts.failOn !== undefined && opts.failOn !== 'new-access')
        throw new KeycardUsageError(`unknown --fail-on \`${opts.failOn}\``, 'the only value is new-access');
      const [{ diffProjects }, { renderDiff }] = await Promise.all([import('../../scenario/diff.js'), import('../../report/diff-text.js')]);
      const base = baseTree(opts.base);
      try {
        const progress = startProgress('diff');
        const d = diffProjects(
          paths,
          base.headRoot,
          base.root,
          { base: opts.base, head: 'working tree' },
          { onProgress: (text) => progress.at(text) },
        );
        progress.done();
        stdout.write(opts.format === 'json' ? JSON.stringify(d, null, 2) + '\n' : renderDiff(d, colorEnabled()) + '\n');
        process.exitCode = opts.failOn === 'new-access' && d.summary.gained > 0 ? ExitCode.Failed : ExitCode.Ok;
      } finally {
        base.cleanup();
      }
    });
}
