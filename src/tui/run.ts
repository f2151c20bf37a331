/**
 * Entry of the explorer for `keycard explore` and the bare `keycard`. In a terminal it opens the
 * full-screen app (Ink and React are imported only then, so `keycard test` never loads them);
 * without one (CI, a pipe) it prints the same report as `npm start`.
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
  if (!isInteractive()) return printNonInteractiveReport(file);
  const { startExplorer } = await import('./app.js');
  return startExplorer(file, { timing: process.env.KEYCARD_EXPLORE_TIMING === '1' });
}

/**
 * No terminal: the lead's report (src/cli/report.ts `printReport`) is what `npm start` prints.
 * CALL SITE: imported by name at run time so that this file builds before report.ts exists;
 * until it does, a short summary of every scenario user's role stands in.
 */
async function printNonInteractiveReport(projectFile: string): Promise<number> {
  const reportModule = '../cli/report.js';
  try {
    const mod = (await import(reportModule)) as { printReport?: (projectFile?: string) => Promise<number> | number };
    if (typeof mod.printReport === 'function') return await mod.printReport(projectFile);
  } catch (e) {
    if (!(e instanceof Error && 'code' in e && e.code === 'ERR_MODULE_NOT_FOUND')) throw e;
  }
  const { printFallbackReport } = await import('./fallback-report.js');
  return printFallbackReport(projectFile);
}
