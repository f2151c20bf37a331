/** Stand-in for the lead's report when there is no terminal: each scenario user and their role. */
import { relative } from 'node:path';
import { renderDiagnostics } from '../report/diagnostic-text.js';
import { shortRole } from './model/claim-rows.js';
import { evaluateUser } from './model/evaluate.js';
import { loadWorkspace } from './model/workspace.js';

export function printFallbackReport(projectFile: string): number {
  const w = loadWorkspace(projectFile);
  const out = (s: string) => process.stdout.write(s + '\n');
  out(`keycard: ${relative(process.cwd(), w.projectFile) || w.projectFile} (no terminal: printing a report; run in a terminal to explore)`);
  if (!w.project) {
    process.stderr.write(renderDiagnostics(w.errors) + '\n');
    return 3;
  }
  for (const u of w.users) {
    const r = evaluateUser(w.project, u).resolution;
    out(`  ${u.label}: ${r.outcome === 'credentials' && r.role ? shortRole(r.role) : `${r.error?.code ?? 'error'}`}`);
  }
  return 0;
}
