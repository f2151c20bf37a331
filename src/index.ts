/**
 * keycard's library API: the same code paths the CLI uses.
 *
 * ```ts
 * import { loadProject, resolveRole, buildSession, accessMap, authorize } from 'keycard';
 * const project = loadProject('keycard.yaml');
 * const resolution = resolveRole(project, { login, claims });       // which role, and why
 * if (resolution.outcome === 'credentials') {
 *   const session = buildSession(project, resolution);               // what AWS hands the user
 *   const map = accessMap(session);                                   // every S3 action × resource
 * }
 * ```
 */
import { resolveUser } from './access/resolve.js';
import type { ResolveRequest, Resolution } from './cognito/types.js';
import type { Project } from './model/types.js';

// --- load --------------------------------------------------------------------------------------
/** Loads and validates keycard.yaml (formats.md §1); throws KeycardInputError with file:line:col. */
export { loadProject } from './load/project.js';
/** Loads a scenario file (formats.md §2). */
export { loadScenarioFile, findScenarioFiles } from './load/scenario.js';
/** Loads an authorize document file (formats.md §3). */
export { loadAuthorizeFile } from './load/authorize.js';

// --- cognito -----------------------------------------------------------------------------------
/**
 * Resolves the role a Cognito identity pool hands a user, with the trace of every step; the
 * role's trust policy is checked by the IAM engine, as Cognito's STS call would check it.
 */
export function resolveRole(project: Project, request: ResolveRequest): Resolution {
  return resolveUser(project, request);
}
export { verifyToken, readToken } from './cognito/token.js';
export { deriveGroupRoleClaims } from './cognito/group-roles.js';
export { renderResolution } from './cognito/render.js';

// --- iam ---------------------------------------------------------------------------------------
/**
 * Decides one request (formats.md §3): plain AWS JSON policies of every type, a literal request.
 * Also takes an authorize document loaded by `loadAuthorizeFile`.
 */
export { authorize } from './library.js';
/**
 * The compiled engine for hot loops: compile policies once (`compilePolicy`, `compilePolicySet`),
 * prepare a request once (`prepareRequest`, `retarget`), then `evaluate` as often as needed.
 * Policies are plain AWS JSON documents (or documents loaded by keycard, with locations).
 */
export { compilePolicy, compilePolicySet, evaluate } from './library.js';
export { prepareRequest, renderExplain } from './iam/index.js';
export { retarget } from './iam/request.js';

// --- access ------------------------------------------------------------------------------------
/** The session Cognito's credentials carry, and decisions made with it. */
export { buildSession, authorizeInSession } from './access/session.js';
/** The S3 access map of a session: every S3 action × the project's buckets and prefixes. */
export { accessMap } from './access/map.js';
export { renderAccessMap } from './access/render.js';
export { decideWithFreeKeys } from './access/free-keys.js';

// --- scenario ----------------------------------------------------------------------------------
export { runScenarioPaths, runScenario } from './scenario/run.js';
export { diffProjects } from './scenario/diff.js';

// --- types -------------------------------------------------------------------------------------
export type { Diagnostic, Location, Severity } from './diagnostics/diagnostic.js';
export { KeycardInputError, KeycardUsageError } from './diagnostics/diagnostic.js';
export { ExitCode } from './diagnostics/exit-codes.js';
export type { Project, Role, PolicyDocument, Scenario, Claims, RequestLine } from './model/types.js';
export type { ResolveRequest, Resolution, TraceStep, TrustCheck } from './cognito/types.js';
export type {
  Decision,
  Request,
  PolicySet,
  CompiledPolicy,
  Explain,
  ExplainStep,
  PolicyExplain,
  StatementExplain,
  EvaluationResult,
  PreparedRequest,
  AuthorizeResult,
  CompileOptions,
  PolicyKind,
} from './iam/index.js';
export type { PolicyJson, PolicyInput, PolicyInputs, AuthorizeInput, AuthorizeRequest, ExplainedResult } from './library.js';
export type { AuthorizeDocument, ExpectedDecision } from './load/authorize.js';
export type { Session, S3Request } from './access/session.js';
export type { AccessMap, AccessEntry, AccessTarget } from './access/types.js';
export type { TestRunResult, TestCaseResult } from './scenario/result.js';
export type { AccessDiff, UserDiff } from './scenario/diff.js';
