/**
 * The result of a user: the role (or error) with its trace, the session, and the S3 access map.
 * Resolution is cheap and runs on every keystroke; the access map is the expensive part, so it is
 * cached by everything the session's decisions depend on (typing into a claim that changes neither
 * role, tags nor identity reuses it).
 */
import { accessMap } from '../../access/map.js';
import { resolveUser, scenarioRequest } from '../../access/resolve.js';
import { buildSession, type Session } from '../../access/session.js';
import type { AccessMap } from '../../access/types.js';
import type { ResolveRequest, Resolution, TraceStep } from '../../cognito/types.js';
import type { Project } from '../../model/types.js';
import type { ExplorerUser } from './types.js';

/** The resolution request of an explorer user (the same fields a scenario has). */
function requestOf(u: ExplorerUser): ResolveRequest {
  return scenarioRequest(u);
}

export interface UserResult {
  resolution: Resolution;
  session?: Session;
  /** Index into resolution.trace of the step that decided the role or the error. */
  decidingStep: number;
}

export function evaluateUser(project: Project, u: ExplorerUser): UserResult {
  const resolution = resolveUser(project, requestOf(u));
  const session = resolution.outcome === 'credentials' && resolution.role ? buildSession(project, resolution) : undefined;
  return { resolution, ...(session ? { session } : {}), decidingStep: decidingStep(resolution.trace, resolution.outcome) };
}

const CHOOSERS = new Set(['rule', 'token', 'default', 'guest', 'requested', 'custom']);

/** The first matching rule (or token/default/guest choice) decides; a CustomRoleArn match overrides it. */
export function decidingStep(trace: readonly TraceStep[], outcome: Resolution['outcome']): number {
  if (outcome === 'error') return trace.findIndex((s) => s.outcome === 'error' && s.step !== 'result');
  const custom = trace.findIndex((s) => s.step === 'custom' && s.outcome === 'match');
  if (custom >= 0) return custom;
  return trace.findIndex((s) => CHOOSERS.has(s.step) && s.outcome === 'match');
}

/** What the session's decisions depend on (the policies come from the project, which keys the cache). */
export function sessionKey(s: Session): string {
  const r = s.resolution;
  return JSON.stringify([s.roleArn, r.identityId, r.amr, r.principalTags, r.sessionPolicies.map((p) => p.arn ?? p.name), r.sessionName]);
}

const MAX_CACHED = 64;
const maps = new WeakMap<Project, Map<string, AccessMap>>();

/** The session's access map, from the cache when an equal session was mapped before. */
export function accessMapOf(session: Session): AccessMap {
  let byKey = maps.get(session.project);
  if (!byKey) maps.set(session.project, (byKey = new Map()));
  const key = sessionKey(session);
  const hit = byKey.get(key);
  if (hit) return hit;
  const map = accessMap(session);
  if (byKey.size >= MAX_CACHED) byKey.delete(byKey.keys().next().value!);
  byKey.set(key, map);
  return map;
}

export function hasCachedMap(session: Session): boolean {
  return maps.get(session.project)?.has(sessionKey(session)) ?? false;
}
