/** `authorize(doc)`: one authorize document (formats.md §3) in, a decision with its explanation out. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { AuthorizeDocument } from '../load/authorize.js';
import { evaluate } from './evaluate.js';
import { compilePolicySet } from './policy-set.js';
import { compilePolicy } from './compile.js';
import { prepareRequest } from './request.js';
import { compilePolicyReused, firstTime, prepareRequestReused } from './reuse.js';
import type { Decision, Explain } from './types.js';

/** The result line of `keycard authorize` (formats.md §4); `expected`/`pass` only with an `expect`. */
export interface AuthorizeResult {
  id: string;
  decision: Decision;
  /** Decision `Unknown`: the unresolved values it depends on. */
  unresolved?: string[];
  expected?: Decision;
  pass?: boolean;
  explain: Explain;
  diagnostics: Diagnostic[];
}

/**
 * Evaluates one authorize document. Never throws for bad policies: they become diagnostics.
 *
 * The decision takes the fast path; `explain` is built the first time it is read (an enumerable
 * getter that then becomes a plain property), so a caller that reads only the decision never pays
 * for it, while `JSON.stringify` and `{...result}` read it and see the same object as before. Policy documents and the
 * request passed again (the same objects, unchanged) are not compiled or prepared again (reuse.ts).
 */
export function authorize(doc: AuthorizeDocument): AuthorizeResult {
  // Objects passed for the first time are used as they are (reuse.ts); the explanation is then
  // built now, while they are as they were when `authorize` ran.
  let fresh = firstTime(doc.request);
  const { set, diagnostics } = compilePolicySet(doc.policies, (d, kind) => {
    if (!firstTime(d.json)) return compilePolicyReused(d, kind);
    fresh = true;
    return compilePolicy(d, { kind });
  });
  const request = fresh ? prepareRequest(doc.request) : prepareRequestReused(doc.request);
  if (request.wildcardOnly && request.resource !== '*') {
    diagnostics.push({
      code: 'iam_wildcard_only_resource',
      severity: 'warning',
      message: `\`${request.request.action}\` acts on no resource type, so AWS authorizes it against \`*\`, not \`${request.resource}\``,
      help: 'write `resource: "*"` for wildcard-only actions',
      ...(doc.location ? { location: doc.location } : {}),
    });
  }
  const eager = fresh ? evaluate(set, request, { explain: true }) : undefined;
  const { decision, unresolved } = eager ?? evaluate(set, request);
  const build = (): Explain => (eager ?? evaluate(set, request, { explain: true })).explain!;
  // Two literals, so that the keys keep the order of the JSON output (formats.md §4).
  const result: AuthorizeResult = unresolved
    ? {
        id: doc.id,
        decision,
        unresolved,
        get explain() {
          return keep(this, build());
        },
        set explain(value) {
          keep(this, value);
        },
        diagnostics,
      }
    : {
        id: doc.id,
        decision,
        get explain() {
          return keep(this, build());
        },
        set explain(value) {
          keep(this, value);
        },
        diagnostics,
      };
  if (doc.expect) {
    result.expected = doc.expect;
    result.pass = decision === doc.expect;
  }
  return result;
}

/** Replaces the `explain` getter by a plain property holding `value` (same place among the keys). */
function keep(result: AuthorizeResult, value: Explain): Explain {
  Object.defineProperty(result, 'explain', { value, writable: true, enumerable: true, configurable: true });
  return value;
}
