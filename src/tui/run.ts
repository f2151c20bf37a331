/**
 * Entry of the explorer for `keycard explore` and the bare `keycard`. In a terminal it opens the
 * full-screen app (Ink and React are imported only then, so `keycard test` never loads them);
 * without one (CI, a pipe) it prints the same report as `npm start` (src/cli/report.ts).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { KeycardUsageError } from '../diagnostics/diagnostic.js';
import { findProjectFile } from '../load/scenario.js';

export function projectFileFor(arg?: string): string {
  if (arg) {
    const p = resolve(arg);
    if (existsSync(p) && !p.match(/\.(ya?ml|json)$/i)) {
      const inDir = findProjectFile(p);
      if (inDir) return inDir;
    }
    if (!existsSync(p)) throw new KeycardUsageError(`project \`${arg}\` does not exist`, 'name a keycard.yaml, or a directory that holds one');
    return p;
  }
  const found = findProjectFile(process.cwd());
  if (!found) throw new KeycardUsageError('no keycard.yaml found in this directory or above', 'run keycard in a project, or pass the project: keycard explore path/to/keycard.yaml');
  return found;
}

export function isInteractive(): boolean {
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
  const { startExplorer } = await import('./app.js');
  return startExplorer(file, { timing: process.env.KEYCARD_EXPLORE_TIMING === '1' });
}
