/**
 * Runs the CLI's CommonJS bundle (dist/cli-bundle/main.cjs, scripts/bundle-cli.mjs) with V8's code
 * cache. Node 20 keeps no compiled code between runs (module.enableCompileCache is Node 22), so
 * each run would parse and compile again every function it calls; here the bytecode of the
 * functions one run of a command compiled is kept in keycard's cache directory, one file per build,
 * command and Node version, and the next run of that command starts from it.
 *
 * Safe by construction: an entry is named by the bundle's build hash (its first line), and V8
 * itself refuses data made by another V8, other flags or another source (the script then compiles
 * as without a cache, and the entry is written again). A missing, unreadable or unwritable
 * directory (a read-only install, KEYCARD_CACHE_DIR=off) only means no cache.
 *
 * V8's flags are part of what it checks, and a run that compiles WebAssembly sets one on the way
 * (--liftoff-only, src/load/wasm-tier.ts): its entry is named apart (`-liftoff`), and a run that
 * finds only such an entry sets the flag first, so that V8 takes it (and removes it when it turned
 * out to compile none, so that a plain entry follows).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { BUILD_KEY } from '../load/build-id.js';
import { cacheDir, writeCacheEntry } from '../load/cache-dir.js';
import { setWebAssemblyTier, webAssemblyCompiled, webAssemblyTierSet } from '../load/wasm-tier.js';

/** Cache files kept for other builds before the oldest are removed (a developer rebuilds often). */
const KEEP_OTHER_BUILDS = 16;

/** The name of the bundle's build, from its first line (scripts/bundle-cli.mjs). */
const buildOf = (source: string): string | undefined => /^\/\/ keycard-build (\w+)/.exec(source)?.[1];

/** The cache file of this build, command, Node and WebAssembly tier, or undefined when there is none to use. */
export function codeCacheFile(source: string, command: string | undefined, dir = cacheDir(), liftoff = false): string | undefined {
  const build = buildOf(source);
  if (!dir || !build) return undefined;
  const name = command && /^[a-z][a-z-]{0,20}$/.test(command) ? command : 'other';
  return join(dir, `code-${build}-${name}${liftoff ? '-liftoff' : ''}-${process.version}-${process.arch}.bin`);
}

const readEntry = (file: string | undefined): Buffer | undefined => {
  try {
    return file ? readFileSync(file) : undefined;
  } catch {
    return undefined; // no entry yet
  }
};

/** Loads the bundle with the cache entry for `argv`'s command, runs it, and stores the entry when it had none. */
export async function runBundle(file: string, argv: string[]): Promise<number> {
  const source = readFileSync(file, 'latin1'); // ASCII (scripts/bundle-cli.mjs checks)
  const entry = (liftoff: boolean) => codeCacheFile(source, argv[0], undefined, liftoff);
  // The entry of a run that compiled no WebAssembly first: it spares loading node:v8 for the flag.
  let usedFile = entry(false);
  let cachedData = readEntry(usedFile);
  if (!cachedData && usedFile) {
    usedFile = entry(true);
    cachedData = readEntry(usedFile);
    if (cachedData) setWebAssemblyTier();
  }
  // The build names the bundle's other caches too (load/build-id.ts).
  (globalThis as Record<symbol, unknown>)[BUILD_KEY] = buildOf(source);
  // The file is one function expression: (exports, require, module, __filename, __dirname) => ...
  const script = new Script(source, { filename: file, cachedData });
  const module = { exports: {} as { run(argv: string[]): Promise<number> } };
  (script.runInThisContext() as (...a: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  const code = await module.exports.run(argv);
  // Not after a run that parsed YAML files for the YAML cache: later runs read those instead, and
  // would only load the parser's code for nothing (STORED_KEY of load/yaml-cache.ts).
  const parsedForCache = (globalThis as Record<symbol, unknown>)[Symbol.for('keycard.yaml-stored')] === true;
  // A run that took the `-liftoff` entry and then compiled no WebAssembly (Cedar's answers were in
  // its cache this time) drops it: the next run starts without the flag and keeps a plain entry,
  // which later runs prefer, instead of loading node:v8 for the flag on every run.
  if (usedFile !== entry(false) && cachedData && !webAssemblyCompiled()) {
    rmSync(usedFile!, { force: true });
    return code;
  }
  // Named by the flags V8 has now, which it stamps into the data.
  const cacheFile = entry(webAssemblyTierSet());
  const stale = cacheFile === usedFile ? !cachedData || script.cachedDataRejected : cacheFile !== undefined && !existsSync(cacheFile);
  if (cacheFile && stale && !parsedForCache) writeCacheEntry(cacheFile, script.createCachedData(), KEEP_OTHER_BUILDS);
  return code;
}
