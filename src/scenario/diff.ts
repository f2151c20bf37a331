/**
 * What changed for every scenario user between two versions of a project: the role, and the
 * lines of the S3 access map gained or lost. Like Access Analyzer's check-no-new-access, but end
 * to end through Cognito: a user who gains a role, or a role that gains a prefix, shows up here.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { accessMap } from '../access/map.js';
import { resolveUser, scenarioRequest } from '../access/resolve.js';
import { buildSession, type Session } from '../access/session.js';
import { accessTargets } from '../access/targets.js';
import type { AccessEntry, AccessTarget } from '../access/types.js';
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

function grantOf(e: AccessEntry): Grant {
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

function grantsOf(session: Session | undefined, targets: AccessTarget[]): Map<string, AccessEntry> {
  const out = new Map<string, AccessEntry>();
  if (!session) return out;
  for (const e of accessMap(session, { targets }).entries) out.set(`${e.action} ${e.target.arn}`, e);
  return out;
}

function diffUser(s: Scenario, baseProject: Project | undefined): UserDiff {
  const head = sessionOf(s.project, s);
  const base = baseProject ? sessionOf(baseProject, s) : undefined;
  const targets = unionTargets(base?.session, head.session);
  const before = grantsOf(base?.session, targets);
  const after = grantsOf(head.session, targets);
  const gained: AccessChange[] = [];
  const lost: AccessChange[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(key);
    const a = after.get(key);
    const gb: Grant = b ? grantOf(b) : 'ImplicitDeny';
    const ga: Grant = a ? grantOf(a) : 'ImplicitDeny';
    if (gb === ga) continue;
    const e = (a ?? b)!;
    const change: AccessChange = { action: e.action, resource: e.target.arn, label: e.target.label, before: gb, after: ga };
    if (allows(ga) && (!allows(gb) || (gb === 'Conditional' && ga === 'Allow')))
      gained.push({ ...change, ...(a?.conditions.length ? { conditions: a.conditions } : {}) });
    else if (allows(gb) && (!allows(ga) || (gb === 'Allow' && ga === 'Conditional')))
      lost.push({ ...change, ...(b?.conditions.length ? { conditions: b.conditions } : {}) });
  }
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
export function diffProjects(paths: string[], headRoot: string, baseRoot: string, labels: { base: string; head: string }): AccessDiff {
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
    for (const s of loadScenarioFile(file, cache).scenarios) users.push(diffUser(s, baseProjectFor(s.project)));
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
