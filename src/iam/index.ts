/**
 * keycard's IAM policy engine. Compile once (`compilePolicy`, `compilePolicySet`), prepare a
 * request once (`prepareRequest`), evaluate many times (`evaluate`). `authorize` runs one
 * authorize document end to end; `checkTrust` is the Cognito stage's TrustChecker.
 */
export { compilePolicy, type CompileOptions } from './compile.js';
export { compilePolicySet, type PolicyDocuments } from './policy-set.js';
export { prepareRequest } from './request.js';
export { evaluate, type EvaluateOptions } from './evaluate.js';
export { authorize, type AuthorizeResult } from './authorize.js';
export { renderExplain, type ExplainTextOptions } from './explain-text.js';
export { checkTrust, COGNITO_PRINCIPAL } from './trust.js';
export type {
  CompiledPolicy,
  CompiledStatement,
  ContextValue,
  Decision,
  EvaluationResult,
  Explain,
  ExplainStep,
  GrantKind,
  PolicyExplain,
  PolicyKind,
  PolicySet,
  PreparedRequest,
  PrincipalInfo,
  PrincipalKind,
  Request,
  StatementExplain,
} from './types.js';
