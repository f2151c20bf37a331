/** Resolves the `<user>` options to a session; a user who gets no credentials is a clear error. */
import { resolveUser } from '../access/resolve.js';
import { buildSession, refusedPolicies, type Session } from '../access/session.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Resolution } from '../cognito/types.js';
import { colorEnabled } from '../text/color.js';
import { renderDiagnostics } from '../report/diagnostic-text.js';
import { unknownBecause } from '../model/unresolved.js';
import { userFrom, type UserInput } from './user-input.js';
import type { UserOptions } from './user-options.js';
import { stderr } from '../text/stdio.js';

export interface SessionInput {
  user: UserInput;
  resolution: Resolution;
  /** Undefined when the identity pool refused the user. */
  session?: Session;
}

export async function sessionFrom(opts: UserOptions): Promise<SessionInput> {
  const user = await userFrom(opts);
  const resolution = resolveUser(user.project, user.request);
  const session = resolution.outcome === 'credentials' ? buildSession(user.project, resolution) : undefined;
  // A policy AWS would refuse grants nothing: say so at file:line:col before any answer.
  printRefused(refusedPolicies(resolution, session));
  return { user, resolution, ...(session ? { session } : {}) };
}

/** Prints the diagnostic block (file:line:col and code frame) on stderr. */
export function printRefused(errors: Diagnostic[]): void {
  if (errors.length) stderr.write(renderDiagnostics(errors, { color: colorEnabled(stderr) }) + '\n');
}

/** One line for a user who gets no credentials, or whose role depends on a value no file gives. */
export function refusedText(r: Resolution): string {
  if (r.outcome === 'unknown') return `the role this user gets is ${unknownBecause(r.unknown ?? [])}`;
  return `the identity pool gives this user no credentials: ${r.error?.code}: ${r.error?.message}`;
}
