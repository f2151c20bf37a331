/** Shared state of one resolution: the request, the claims in use, and the trace being written. */
import type { Location } from '../diagnostics/diagnostic.js';
import type { Claims, Project } from '../model/types.js';
import { showUnresolved } from '../model/unresolved.js';
import type { ResolutionSource, ResolveRequest, TraceStep, TrustChecker } from './types.js';

export interface ResolveContext {
  project: Project;
  req: ResolveRequest;
  flow: 'enhanced' | 'basic';
  claims: Claims;
  identityId: string;
  trace: TraceStep[];
  trust?: TrustChecker;
}

export type AwsError = { code: string; message: string };

/** The role-choosing steps end in a role or in the error AWS returns. */
export type Choice =
  | { ok: true; role: string; source: ResolutionSource }
  | { ok: false; error: AwsError; unknown?: undefined }
  /** The outcome depends on values no file gives (imports.md §4): never a role, never an error. */
  | { ok: false; unknown: string[]; error?: undefined };

// Messages show an unresolved value as `«unresolved NAME»`, never its raw marker.
export function step(ctx: ResolveContext, s: TraceStep): void {
  ctx.trace.push({ ...s, message: showUnresolved(s.message) });
}

export function fail(ctx: ResolveContext, error: AwsError, s: Omit<TraceStep, 'outcome'>): Choice {
  step(ctx, { ...s, outcome: 'error' });
  return { ok: false, error };
}

export function unknown(ctx: ResolveContext, names: string[], s: Omit<TraceStep, 'outcome'>): Choice {
  step(ctx, { ...s, outcome: 'info' });
  return { ok: false, unknown: names };
}

export function chose(role: string, source: ResolutionSource): Choice {
  return { ok: true, role, source };
}

export function rolesLocation(ctx: ResolveContext, key: string): Location | undefined {
  return ctx.project.locate.identityPoolRoles(['Roles', key]);
}

/** Roles.authenticated / Roles.unauthenticated, if it is a string. */
export function poolRole(ctx: ResolveContext, key: 'authenticated' | 'unauthenticated'): string | undefined {
  const roles = ctx.project.identityPoolRoles.Roles;
  const arn = roles && typeof roles === 'object' && Object.hasOwn(roles, key) ? roles[key] : undefined;
  return typeof arn === 'string' && arn !== '' ? arn : undefined;
}
