/**
 * keycard's cache directory, shared by the Cedar caches (cedar/check-cache.ts, decision-cache.ts),
 * the YAML cache (load/yaml-cache.ts) and the CLI's code cache (cli/code-cache.ts). Everything in it is safe to delete.
 *
 * Where: `$KEYCARD_CACHE_DIR`, else `$XDG_CACHE_HOME/keycard`, else `~/.cache/keycard`
 * (`%LOCALAPPDATA%\keycard\cache` on Windows). `KEYCARD_CACHE_DIR=off` turns it off.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

/** The cache directory, or undefined when caching is off. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const set = env.KEYCARD_CACHE_DIR;
  if (set !== undefined && set !== '') return /^(off|0|false|no)$/i.test(set) ? undefined : set;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'keycard');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'keycard', 'cache');
  try {
    // $HOME is what os.homedir() returns first on POSIX; node:os is loaded only without it (start-up).
    const home =
      (process.platform !== 'win32' && env.HOME) || (createRequire(import.meta.url)('node:os') as typeof import('node:os')).homedir();
    return join(home, '.cache', 'keycard');
  } catch {
    return undefined;
  }
}

/**
 * Writes one cache entry atomically (a reader never sees half of one: a temporary file, renamed),
 * then, when `keep` is given, removes the oldest entries of other builds, named
 * `<kind>-<build>-...`, beyond `keep`. Any failure (a read-only disk) is ignored: a cache is an
 * optimisation.
 */
export function writeCacheEntry(file: string, data: string | Buffer, keep?: number): boolean {
  try {
    const dir = dirname(file);
    mkdirSync(dir, { recursive: true });
    // One temporary name per writer: worker threads share the process id (node:crypto is not loaded for it).
    const tmp = `${file}.${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, data);
    try {
      renameSync(tmp, file);
    } catch {
      rmSync(tmp, { force: true });
      return false;
    }
    const [, kind, build] = /^([a-z]+)-(\w+)-/.exec(basename(file)) ?? [];
    if (keep !== undefined && kind && build) {
      const others = readdirSync(dir)
        .filter((f) => f.startsWith(`${kind}-`) && !f.startsWith(`${kind}-${build}-`) && !f.endsWith('.tmp'))
        .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
        .sort((a, b) => b.t - a.t);
      for (const { f } of others.slice(keep)) rmSync(join(dir, f), { force: true });
    }
    return true;
  } catch {
    return false;
  }
}
