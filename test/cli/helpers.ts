// Runs the CLI as a user would (no colour, CI-like environment): `keycard` in this process through
// the exported `run(argv)`, `spawnKeycard` as a real process of the built CLI for the few tests
// that are about the process itself (bin/, lazy imports, the shipped package).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';

export const root = join(import.meta.dirname, '../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}
interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
}

const BASE_ENV: Record<string, string> = { NO_COLOR: '1', CI: 'true', GITHUB_ACTIONS: '' };

/** The CLI in this process: stdout, stderr and the exit code of `run(argv)`. */
export async function keycard(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const env = { ...BASE_ENV, ...opts.env };
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const savedCwd = process.cwd();
  const { stdout, stderr } = process;
  const writeOut = stdout.write;
  const writeErr = stderr.write;
  const capture = (sink: string[]) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      if (done) queueMicrotask(done);
      return true;
    }) as typeof stdout.write;
  Object.assign(process.env, env);
  process.chdir(opts.cwd ?? root);
  stdout.write = capture(out);
  stderr.write = capture(err);
  try {
    const code = await run(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.write = writeOut;
    stderr.write = writeErr;
    process.exitCode = undefined;
    process.chdir(savedCwd);
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** The built CLI as a separate process (`bin/keycard.cjs`). */
export function spawnKeycard(args: string[], opts: CliOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [join(root, 'bin/keycard.cjs'), ...args], {
    cwd: opts.cwd ?? root,
    encoding: 'utf8',
    env: { ...process.env, ...BASE_ENV, ...opts.env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
