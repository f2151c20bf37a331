/**
 * `expect.app` lines: the app's own authorization, decided by Cedar as Verified Permissions
 * would decide it. Cedar is loaded only when a scenario has app lines.
 */
import type { Resolution } from '../cognito/types.js';
import type { Scenario } from '../model/types.js';
import type { Failure } from './result.js';

export async function checkAppLines(s: Scenario, _r: Resolution): Promise<{ failures: Failure[]; pending: string[] }> {
  const app = s.expect.app;
  if (!app || app.allow.length + app.deny.length === 0) return { failures: [], pending: [] };
  if (!s.project.cedar) return { failures: [], pending: ['`expect.app` lines need a `cedar` section in the project'] };
  return { failures: [], pending: ['`expect.app` lines are not checked yet'] };
}
