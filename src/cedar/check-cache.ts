/**
 * A disk cache of the strict Cedar checks of a project's `cedar` section (schema parse, strict
 * validation, entities check, the schema with resolved types), keyed by a hash of everything they
 * depend on: the section's settings, the text of every file, the cedar-wasm version, keycard's
 * build (its translation of Cedar's answers) and this cache's format. The checks cost hundreds of
 * milliseconds of wasm on each `keycard test`; their result never changes while those inputs do
 * not. Safe to delete at any time; a miss, an unreadable entry or an unwritable directory only
 * means the checks run again (they are never skipped). The directory: load/cache-dir.ts.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { bundleBuild } from '../load/build-id.js';
import { cacheDir, writeCacheEntry } from '../load/cache-dir.js';

/** Bump when what the checks produce changes (messages, codes, positions), so old entries are not read. */
const FORMAT = 1;

/** What the strict checks found, step by step, so a cached run reports in the same order as a fresh one. */
export interface CedarChecks {
  schema: Diagnostic[];
  policies: Diagnostic[];
  entities: Diagnostic[];
  /** The schema as JSON with resolved type names (undefined when the checks stopped before it). */
  schemaJson?: unknown;
}

/** The key of one set of inputs. `parts` must hold every input the checks read; keycard's own build is added. */
export function checksKey(parts: unknown[]): string {
  return createHash('sha256')
    .update(JSON.stringify([FORMAT, keycardBuild(), ...parts]))
    .digest('hex');
}

const entryPath = (dir: string, key: string) => join(dir, `cedar-checks-${key.slice(0, 40)}.json`);

export function readChecks(key: string): CedarChecks | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  try {
    const entry = JSON.parse(readFileSync(entryPath(dir, key), 'utf8')) as { key?: string; checks?: CedarChecks };
    const c = entry.checks;
    if (entry.key !== key || !c || !Array.isArray(c.schema) || !Array.isArray(c.policies) || !Array.isArray(c.entities)) return undefined;
    return c;
  } catch {
    return undefined;
  }
}

/** Stores an entry; any failure (read-only disk, no home) is ignored: the cache is an optimisation. */
export function writeChecks(key: string, checks: CedarChecks): void {
  const dir = cacheDir();
  if (!dir) return;
  writeCacheEntry(entryPath(dir, key), JSON.stringify({ key, checks }));
}

let built: unknown[] | undefined;

/**
 * keycard's build: in the CLI bundles, the name of the build (load/build-id.ts), the same for every
 * command, the explorer and the scenario workers. Elsewhere, its package.json's version (an installed
 * package's files all carry the same date), and the size and time of the files of the code that decides
 * (the caches' own, and the app's modules beside them when they are files of their own: tsc's output,
 * or the sources under vitest). Answers made by other code are not read.
 */
export function keycardBuild(): unknown[] {
  const bundle = bundleBuild();
  if (bundle !== undefined) return ['bundle', bundle];
  if (built) return built;
  const own = fileURLToPath(import.meta.url);
  const ext = extname(own);
  const out: unknown[] = [];
  for (let dir = dirname(own), i = 0; i < 4; dir = dirname(dir), i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name !== 'keycard') continue;
      out.push(pkg.version);
      break;
    } catch {
      // not here: the folder above
    }
  }
  for (const name of ['', 'decision-cache', 'avp', 'app-check', 'project', 'schema-shape', 'token', 'wasm', 'policy-file']) {
    const file = name ? join(dirname(own), name + ext) : own;
    try {
      const st = statSync(file);
      out.push([name, st.size, st.mtimeMs]);
    } catch {
      // bundled into one chunk with this code
    }
  }
  return (built = out);
}
