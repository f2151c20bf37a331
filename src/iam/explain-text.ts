/** Renders an Explain for people: the steps of the decision and each statement's verdict with its location. */
import { formatLocation } from '../diagnostics/diagnostic.js';
import { displayPath } from '../text/display-path.js';
import { isNearMiss } from './explain.js';
import type { Explain, StatementExplain } from './types.js';

export interface ExplainTextOptions {
  /** Show every statement, including those that did not match (default: matched ones only). */
  full?: boolean;
  /**
   * Also show the statements about this action that did not apply, and why (the near misses):
   * what a person needs to see when a request is not allowed.
   */
  nearMisses?: boolean;
}

function where(s: StatementExplain): string {
  return s.location ? formatLocation({ ...s.location, file: displayPath(s.location.file) }) : '';
}

function statementLine(s: StatementExplain): string {
  const name = s.sid ? `${s.sid}` : `#${s.index}`;
  const verdict = s.unresolved ? 'unknown' : s.matched ? (s.indeterminate ? 'applies (indeterminate)' : 'matches') : 'no match';
  const grant = s.grant ? `, grants to the caller's ${s.grant === 'direct' ? 'session/user' : s.grant}` : '';
  const reason = s.reason ? ` — ${s.reason}` : '';
  const loc = where(s);
  return `${s.effect.padEnd(5)} ${name}: ${verdict}${grant}${reason}${loc ? `  [${loc}]` : ''}`;
}

/** Multi-line text of an explanation, indented by `indent`. */
export function renderExplain(e: Explain, opts: ExplainTextOptions = {}, indent = '  '): string {
  const lines: string[] = [];
  lines.push(`${indent}${e.principal.kind} ${e.principal.arn} → ${e.action} on ${e.resource}${e.crossAccount ? ' (cross-account)' : ''}`);
  for (const s of e.steps) lines.push(`${indent}  ${s.outcome.padEnd(5)} ${s.step}: ${s.message}`);
  for (const p of e.policies) {
    const shown = opts.full
      ? p.statements
      : p.statements.filter((s) => s.matched || (opts.nearMisses && isNearMiss(s)) || s.unresolved !== undefined);
    if (!opts.full && shown.length === 0) continue;
    lines.push(
      `${indent}${p.kind}${p.level ? ` ${p.level}` : ''} policy ${p.name}: ${p.result}${p.broken ? ` (unreadable: ${p.broken})` : ''}`,
    );
    for (const s of shown) lines.push(`${indent}  ${statementLine(s)}`);
  }
  for (const n of e.notes) lines.push(`${indent}note: ${n}`);
  return lines.join('\n');
}
