/** `authorize(doc)`: one authorize document (formats.md §3) in, a decision with its explanation out. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { AuthorizeDocument } from '../load/authorize.js';
import { evaluate } from './evaluate.js';
import { compilePolicySet } from './policy-set.js';
import { compilePolicyReused, prepareRequestOwn } from './reuse.js';
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

export interface AuthorizeOptions {
  /**
   * The caller reads the explanation (`keycard authorize` prints at least its summary): decide
   * and explain in one evaluation instead of the fast decision and a second, explaining one.
   */
  explain?: boolean;
}

/**
 * Evaluates one authorize document. Never throws for bad policies: they become diagnostics.
 *
 * The decision takes the fast path; `explain` is built the first time it is read (an enumerable
 * getter that then becomes a plain property), so a caller that reads only the decision never pays
 * for it, while `JSON.stringify` and `{...result}` read it and see the same object as before. A policy
 * compiled before (the same object unchanged, or a new object with the same text) is not compiled
 * again (reuse.ts).
 */
export function authorize(doc: AuthorizeDocument, opts: AuthorizeOptions = {}): AuthorizeResult {
  // Policies are compiled from private copies, and the request prepared from a copy of its fields
  // (reuse.ts): the explanation can wait until it is read.
  const { set, diagnostics } = compilePolicySet(doc.policies, compilePolicyReused);
  const request = prepareRequestOwn(doc.request);
  if (request.wildcardOnly && request.resource !== '*') {
    diagnostics.push({
      code: 'iam_wildcard_only_resource',
      severity: 'warning',
      message: `\`${request.request.action}\` acts on no resource type, so AWS authorizes it against \`*\`, not \`${request.resource}\``,
      help: 'write `resource: "*"` for wildcard-only actions',
      ...(doc.location ? { location: doc.location } : {}),
    });
  }
  const evaluated = evaluate(set, request, opts.explain ? { explain: true } : undefined);
  const { decision, unresolved } = evaluated;
  // Two literals, so that the keys keep the order of the JSON output (formats.md §4).
  const result: AuthorizeResult = unresolved
    ? { id: doc.id, decision, unresolved, explain: evaluated.explain!, diagnostics }
    : { id: doc.id, decision, explain: evaluated.explain!, diagnostics };
  if (!evaluated.explain) {
    const build = (): Explain => evaluate(set, request, { explain: true }).explain!;
    Object.defineProperty(result, BUILD, { value: build, configurable: true });
    Object.defineProperty(result, 'explain', LAZY_EXPLAIN);
  }
  if (doc.expect) {
    result.expected = doc.expect;
    result.pass = decision === doc.expect;
  }
  return result;
}

/**
 * The `explain` accessor, the same functions for every result: a getter written in each result's
 * literal would be a new pair of closures, and on Node 20 such objects cost about 2 µs each, most of
 * it in the garbage collector. Each result keeps its builder under a hidden (non-enumerable) symbol.
 */
const BUILD = Symbol('build explanation');
const LAZY_EXPLAIN: PropertyDescriptor = {
  get(this: AuthorizeResult & { [BUILD]: () => Explain }) {
    return keep(this, this[BUILD]());
  },
  set(this: AuthorizeResult, value: Explain) {
    keep(this, value);
  },
  enumerable: true,
  configurable: true,
};

/** Replaces the `explain` getter by a plain property holding `value` (same place among the keys). */
function keep(result: AuthorizeResult, value: Explain): Explain {
  Object.defineProperty(result, 'explain', { value, writable: true, enumerable: true, configurable: true });
  return value;
}
