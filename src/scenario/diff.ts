/**
 * What changed for every scenario user between two versions of a project: the role, and the
 * lines of the S3 access map gained or lost. Like Access Analyzer's check-no-new-access, but end
 * to end through Cognito: a user who gains a role, or a role that gains a prefix, shows up here.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { accessMap, rowsOf } from '../access/map.js';
import { resolveUser, scenarioRequest } from '../access/resolve.js';
import { buildSession, type Session } from '../access/session.js';
import { accessTargets } from '../access/targets.js';
import type { AccessCell, AccessRow, AccessTarget } from '../access/types.js';
import type { Resolution } from '../cognito/types.js';
import type { Decision } from '../iam/index.js';
import { loadProject } from '../load/project.js';
import { findScenarioFiles, loadScenarioFile, type ProjectCache } from '../load/scenario.js';
import type { Location } from '../diagnostics/diagnostic.js';
import type { Project, Scenario } from '../model/types.js';

type Grant = 'Allow' | 'Conditional' | 'ExplicitDeny' | 'ImplicitDeny' | 'Unknown';

export interface AccessChange {
  action: string;
  resource: string;
  label: string;
  before: Grant;
  after: Grant;
  /** Conditions under which `after` (or `before`, for lost lines) is allowed. */
  conditions?: string[];
}

export interface UserDiff {
  file: string;
  name: string;
  location?: Location;
  before: { role: string | null; error: string | null };
  after: { role: string | null; error: string | null };
  roleChanged: boolean;
  /** The user gets credentials now and did not before, or an access line became allowed. */
  gainedAccess: boolean;
  gained: AccessChange[];
  lost: AccessChange[];
}

export interface AccessDiff {
  version: 1;
  base: string;
  head: string;
  users: UserDiff[];
  summary: { users: number; gained: number; lost: number; unchanged: number };
}

function grantOf(e: AccessCell): Grant {
  if (e.conditional) return 'Conditional';
  return e.decision as Decision;
}

const allows = (g: Grant) => g === 'Allow' || g === 'Conditional';

function outcome(r: Resolution): { role: string | null; error: string | null } {
  return r.outcome === 'credentials' ? { role: r.role, error: null } : { role: null, error: r.error?.code ?? 'error' };
}

function sessionOf(project: Project, s: Scenario): { r: Resolution; session?: Session } {
  const r = resolveUser(project, scenarioRequest(s));
  return { r, ...(r.outcome === 'credentials' ? { session: buildSession(project, r) } : {}) };
}

/** Every target either session knows, by ARN, so both maps are read on the same resources. */
function unionTargets(a: Session | undefined, b: Session | undefined): AccessTarget[] {
  const byArn = new Map<string, AccessTarget>();
  for (const s of [b, a]) if (s) for (const t of accessTargets(s)) if (!byArn.has(t.arn)) byArn.set(t.arn, t);
  return [...byArn.values()];
}

/** The rows of a session's map on these targets, by action (none without a session). */
function rowsByAction(
  session: Session | undefined,
  targets: AccessTarget[],
  onProgress?: (done: number, total: number) => void,
): Map<string, AccessRow> {
  const out = new Map<string, AccessRow>();
  if (!session) return out;
  for (const row of rowsOf(accessMap(session, { targets, ...(onProgress ? { onProgress } : {}) }))) out.set(row.action, row);
  return out;
}

const NO_ROW: AccessRow = { action: '', level: 'List', targets: [], cells: [], cellOf: [] };

/**
 * The cells of one action that differ between two rows, compared per pair of answers (a row has
 * a few answers for thousands of targets): only the targets of a pair whose grants differ are
 * expanded into changes. Targets are matched by ARN, `before`'s order first.
 */
function rowChanges(b: AccessRow, a: AccessRow, gained: AccessChange[], lost: AccessChange[]): void {
  const action = a.action || b.action;
  // Same target objects at the same places (both maps read one target list): no lookup by ARN.
  const aligned = a.targets.length === b.targets.length && a.targets.every((t, i) => t === b.targets[i]);
  const afterAt = aligned ? undefined : new Map(a.targets.map((t, i) => [t.arn, i]));
  const verdicts = new Map<number, number>(); // (before answer, after answer) → 0 same, 1 gained, 2 lost, 3 changed
  const compare = (cb: AccessCell | undefined, ca: AccessCell | undefined, target: AccessTarget) => {
    const gb: Grant = cb ? grantOf(cb) : 'ImplicitDeny';
    const ga: Grant = ca ? grantOf(ca) : 'ImplicitDeny';
    if (gb === ga) return;
    const change: AccessChange = { action, resource: target.arn, label: target.label, before: gb, after: ga };
    if (allows(ga) && (!allows(gb) || (gb === 'Conditional' && ga === 'Allow')))
      gained.push({ ...change, ...(ca?.conditions.length ? { conditions: ca.conditions } : {}) });
    else if (allows(gb) && (!allows(ga) || (gb === 'Allow' && ga === 'Conditional')))
      lost.push({ ...change, ...(cb?.conditions.length ? { conditions: cb.conditions } : {}) });
  };
  const seen = aligned ? undefined : new Set<number>();
  for (let i = 0; i < b.targets.length; i++) {
    const kb = b.cellOf[i]!;
    const j = aligned ? i : afterAt!.get(b.targets[i]!.arn);
    if (j === undefined) {
      compare(b.cells[kb], undefined, b.targets[i]!);
      continue;
    }
    seen?.add(j);
    const ka = a.cellOf[j]!;
    const pair = kb * (a.cells.length + 1) + ka;
    let v = verdicts.get(pair);
    if (v === undefined) verdicts.set(pair, (v = grantOf(b.cells[kb]!) === grantOf(a.cells[ka]!) ? 0 : 1));
    if (v) compare(b.cells[kb], a.cells[ka], b.targets[i]!);
  }
  if (seen) for (let j = 0; j < a.targets.length; j++) if (!seen.has(j)) compare(undefined, a.cells[a.cellOf[j]!], a.targets[j]!);
}

function diffUser(s: Scenario, baseProject: Project | undefined, onProgress?: (done: number, total: number) => void): UserDiff {
  const head = sessionOf(s.project, s);
  const base = baseProject ? sessionOf(baseProject, s) : undefined;
  const targets = unionTargets(base?.session, head.session);
  const half = onProgress && ((offset: number) => (done: number, total: number) => onProgress(offset + done, 2 * total));
  const before = rowsByAction(base?.session, targets, half?.(0));
  const after = rowsByAction(head.session, targets, half?.(before.size));
  const gained: AccessChange[] = [];
  const lost: AccessChange[] = [];
  for (const [action, b] of before) rowChanges(b, after.get(action) ?? NO_ROW, gained, lost);
  for (const [action, a] of after) if (!before.has(action)) rowChanges(NO_ROW, a, gained, lost);
  const sort = (x: AccessChange, y: AccessChange) => x.label.localeCompare(y.label) || x.action.localeCompare(y.action);
  gained.sort(sort);
  lost.sort(sort);
  const o1 = base ? outcome(base.r) : { role: null, error: 'no base project' };
  const o2 = outcome(head.r);
  const roleChanged = o1.role !== o2.role || o1.error !== o2.error;
  return {
    file: s.file,
    name: s.name,
    ...(s.location ? { location: s.location } : {}),
    before: o1,
    after: o2,
    roleChanged,
    gainedAccess: gained.length > 0 || (o2.role !== null && o1.role !== o2.role),
    gained,
    lost,
  };
}

/**
 * Diffs every scenario user under `paths` (scenario files of the working tree) against the
 * project found at the same relative path under `baseRoot`.
 */
export function diffProjects(
  paths: string[],
  headRoot: string,
  baseRoot: string,
  labels: { base: string; head: string },
  opts: { onProgress?: (text: string) => void } = {},
): AccessDiff {
  const cache: ProjectCache = new Map();
  const baseProjects = new Map<string, Project | undefined>();
  const baseProjectFor = (p: Project): Project | undefined => {
    if (!baseProjects.has(p.file)) {
      const counterpart = join(baseRoot, relative(headRoot, p.file.replace(/#project$/, '')));
      // An inline project lives inside the scenario file: the base scenario file holds its twin.
      const inline = p.file.endsWith('#project');
      let loaded: Project | undefined;
      if (existsSync(counterpart)) loaded = inline ? loadScenarioFile(counterpart).project : loadProject(counterpart);
      baseProjects.set(p.file, loaded);
    }
    return baseProjects.get(p.file);
  };
  const users: UserDiff[] = [];
  for (const file of findScenarioFiles(paths)) {
    opts.onProgress?.(`loading ${relative(headRoot, file)}`);
    for (const s of loadScenarioFile(file, cache).scenarios) {
      opts.onProgress?.(`user ${users.length + 1}: ${s.name}`);
      const base = baseProjectFor(s.project);
      // The map's own steps, under the user's name (a map of a large project takes a while).
      const onMap =
        opts.onProgress &&
        ((done: number, total: number) =>
          opts.onProgress!(`user ${users.length + 1}: ${s.name} (access maps of base and head: ${done} of ${total} action rows)`));
      users.push(diffUser(s, base, onMap));
    }
  }
  const gained = users.filter((u) => u.gainedAccess).length;
  const lost = users.filter((u) => !u.gainedAccess && (u.lost.length > 0 || u.roleChanged)).length;
  return {
    version: 1,
    base: labels.base,
    head: labels.head,
    users,
    summary: { users: users.length, gained, lost, unchanged: users.length - gained - lost },
  };
}
