/**
 * keycard's IAM policy engine. Compile once (`compilePolicy`, `compilePolicySet`), prepare a
 * request once (`prepareRequest`), evaluate many times (`evaluate`). `authorize` runs one
 * authorize document end to end; `checkTrust` is the Cognito stage's TrustChecker.
 */
export { compilePolicy, type CompileOptions } from './compile.js';
export { compiledOnce } from './compiled-once.js';
export { compilePolicySet } from './policy-set.js';
export { prepareRequest } from './request.js';
export { evaluate } from './evaluate.js';
export { authorize, type AuthorizeOptions, type AuthorizeResult } from './authorize.js';
export { renderExplain } from './explain-text.js';
export { checkTrust, COGNITO_PRINCIPAL } from './trust.js';
export type {
  CompiledPolicy,
  CompiledStatement,
  Decision,
  EvaluationResult,
  Explain,
  ExplainStep,
  PolicyExplain,
  PolicyKind,
  PolicySet,
  PreparedRequest,
  Request,
  StatementExplain,
} from './types.js';
