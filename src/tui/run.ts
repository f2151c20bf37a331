/**
 * Entry of the explorer for `keycard explore` and the bare `keycard`. In a terminal it opens the
 * full-screen app (Ink and React are imported only then, so `keycard test` never loads them);
 * without one (CI, a pipe) it prints the same report as `npm start` (src/cli/report.ts).
 */
import { projectFileArg } from '../load/find-project.js';

function projectFileFor(arg?: string): string {
  return projectFileArg(arg);
}

function isInteractive(): boolean {
  return Boolean(process.stdout.isTTY && process.stdin.isTTY) && process.env.TERM !== 'dumb';
}

export async function runExplorer(projectFile?: string): Promise<number> {
  const file = projectFileFor(projectFile);
  if (!isInteractive()) {
    const { printReport } = await import('../cli/report.js');
    return printReport(file);
  }
  // Ink renders only a final frame when it believes it runs in CI; a person at a terminal
  // asked for the explorer, so let it draw (Ink reads this when it is first imported).
  if (process.env.CI !== undefined) process.env.CI = 'false';
  // React's development build checks every render (bench/explore.js: it doubled a key press's
  // CPU time); it is chosen when React is first imported, which is here.
  process.env.NODE_ENV ??= 'production';
  const { startExplorer } = await import('./app.js');
  return startExplorer(file, { timing: process.env.KEYCARD_EXPLORE_TIMING === '1' });
}
