/** `authorize(doc)`: one authorize document (formats.md §3) in, a decision with its explanation out. */
import { isWildcardOnly } from '../catalog/index.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { AuthorizeDocument } from '../load/authorize.js';
import { evaluate } from './evaluate.js';
import { compilePolicySet } from './policy-set.js';
import { prepareRequest } from './request.js';
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

/** Evaluates one authorize document. Never throws for bad policies: they become diagnostics. */
export function authorize(doc: AuthorizeDocument): AuthorizeResult {
  const { set, diagnostics } = compilePolicySet(doc.policies);
  const request = prepareRequest(doc.request);
  if (isWildcardOnly(doc.request.action) && doc.request.resource !== '*') {
    diagnostics.push({
      code: 'iam_wildcard_only_resource',
      severity: 'warning',
      message: `\`${doc.request.action}\` acts on no resource type, so AWS authorizes it against \`*\`, not \`${doc.request.resource}\``,
      help: 'write `resource: "*"` for wildcard-only actions',
      ...(doc.location ? { location: doc.location } : {}),
    });
  }
  const { decision, explain, unresolved } = evaluate(set, request, { explain: true });
  const result: AuthorizeResult = { id: doc.id, decision, ...(unresolved ? { unresolved } : {}), explain: explain!, diagnostics };
  if (doc.expect) {
    result.expected = doc.expect;
    result.pass = decision === doc.expect;
  }
  return result;
}
