/**
 * Cedar as a second, independent IAM engine: translate an authorize document, evaluate it with
 * cedar-wasm, and map the answer back to IAM's three decisions. Cedar's Deny with satisfied
 * forbids is an explicit deny; with none it is an implicit deny. Any evaluation error is a
 * translator bug (Cedar would have skipped the policy), so it is an error result, never an Allow.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { authorize, type AuthorizeOptions, type AuthorizeResult, type Decision } from '../iam/index.js';
import type { AuthorizeDocument } from '../load/authorize.js';
import { translateDocument, type CedarTranslation, type DocumentProblem, type PolicyOrigin } from './translate/document.js';
import { s3Schema } from './translate/schema.js';
import { authorizePrepared, preparePolicySet, validateStrict, type CedarSchemaInput } from './wasm.js';
import type { EngineChoice } from './engine-choice.js';
export type { EngineChoice } from './engine-choice.js';

export type CedarEngineResult =
  | { decision: Decision; determining: (PolicyOrigin & { id: string })[]; translation: CedarTranslation }
  | { untranslatable: Diagnostic[] }
  | { error: string[]; translation?: CedarTranslation };

export interface CedarEngineOptions {
  /** Also validate the generated policies strictly against the generated schema (slower, ≈5 ms). */
  validate?: boolean;
}

export function problemDiagnostic(p: DocumentProblem): Diagnostic {
  const d: Diagnostic = { code: 'cedar_untranslatable', severity: 'info', message: p.message, help: p.help };
  const location = p.document?.locate(p.path) ?? p.location;
  if (location) d.location = location;
  return d;
}

/** Decides an authorize document with Cedar. Call `await loadCedar()` once first (or use authorizeWithCedar). */
export function authorizeWithCedarSync(doc: AuthorizeDocument, opts: CedarEngineOptions = {}): CedarEngineResult {
  const t = translateDocument(doc);
  if (t.problems.length > 0) return { untranslatable: t.problems.map(problemDiagnostic) };
  const texts = { texts: t.policies };
  if (opts.validate) {
    const errors = validateStrict(s3Schema(t.views) as CedarSchemaInput, texts).filter((d) => d.severity === 'error');
    if (errors.length > 0) return { error: errors.map((d) => `generated policy does not validate: ${d.message}`), translation: t };
  }
  const set = preparePolicySet(texts);
  if ('errors' in set) return { error: set.errors.map((d) => `generated policy does not parse: ${d.message}`), translation: t };
  const answer = authorizePrepared(set.id, t.request);
  if ('failure' in answer) return { error: answer.failure, translation: t };
  if (answer.errors.length > 0)
    return { error: answer.errors.map((e) => `policy \`${e.policyId}\` errored: ${e.message}`), translation: t };
  const determining = answer.reasons.map((id) => ({ id, ...t.origins[id]! }));
  const decision: Decision = answer.decision === 'allow' ? 'Allow' : answer.reasons.length > 0 ? 'ExplicitDeny' : 'ImplicitDeny';
  return { decision, determining, translation: t };
}

export interface EngineComparison {
  id: string;
  native: Decision;
  cedar: Decision | 'untranslatable' | 'error';
  /** Undefined when the Cedar side could not decide (untranslatable or error). */
  agree?: boolean;
  nativeResult: AuthorizeResult;
  cedarResult: CedarEngineResult;
  /** Both explanations, for a disagreement. */
  explanation?: { native: string; cedar: string };
}

/** Runs both engines on one document. */
export function compareEnginesSync(doc: AuthorizeDocument, opts: CedarEngineOptions & AuthorizeOptions = {}): EngineComparison {
  const nativeResult = authorize(doc, opts.explain ? { explain: true } : {});
  const cedarResult = authorizeWithCedarSync(doc, opts);
  const cedar = 'decision' in cedarResult ? cedarResult.decision : 'untranslatable' in cedarResult ? 'untranslatable' : 'error';
  const out: EngineComparison = { id: doc.id, native: nativeResult.decision, cedar, nativeResult, cedarResult };
  if ('decision' in cedarResult) {
    out.agree = cedarResult.decision === nativeResult.decision;
    if (!out.agree) out.explanation = { native: nativeResult.explain.summary, cedar: describeCedar(cedarResult) };
  } else if ('error' in cedarResult) {
    out.explanation = { native: nativeResult.explain.summary, cedar: cedarResult.error.join('; ') };
  }
  return out;
}

/** One line: the decision and the IAM statements behind Cedar's determining policies. */
function describeCedar(r: CedarEngineResult): string {
  if ('untranslatable' in r) return `not comparable: ${r.untranslatable.map((d) => d.message).join('; ')}`;
  if ('error' in r) return `cedar error: ${r.error.join('; ')}`;
  if (r.determining.length === 0) return `${r.decision}: no Cedar policy applies`;
  const names = r.determining.map(
    (d) =>
      `${d.kind} \`${d.policy}\` statement ${d.sid ? `\`${d.sid}\`` : d.statement}${d.path && d.path !== 'identity' ? ` (${d.path} grant)` : ''}`,
  );
  return `${r.decision}: ${r.decision === 'Allow' ? 'allowed by' : 'denied by'} ${names.join(', ')}`;
}

// ---------------------------------------------------------------------------------------------
// The `--engine` hook of `keycard authorize`

/** A native-shaped result, plus both decisions when several engines ran. */
export type EngineRunResult = AuthorizeResult & {
  engines?: { native: Decision; cedar: EngineComparison['cedar']; agree?: boolean };
};

/**
 * Evaluates one document with the chosen engine(s). `cedar` answers with Cedar's decision (a
 * document Cedar cannot express gets an error diagnostic and an implicit deny, never an Allow);
 * `both` answers with the native decision and reports a disagreement as a warning with both
 * explanations. Call `await loadCedar()` first unless the engine is `native`.
 */
export function runEngine(doc: AuthorizeDocument, engine: EngineChoice, opts: AuthorizeOptions = {}): EngineRunResult {
  if (engine === 'native') return authorize(doc, opts);
  const c = compareEnginesSync(doc, opts);
  const base = c.nativeResult;
  const engines = { native: c.native, cedar: c.cedar, ...(c.agree !== undefined ? { agree: c.agree } : {}) };
  const at = doc.location ? { location: doc.location } : {};
  if (engine === 'both') {
    const diagnostics = [...base.diagnostics];
    if (c.agree === false || c.cedar === 'error') {
      diagnostics.push({
        code: 'cedar_engines_disagree',
        severity: 'warning',
        message: `\`${doc.id}\`: native says ${c.native}, Cedar says ${c.cedar}`,
        help: `native: ${c.explanation!.native} | cedar: ${c.explanation!.cedar}`,
        ...at,
      });
    }
    if ('untranslatable' in c.cedarResult) diagnostics.push(...c.cedarResult.untranslatable);
    return { ...base, diagnostics, engines };
  }
  const r = c.cedarResult;
  const decision: Decision = 'decision' in r ? r.decision : 'ImplicitDeny';
  const diagnostics = [...base.diagnostics];
  if ('untranslatable' in r) {
    diagnostics.push(
      {
        code: 'cedar_not_comparable',
        severity: 'error',
        message: `\`${doc.id}\` cannot be decided with Cedar`,
        help: 'run it with `--engine native`; the reasons follow',
        ...at,
      },
      ...r.untranslatable.map((d) => ({ ...d, severity: 'warning' as const })),
    );
  } else if ('error' in r) {
    diagnostics.push({
      code: 'cedar_internal',
      severity: 'error',
      message: `Cedar failed on \`${doc.id}\`: ${r.error.join('; ')}`,
      help: 'report this as a keycard bug',
      ...at,
    });
  }
  const explain = {
    ...base.explain,
    decision,
    summary: describeCedar(r),
    steps: [{ step: 'cedar' as const, outcome: decision === 'Allow' ? ('allow' as const) : ('deny' as const), message: describeCedar(r) }],
    policies: [],
  };
  const result: EngineRunResult = { ...base, decision, explain, diagnostics, engines };
  if (doc.expect) result.pass = decision === doc.expect;
  return result;
}
