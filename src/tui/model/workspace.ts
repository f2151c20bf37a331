/**
 * What the explorer works on: the project and the users of its scenario files. Loading never
 * throws: a broken project or scenario file becomes diagnostics that the UI shows with file:line.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { KeycardInputError, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { loadProject } from '../../load/project.js';
import { findScenarioFiles, loadScenarioFile } from '../../load/scenario.js';
import type { Project } from '../../model/types.js';
import { GUEST, userFromScenario } from './users.js';
import type { ExplorerUser } from './types.js';

export interface Workspace {
  projectFile: string;
  /** Undefined when the project does not load; `errors` says why. */
  project?: Project;
  users: ExplorerUser[];
  scenarioFiles: string[];
  /** Errors that stop the project from loading. */
  errors: Diagnostic[];
  /** Problems that do not: a broken scenario file, project warnings. */
  warnings: Diagnostic[];
  /** Every file read, for the watcher. */
  files: string[];
  loadedAt: Date;
}

function diagnosticsOf(e: unknown, file: string): Diagnostic[] {
  if (e instanceof KeycardInputError) return e.diagnostics;
  const message = e instanceof Error ? e.message : String(e);
  return [{ code: 'explore_load_failed', severity: 'error', message, location: { file, line: 1, column: 1 } }];
}

/** Scenario files next to the project: ./scenarios, else none. */
function scenarioFilesOf(projectFile: string): string[] {
  const dir = join(dirname(projectFile), 'scenarios');
  if (!existsSync(dir)) return [];
  try {
    return findScenarioFiles([dir]);
  } catch {
    return [];
  }
}

export function loadWorkspace(projectFile: string): Workspace {
  const abs = resolve(projectFile);
  const base = { projectFile: abs, users: [] as ExplorerUser[], loadedAt: new Date() };
  const scenarioFiles = scenarioFilesOf(abs);
  let project: Project;
  try {
    project = loadProject(abs);
  } catch (e) {
    return { ...base, scenarioFiles, errors: diagnosticsOf(e, abs), warnings: [], files: [abs, ...scenarioFiles] };
  }
  const users: ExplorerUser[] = [];
  const warnings: Diagnostic[] = [...project.diagnostics];
  const cache = new Map([[abs, project]]);
  for (const file of scenarioFiles) {
    try {
      const sf = loadScenarioFile(file, cache);
      // Scenarios of another project (an inline one, or a different keycard.yaml) are not this pool's users.
      if (sf.project !== project) continue;
      users.push(...sf.scenarios.map(userFromScenario));
    } catch (e) {
      warnings.push(...diagnosticsOf(e, file));
    }
  }
  users.unshift(GUEST);
  return { ...base, project, users, scenarioFiles, errors: [], warnings, files: [...new Set([...project.files, ...scenarioFiles])] };
}
