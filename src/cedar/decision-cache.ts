/**
 * A disk cache of Cedar's answers for `expect.app` lines, so that a `keycard test` whose app lines
 * were all decided before never loads cedar-wasm (≈250 ms of import and wasm per run). One file
 * per project and app (`cedar-decisions-<key>.json`, in the directory of check-cache.ts), keyed by
 * a hash of everything an answer depends on: the `cedar` section (with its position: diagnostics
 * point at it), the text of its schema, policy and entities files, cedar-wasm's version, keycard's
 * version (package.json) and build, and this cache's format. Inside, one answer per request: the claims, the
 * token use and the line (action, resource, context, text).
 *
 * A hit is exactly what Cedar said: the load diagnostics and each decision with its determining
 * policies and diagnostics. A line's position is not part of a request's key, so that editing a
 * scenario file does not miss on every line below the edit: diagnostics at the line's own
 * position are stored with a marker and given the line's position back on a hit.
 *
 * The entry is read once per run (per loaded project) and written once, at the end of the run
 * (flushDecisions; each worker thread writes its own answers): a run that is interrupted keeps none
 * of its new answers, which only means Cedar decides them again.
 *
 * Safe to delete at any time; a miss, an unreadable or foreign entry or an unwritable directory
 * only means Cedar decides again. Entries are written whole to a temporary file and renamed
 * (atomic), merged with what another run wrote meanwhile (the file is read again only when it
 * changed since this run read or wrote it); concurrent runs at worst lose each other's new answers,
 * never see half an entry. Off in tests (test/setup.ts) and with `KEYCARD_CACHE_DIR=off`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, Location } from '../diagnostics/diagnostic.js';
import { readSourceText } from '../load/source.js';
import type { AppRequestLine, CedarConfig, Claims } from '../model/types.js';
import type { AppDecision, TokenUse } from './avp.js';
import { cacheDir, writeCacheEntry } from '../load/cache-dir.js';
import { packageDir } from '../catalog/package-dir.js';
import { keycardBuild } from './check-cache.js';

/** Bump when what an answer holds changes, so old entries are not read. */
const FORMAT = 1;
/** Above this many answers in one entry, a write keeps only the answers this run used. */
const MAX_ANSWERS = 50_000;
/** Stands for the line's own position in a stored diagnostic. */
const AT_LINE = '@line';

/** How loading the app ended: its diagnostics, and whether an app came out of it. */
export interface AppLoadOutcome {
  ok: boolean;
  diagnostics: Diagnostic[];
}

interface Entry {
  key: string;
  load?: AppLoadOutcome;
  answers: Record<string, AppDecision>;
}

/** The cached answers of one app in one project. */
export class DecisionStore {
  private readonly used: Record<string, AppDecision> = {};
  private dirty = false;
  private newLoad: AppLoadOutcome | undefined;

  constructor(
    private readonly file: string,
    private readonly entry: Entry,
    /** The file as this store last read or wrote it: unchanged, it need not be read again to merge. */
    private seen: FileStamp | undefined,
  ) {}

  get load(): AppLoadOutcome | undefined {
    return this.entry.load;
  }

  setLoad(load: AppLoadOutcome): void {
    this.entry.load = this.newLoad = load;
    this.dirty = true;
    unwritten.add(this);
  }

  /** Cedar's answer for this request, if it was decided before. */
  get(claims: Claims, tokenUse: TokenUse, line: AppRequestLine): AppDecision | undefined {
    const k = requestKey(claims, tokenUse, line);
    const stored = this.entry.answers[k];
    if (!validAnswer(stored)) return undefined;
    this.used[k] = stored;
    return {
      decision: stored.decision,
      determining: [...stored.determining],
      errors: stored.errors.map((d) => (d.location === (AT_LINE as unknown) ? { ...d, location: line.location! } : { ...d })),
    };
  }

  set(claims: Claims, tokenUse: TokenUse, line: AppRequestLine, answer: AppDecision): void {
    const at = line.location ? JSON.stringify(line.location) : undefined;
    const stored: AppDecision = {
      ...answer,
      errors: answer.errors.map((d) =>
        at !== undefined && d.location && JSON.stringify(d.location) === at ? { ...d, location: AT_LINE as unknown as Location } : d,
      ),
    };
    const k = requestKey(claims, tokenUse, line);
    this.entry.answers[k] = this.used[k] = JSON.parse(JSON.stringify(stored)) as AppDecision;
    this.dirty = true;
    unwritten.add(this);
  }

  /** Writes what this run added, merged with the entry on disk now (another run may have written it). */
  flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const stamp = stampOf(this.file);
    const now = stamp !== undefined && sameStamp(stamp, this.seen) ? undefined : readEntry(this.file, this.entry.key);
    let answers = { ...now?.answers, ...this.entry.answers };
    if (Object.keys(answers).length > MAX_ANSWERS) answers = { ...this.used };
    const load = this.newLoad ?? now?.load ?? this.entry.load;
    const written = writeCacheEntry(this.file, JSON.stringify({ key: this.entry.key, ...(load ? { load } : {}), answers }));
    // This store now holds what it wrote, so a next write (--watch) needs no read while the file is unchanged.
    this.entry.answers = answers;
    if (load) this.entry.load = load;
    this.seen = written ? stampOf(this.file) : undefined;
  }
}

/**
 * The store of each `cedar` section object: a project loaded anew (the next run of `--watch`)
 * has a new one, so its files are read and hashed again.
 */
let stores = new WeakMap<CedarConfig, DecisionStore | null>();
/** Stores with answers not written yet. */
const unwritten = new Set<DecisionStore>();

/**
 * The store of a `cedar` section, read once per loaded project; undefined when the cache is off or
 * a file of the app cannot be read (then the app is loaded, and reports that, as without a cache).
 */
export function decisionStoreFor(config: CedarConfig): DecisionStore | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  const known = stores.get(config);
  if (known !== undefined) return known ?? undefined;
  let store: DecisionStore | null;
  try {
    const files = [config.schemaFile, ...config.policyFiles, ...(config.entitiesFile ? [config.entitiesFile] : [])];
    const key = hash([FORMAT, keycardBuild(), cedarVersion(), config, files.map((f) => [f, readSourceText(f)])]);
    const file = join(dir, `cedar-decisions-${key.slice(0, 40)}.json`);
    const stamp = stampOf(file);
    const entry = stamp ? readEntry(file, key) : undefined;
    store = new DecisionStore(file, entry ?? { key, answers: {} }, entry ? stamp : undefined);
  } catch {
    store = null;
  }
  stores.set(config, store);
  return store ?? undefined;
}

/** Writes the answers added since the last call (at the end of a `keycard test` run). */
export function flushDecisions(): void {
  for (const s of unwritten) s.flush();
  unwritten.clear();
}

function readEntry(file: string, key: string): Entry | undefined {
  try {
    const e = JSON.parse(readFileSync(file, 'utf8')) as Partial<Entry>;
    if (e.key !== key || typeof e.answers !== 'object' || e.answers === null || Array.isArray(e.answers)) return undefined;
    const load = e.load;
    if (load !== undefined && (typeof load.ok !== 'boolean' || !Array.isArray(load.diagnostics))) return undefined;
    return { key, answers: e.answers, ...(load ? { load } : {}) };
  } catch {
    return undefined;
  }
}

/** What tells that a file changed: its size, modification time and inode (a rename gives a new one). */
interface FileStamp {
  size: number;
  mtimeNs: bigint;
  ino: bigint;
}

function stampOf(file: string): FileStamp | undefined {
  try {
    const st = statSync(file, { bigint: true });
    return { size: Number(st.size), mtimeNs: st.mtimeNs, ino: st.ino };
  } catch {
    return undefined;
  }
}

function sameStamp(a: FileStamp, b: FileStamp | undefined): boolean {
  return b !== undefined && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ino === b.ino;
}

function validAnswer(a: AppDecision | undefined): a is AppDecision {
  return a !== undefined && (a.decision === 'Allow' || a.decision === 'Deny') && Array.isArray(a.determining) && Array.isArray(a.errors);
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** A request's key: everything authorizeApp reads, but the line's position (only whether it has one). */
function requestKey(claims: Claims, tokenUse: TokenUse, line: AppRequestLine): string {
  const { location, ...rest } = line;
  return hash([claims, tokenUse, rest, location !== undefined]).slice(0, 40);
}

let cedarVersionText: string | undefined;
/** cedar-wasm's version, from its package.json (reading it does not load the wasm). */
function cedarVersion(): string {
  if (cedarVersionText === undefined) {
    const dir = packageDir('@cedar-policy/cedar-wasm', 'package.json', '@cedar-policy/cedar-wasm/nodejs');
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: unknown };
    if (typeof pkg.version !== 'string') throw new Error('cedar-wasm has no version');
    cedarVersionText = pkg.version;
  }
  return cedarVersionText;
}

/** Forgets the stores read so far: the next lookup reads the disk again, as a new process would (tests). */
export function forgetDecisionStores(): void {
  stores = new WeakMap();
}
