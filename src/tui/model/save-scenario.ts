/**
 * "Save as scenario": the current user and their current result become a scenario with
 * expectations (the role or error, the principal tags, and the allow/deny lines marked in the map).
 * An existing file is never overwritten blindly: it is parsed with the yaml Document API (comments
 * and formatting kept), the scenario appended, the result written to a temporary file, checked to
 * load and pass, and only then renamed over the original. A file that does not parse is refused.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  return e.witness && Object.keys(e.witness).length ? { action: e.action, resource: e.target.arn, context: { ...e.witness } } : `${e.action} ${e.target.arn}`;
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
  for (const [key, d] of [['allow', 'Allow'], ['deny', 'ImplicitDeny'], ['explicitDeny', 'ExplicitDeny']] as const) {
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

function appendTo(text: string, file: string, data: Record<string, unknown>): { text: string; name: string } {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length) throw new Error(`${basename(file)} does not parse (${doc.errors[0]!.message.split('\n')[0]}); fix it or save to another file`);
  if (!isMap(doc.contents)) throw new Error(`${basename(file)} is not a scenario file (no top-level mapping); save to another file`);
  let seq = doc.get('scenarios', true);
  if (seq === undefined) {
    doc.set('scenarios', doc.createNode([]));
    seq = doc.get('scenarios', true);
  }
  if (!isSeq(seq)) throw new Error(`\`scenarios\` in ${basename(file)} is not a list; save to another file`);
  const taken = new Set(seq.items.map((it) => (isMap(it) ? String(it.get('name')) : '')));
  const name = uniqueName(String(data.name), taken);
  seq.add(doc.createNode({ ...data, name }));
  return { text: doc.toString({ lineWidth: 0 }), name };
}

function newFile(file: string, projectFile: string, data: Record<string, unknown>): string {
  const doc = new Document({ project: relative(dirname(file), projectFile) || basename(projectFile), scenarios: [data] });
  doc.commentBefore = ' Saved from `keycard explore`: run it with `keycard test`.';
  return doc.toString({ lineWidth: 0 });
}

export async function saveScenario(opts: { file: string; projectFile: string; data: Record<string, unknown> }): Promise<SaveResult> {
  const file = resolve(opts.file);
  const created = !existsSync(file);
  let text: string;
  let name = String(opts.data.name);
  if (created) text = newFile(file, opts.projectFile, opts.data);
  else ({ text, name } = appendTo(readFileSync(file, 'utf8'), file, opts.data));
  mkdirSync(dirname(file), { recursive: true });
  // A dotfile beside the target: same directory (so the rename is atomic and `project:` resolves), skipped by scenario discovery.
  const tmp = join(dirname(file), `.${basename(file)}.keycard-save-${process.pid}${file.endsWith('.json') ? '.json' : '.yaml'}`);
  writeFileSync(tmp, text);
  let passes = false;
  let problem: string | undefined;
  try {
    const mine = loadScenarioFile(tmp).scenarios.find((s) => s.name === name);
    const result = mine ? await runScenario(mine) : undefined;
    passes = result?.status === 'pass';
    if (result && !passes) problem = result.failures[0]?.message ?? result.error?.message ?? result.status;
  } catch (e) {
    rmSync(tmp, { force: true });
    const d = e instanceof KeycardInputError ? e.diagnostics[0] : undefined;
    throw new Error(`the scenario would not load (${d ? d.message : e instanceof Error ? e.message : String(e)}); nothing was written`);
  }
  renameSync(tmp, file);
  return { file, created, name, passes, ...(problem ? { problem } : {}) };
}
