/**
 * "Save as scenario": the current user and their current result become a scenario with
 * expectations (the role or error, the principal tags, and the allow/deny lines marked in the map).
 * An existing file is never rewritten: the new scenario's text is inserted after the last one and
 * every other byte stays as it was (line endings, BOM, numbers, flow lists). The result goes to a
 * temporary file, is checked to load and pass, and only then replaces the original, unless the
 * original changed meanwhile. A file that does not parse is refused.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { Document, isMap, isSeq, parseDocument } from 'yaml';
import type { AccessEntry } from '../../access/types.js';
import type { Resolution } from '../../cognito/types.js';
import { KeycardInputError } from '../../diagnostics/diagnostic.js';
import { loadScenarioFile } from '../../load/scenario.js';
import { runScenario } from '../../scenario/run.js';
import type { ExplorerUser } from './types.js';

type Line = string | { action: string; resource: string; context: Record<string, unknown> };

function line(e: AccessEntry): Line {
  return e.witness && Object.keys(e.witness).length
    ? { action: e.action, resource: e.target.arn, context: { ...e.witness } }
    : `${e.action} ${e.target.arn}`;
}

/** The scenario as plain data, in the field order of formats.md §2. */
export function scenarioData(name: string, user: ExplorerUser, r: Resolution, marked: readonly AccessEntry[]): Record<string, unknown> {
  const s: Record<string, unknown> = { name };
  if (user.login !== undefined) {
    s.login = user.login;
    s.claims = user.claims;
  }
  s.identityId = r.identityId;
  if (user.customRoleArn) s.customRoleArn = user.customRoleArn;
  if (user.flow === 'basic') {
    s.flow = 'basic';
    if (user.requestedRoleArn) s.requestedRoleArn = user.requestedRoleArn;
  }
  const expect: Record<string, unknown> = {};
  if (r.outcome === 'credentials' && r.role) {
    expect.role = r.role;
    if (user.login !== undefined) expect.principalTags = r.principalTags;
  } else if (r.error) {
    expect.error = r.error.code;
  }
  const by = (d: AccessEntry['decision']) => marked.filter((e) => e.decision === d).map(line);
  for (const [key, d] of [
    ['allow', 'Allow'],
    ['deny', 'ImplicitDeny'],
    ['explicitDeny', 'ExplicitDeny'],
  ] as const) {
    const lines = by(d);
    if (lines.length) expect[key] = lines;
  }
  s.expect = expect;
  return s;
}

export interface SaveResult {
  file: string;
  created: boolean;
  /** The name actually written (a suffix is added when the file already has that name). */
  name: string;
  /** Whether `keycard test` passes the new scenario, and why not. */
  passes: boolean;
  problem?: string;
}

function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) if (!taken.has(`${name} (${i})`)) return `${name} (${i})`;
}

/**
 * The file's bytes with the new scenario inserted after the last one, and nothing else changed:
 * no reformatting, same line endings and BOM. Refuses files whose `scenarios` it cannot extend.
 */
function appendTo(bytes: Buffer, file: string, data: Record<string, unknown>): { text: Buffer; name: string } {
  const raw = bytes.toString('utf8');
  const bom = raw.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = raw.slice(bom);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length)
    throw new Error(`${basename(file)} does not parse (${doc.errors[0]!.message.split('\n')[0]}); fix it or save to another file`);
  if (!isMap(doc.contents)) throw new Error(`${basename(file)} is not a scenario file (no top-level mapping); save to another file`);
  const seq = doc.get('scenarios', true);
  if (seq !== undefined && (!isSeq(seq) || seq.flow))
    throw new Error(`\`scenarios\` in ${basename(file)} is not a block list; save to another file`);
  const taken = new Set((seq?.items ?? []).map((it) => (isMap(it) ? String(it.get('name')) : '')));
  const name = uniqueName(String(data.name), taken);
  const item = new Document([{ ...data, name }]).toString({ lineWidth: 0 }).trimEnd().split('\n');
  let at: number;
  let insert: string;
  if (seq && seq.items.length) {
    // After the line where the last item ends, indented as the first item is.
    const first = seq.range![0];
    const indent = first - (text.lastIndexOf('\n', first - 1) + 1);
    const end = seq.items[seq.items.length - 1]!;
    const lastEnd = (end as { range?: [number, number, number] }).range?.[1] ?? seq.range![1];
    const nl = text.indexOf('\n', Math.max(lastEnd - 1, 0));
    at = nl < 0 ? text.length : nl + 1;
    insert = (nl < 0 ? eol : '') + item.map((l) => ' '.repeat(indent) + l).join(eol) + eol;
  } else {
    if (seq) throw new Error(`\`scenarios\` in ${basename(file)} is empty; add the scenario to another file`);
    at = text.length;
    insert = (text.length && !text.endsWith('\n') ? eol : '') + ['scenarios:', ...item.map((l) => '  ' + l)].join(eol) + eol;
  }
  const out = Buffer.concat([
    Buffer.from(raw.slice(0, bom + at), 'utf8'),
    Buffer.from(insert, 'utf8'),
    Buffer.from(raw.slice(bom + at), 'utf8'),
  ]);
  return { text: out, name };
}

function newFile(file: string, projectFile: string, data: Record<string, unknown>): string {
  const doc = new Document({ project: relative(dirname(file), projectFile) || basename(projectFile), scenarios: [data] });
  doc.commentBefore = ' Saved from `keycard explore`: run it with `keycard test`.';
  return doc.toString({ lineWidth: 0 });
}

export interface SaveOptions {
  file: string;
  projectFile: string;
  data: Record<string, unknown>;
  /** Runs after the new scenario was checked, before the file is replaced (tests use it to race an edit). */
  beforeCommit?: () => void | Promise<void>;
}

/**
 * Saves through a symlink to its target, keeps the file's mode, leaves every other byte as it was,
 * and refuses when the file changed between its read and the rename (an edit is never lost).
 */
export async function saveScenario(opts: SaveOptions): Promise<SaveResult> {
  const given = resolve(opts.file);
  const created = !existsSync(given);
  const file = created ? given : realpathSync(given);
  let before: Buffer | undefined;
  let text: string | Buffer;
  let name = String(opts.data.name);
  if (created) text = newFile(given, opts.projectFile, opts.data);
  else {
    before = readFileSync(file);
    ({ text, name } = appendTo(before, file, opts.data));
  }
  mkdirSync(dirname(file), { recursive: true });
  // A dotfile beside the target: same directory (so the rename is atomic and `project:` resolves), skipped by scenario discovery.
  const tmp = join(dirname(file), `.${basename(file)}.keycard-save-${process.pid}${file.endsWith('.json') ? '.json' : '.yaml'}`);
  writeFileSync(tmp, text, { mode: created ? 0o644 : statSync(file).mode & 0o7777 });
  let passes: boolean;
  let problem: string | undefined;
  try {
    const mine = loadScenarioFile(tmp).scenarios.find((s) => s.name === name);
    const result = mine ? await runScenario(mine) : undefined;
    passes = result?.status === 'pass';
    if (result && !passes) problem = result.failures[0]?.message ?? result.error?.message ?? result.status;
  } catch (e) {
    rmSync(tmp, { force: true });
    const d = e instanceof KeycardInputError ? e.diagnostics[0] : undefined;
    throw new Error(`the scenario would not load (${d ? d.message : e instanceof Error ? e.message : String(e)}); nothing was written`, {
      cause: e,
    });
  }
  await opts.beforeCommit?.();
  const now = existsSync(file) ? readFileSync(file) : undefined;
  if (created ? now !== undefined : !now || !now.equals(before!)) {
    rmSync(tmp, { force: true });
    throw new Error(
      `${basename(file)} changed while saving (edited elsewhere?); nothing was written, save again to append to the new version`,
    );
  }
  if (!created) chmodSync(tmp, statSync(file).mode & 0o7777);
  renameSync(tmp, file);
  return { file: given, created, name, passes, ...(problem ? { problem } : {}) };
}
