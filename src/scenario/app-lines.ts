/**
 * `expect.app` lines: the app's own authorization, decided by Cedar as Verified Permissions
 * would decide it for the same token. Cedar is loaded only when a scenario has app lines.
 */
import type { Resolution } from '../cognito/types.js';
import { formatLocation } from '../diagnostics/diagnostic.js';
import type { Scenario } from '../model/types.js';
import type { Failure } from './result.js';

export async function checkAppLines(s: Scenario, _r: Resolution): Promise<{ failures: Failure[]; pending: string[] }> {
  const app = s.expect.app;
  if (!app || app.allow.length + app.deny.length === 0) return { failures: [], pending: [] };
  if (!s.project.cedar) {
    return { failures: [{ expected: 'a `cedar` section', actual: 'none', message: '`expect.app` lines need a `cedar` section in the project', location: s.locate(['expect', 'app']) }], pending: [] };
  }
  const { checkAppExpectations } = await import('../cedar/app-check.js');
  const { outcomes, diagnostics } = await checkAppExpectations(s.project.cedar, s.claims, app);
  const failures: Failure[] = diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({ expected: 'a valid Cedar app', actual: d.code, message: `${d.location ? formatLocation(d.location) + ': ' : ''}${d.message}`, location: d.location }));
  for (const o of outcomes) {
    if (o.pass) continue;
    const errors = o.errors.map((e) => e.message);
    failures.push({
      expected: o.expected,
      actual: o.actual,
      message: `${o.line.text}: expected ${o.expected}, got ${o.actual}${errors.length ? ` (${errors.join('; ')})` : ''}`,
      location: o.line.location,
      explain: { text: o.determining.length ? o.determining.map((p) => `determined by Cedar policy ${p}`) : ['no Cedar policy permits it'] },
    });
  }
  return { failures, pending: [] };
}
