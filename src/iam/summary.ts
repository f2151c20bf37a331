/** The one-line summary of an explanation: the decision, why, and the statements that decided it. */
import { formatLocation } from '../diagnostics/diagnostic.js';
import type { Decision, Explain } from './types.js';

export function summarize(decision: Decision, why: string, explain: Explain): string {
  const deciding = explain.policies.flatMap((p) => p.statements.filter((s) => s.deciding));
  const first = deciding[0];
  const at = first
    ? ` (${first.sid ? `\`${first.sid}\`` : `statement ${first.index}`} of ${first.policy}${first.location ? ` at ${formatLocation(first.location)}` : ''})`
    : '';
  return `${decision}: ${why}${at}`;
}
