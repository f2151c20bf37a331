/**
 * `keycard validate` as a function: load the project (schema errors end here), then every lint
 * rule, then the `# keycard-ignore` comments. Findings are deduplicated (a policy file shared by
 * several roles is reported once per distinct message) and sorted.
 */
import { diagnosticUrl, KeycardInputError, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadProject } from '../load/project.js';
import type { Project } from '../model/types.js';
import { validateResult, type ValidateResult } from './result.js';
import { buildContext } from './context.js';
import { LINT_RULES } from './registry.js';
import { applySuppressions, readDirectives, type SuppressedFinding } from './suppress.js';
import type { Finding } from './types.js';

export interface ValidateOutcome {
  result: ValidateResult;
  /** Findings silenced by a comment, with its reason. */
  suppressed: SuppressedFinding[];
  /** The project could not be loaded: `result` holds the load errors (exit 3). */
  invalidInput: boolean;
  project?: Project;
}

function key(d: Diagnostic): string {
  const l = d.location;
  return `${d.code}|${l?.file ?? ''}|${l?.line ?? 0}|${l?.column ?? 0}|${d.message}`;
}

/** Strips lint-only fields and repeats. */
function distinct<T extends Finding>(findings: readonly T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const f of findings) {
    const k = key(f);
    if (seen.has(k)) continue;
    seen.add(k);
    const { anchors: _anchors, ...rest } = f;
    out.push(rest as T);
  }
  return out;
}

/** Runs every lint rule over a loaded project. */
export function lintProject(project: Project): { diagnostics: Diagnostic[]; suppressed: SuppressedFinding[] } {
  const ctx = buildContext(project);
  const findings = LINT_RULES.flatMap((rule) => rule.run(ctx));
  const { kept, suppressed, directiveFindings } = applySuppressions(findings, readDirectives(project.files));
  return { diagnostics: sortDiagnostics(distinct([...kept, ...directiveFindings])), suppressed: distinct(suppressed) };
}

export function validateProject(file: string): ValidateOutcome {
  let project: Project;
  try {
    project = loadProject(file);
  } catch (e) {
    if (!(e instanceof KeycardInputError)) throw e;
    const diagnostics = e.diagnostics.map((d) => ({ ...d, url: d.url ?? diagnosticUrl(d.code) }));
    return { result: validateResult(sortDiagnostics(diagnostics)), suppressed: [], invalidInput: true };
  }
  const { diagnostics, suppressed } = lintProject(project);
  const result = validateResult(diagnostics);
  result.summary.suppressed = suppressed.length;
  return { result, suppressed, invalidInput: false, project };
}

/**
 * validateProject plus the `cedar` section: schema and policies checked by cedar-wasm in strict
 * mode (loaded only when the project has a `cedar` section).
 */
export async function validateProjectAndCedar(file: string): Promise<ValidateOutcome> {
  const outcome = validateProject(file);
  const cedar = outcome.project?.cedar;
  if (!cedar) return outcome;
  const { loadCedarApp } = await import('../cedar/project.js');
  const { diagnostics } = await loadCedarApp(cedar);
  if (diagnostics.length === 0) return outcome;
  const all = sortDiagnostics([...outcome.result.diagnostics, ...diagnostics.map((d) => ({ ...d, url: d.url ?? diagnosticUrl(d.code) }))]);
  const result = validateResult(all);
  result.summary.suppressed = outcome.suppressed.length;
  return { ...outcome, result };
}
