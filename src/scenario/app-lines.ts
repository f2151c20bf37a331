/**
 * `expect.app` lines: the app's own authorization, decided by Cedar as Verified Permissions
 * would decide it for the same token. Cedar is loaded only when a scenario has app lines.
 */
import type { Resolution } from '../cognito/types.js';
import { formatLocation } from '../diagnostics/diagnostic.js';
import type { Scenario } from '../model/types.js';
import type { Failure } from './result.js';

let appCheck: Promise<typeof import('../cedar/app-check.js')> | undefined;

/** Writes the Cedar answers this run added to the decision cache (a no-op when no app line ran). */
export async function flushAppAnswers(): Promise<void> {
  if (appCheck) (await appCheck).flushDecisions();
}

/** Checks the scenario's `expect.app` lines (and `expect.app.error`) for its user. */
export async function checkAppLines(s: Scenario, _r: Resolution): Promise<{ failures: Failure[]; pending: string[] }> {
  const app = s.expect.app;
  if (!app || (app.allow.length + app.deny.length === 0 && app.error === undefined)) return { failures: [], pending: [] };
  if (!s.project.cedar) {
    return {
      failures: [
        {
          expected: 'a `cedar` section',
          actual: 'none',
          message: '`expect.app` lines need a `cedar` section in the project',
          location: s.locate(['expect', 'app']),
        },
      ],
      pending: [],
    };
  }
  const { checkAppExpectations, errorMatches } = await (appCheck ??= import('../cedar/app-check.js'));
  const { outcomes, diagnostics, refused } = await checkAppExpectations(s.project.cedar, { claims: s.claims, login: s.login }, app);
  const failures: Failure[] = diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({
      expected: 'a valid Cedar app',
      actual: d.code,
      message: `${d.location ? formatLocation(d.location) + ': ' : ''}${d.message}`,
      location: d.location,
    }));
  if (failures.length) return { failures, pending: [] };
  // `expect.app.error` with no lines: the token alone must be refused with that error.
  if (app.error !== undefined && outcomes.length === 0 && !(refused && errorMatches(app.error, refused))) {
    const got = refused ? `got ${refused.code}: ${refused.message}` : 'but it accepts the token';
    failures.push({
      expected: app.error,
      actual: refused?.code ?? 'accepted',
      message: `expected Verified Permissions to refuse the token with \`${app.error}\`, ${got}`,
      location: s.locate(['expect', 'app', 'error']),
    });
  }
  for (const o of outcomes) {
    if (o.pass) continue;
    const warnings = o.errors.filter((e) => e.severity !== 'error').map((e) => e.message);
    const want = o.expected === 'Error' ? `error \`${app.error}\`` : o.expected;
    const got = o.actual === 'Error' ? `${o.error!.code}: ${o.error!.message}` : o.actual;
    failures.push({
      expected: o.expected === 'Error' ? app.error! : o.expected,
      actual: o.actual === 'Error' ? o.error!.code : o.actual,
      message: `${o.line.text}: expected ${want}, got ${got}${warnings.length ? ` (${warnings.join('; ')})` : ''}`,
      location: o.line.location,
      explain: {
        text:
          o.actual === 'Error'
            ? [o.error!.help]
            : o.determining.length
              ? o.determining.map((p) => `determined by Cedar policy ${p}`)
              : ['no Cedar policy permits it'],
      },
    });
  }
  return { failures, pending: [] };
}
