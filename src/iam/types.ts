/** Public types of the IAM engine: requests, policy sets, decisions and explanations (all plain data). */
import type { Diagnostic, Location, PathKey } from '../diagnostics/diagnostic.js';
import type { FastPolicy } from './fast/policy-fast.js';
import type { FastStatement } from './fast/statement-fast.js';
import type { TextMatcher } from './fast/text-matcher.js';
import type { Cidr } from './ip.js';
import type { Template } from './variables.js';
import type { PolicyLayers } from '../model/types.js';

/**
 * The final answer of an evaluation. `Unknown`: the decision depends on a value no file gives
 * (an unresolved import, imports.md §4); it is never shown as Allow or Deny.
 */
export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny' | 'Unknown';

/** Where a policy sits in the evaluation. `trust` is a role trust policy (a resource policy on the role). */
export type PolicyKind = 'identity' | 'boundary' | 'session' | 'resource' | 'scp' | 'rcp' | 'trust';

type ContextValue = string | string[];

/** One request, as given: the context holds exactly the keys given (nothing is added). */
export interface Request {
  /** An IAM user/role ARN, a role-session or federated-user ARN, `anonymous`, or a service/federated principal name. */
  principal: string;
  action: string;
  /** The resource ARN, or `*` for wildcard-only actions. */
  resource: string;
  /** Account that owns the resource (S3 ARNs carry none). Default: the ARN's account, else the principal's. */
  resourceAccount?: string;
  context?: Record<string, ContextValue>;
}

type PrincipalKind = 'user' | 'role' | 'role-session' | 'federated-user' | 'account' | 'anonymous' | 'service' | 'federated';

/** The calling principal, classified once per request. */
export interface PrincipalInfo {
  arn: string;
  kind: PrincipalKind;
  account?: string;
  partition: string;
  /** `arn:aws:iam::ACCT:role/Name` (path unknown) for role sessions. */
  roleName?: string;
  /** The IAM user that federated (GetFederationToken), for federated-user sessions. */
  userArn?: string;
  accountArn?: string;
}

/** A request prepared for the hot loop: lowercased, split and classified once. */
export interface PreparedRequest {
  request: Request;
  principal: PrincipalInfo;
  /** Lowercase action. */
  action: string;
  resource: string;
  resourceSegments: string[];
  /** The resource up to its first slash, as a canonical string (see src/iam/fast/intern.ts). */
  resourceBucket?: string;
  resourceAccount?: string;
  /** The action acts on no resource type, so only `Resource: "*"` matches it. */
  wildcardOnly: boolean;
  /** Context by lowercase key (condition key names are case-insensitive). */
  context: Map<string, string[]>;
  /** Resolved variable templates of this request (policy text is compiled once; values per request). */
  resolved: Map<Template, string | undefined>;
  /** Single-valued lookup for policy variables. */
  lookup: (key: string) => string | undefined;
}

/**
 * Match result: a statement part that keycard does not understand is `UNKNOWN` (fail closed: it
 * never grants and, in a Deny, applies); one that depends on an unresolved value is `DEPENDS`
 * (the decision is then Unknown unless it is the same either way).
 */
export type Tri = 0 | 1 | 2 | 3;
export const NO = 0;
export const YES = 1;
export const UNKNOWN = 2;
export const DEPENDS = 3;

/** How a resource-policy statement names the caller (decides which implicit denies it overrides). */
export type GrantKind =
  /** The session ARN, the IAM user ARN, or `*` (also `*` with aws:PrincipalArn): not limited by identity, boundary or session policy. */
  | 'direct'
  /** The role ARN (or the IAM user behind a federated session): limited by boundary and session policy. */
  | 'role'
  /** The account: delegation; the identity side must still allow. */
  | 'account';

export interface CompiledCondition {
  /** Operator and key as written. */
  operator: string;
  key: string;
  keyLower: string;
  qualifier: 'none' | 'all' | 'any';
  ifExists: boolean;
  negated: boolean;
  family: 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';
  /** Base operator without qualifier or IfExists, canonical spelling. */
  base: string;
  /** Policy values as written. */
  rawValues: string[];
  templates: Template[];
  /** Policy values when no template has a variable (lowercased for IgnoreCase/Bool): no per-request work. */
  staticValues?: string[];
  numbers: number[];
  cidrs: Cidr[];
  /** Why this condition cannot be evaluated (unknown operator, bad value...). */
  unknown?: string;
  /** Names of unresolved values in its key or values: its outcome depends on them. */
  unresolved?: string[];
  path: PathKey[];
}

export interface PrincipalEntry {
  type: 'AWS' | 'Federated' | 'Service' | 'CanonicalUser' | '*';
  value: string;
}

export interface ResourceEntry {
  template: Template;
  /** The pattern is only stars: the one form that matches wildcard-only actions. */
  pureStar: boolean;
  /** The last written segment ends with `*` and the pattern has fewer than six: it may cross colons. */
  tailCrossesColons?: boolean;
}

export interface CompiledStatement {
  index: number;
  sid?: string;
  /** Undefined when the Effect is invalid (treated as a Deny that may apply, never as an Allow). */
  effect?: 'Allow' | 'Deny';
  actionPatterns: string[];
  actionMatchers: TextMatcher[];
  notAction: boolean;
  /** Undefined when the statement has no Resource element (trust policies). */
  resources?: ResourceEntry[];
  notResource: boolean;
  principals?: PrincipalEntry[];
  notPrincipal: boolean;
  conditions: CompiledCondition[];
  /** Elements that could not be read in full: their match is unknown rather than false. */
  unclear: { action: boolean; resource: boolean; principal: boolean };
  /** Reasons this statement cannot be fully evaluated; non-empty means it never grants. */
  problems: string[];
  /** Elements with entries that hold unresolved values (left out of the matchers), and their names. */
  unresolved: { action: boolean; resource: boolean; principal: boolean; names: string[] };
  /** The compiled matcher (src/iam/fast/statement-fast.ts): the one place statements are matched. */
  matcher: FastStatement;
  location?: Location;
  path: PathKey[];
}

export interface CompiledPolicy {
  name: string;
  file: string;
  kind: PolicyKind;
  version?: string;
  statements: CompiledStatement[];
  diagnostics: Diagnostic[];
  /** Set when the document as a whole could not be read: it then blocks every Allow. */
  broken?: string;
  location?: Location;
  /** The per-action statement index (src/iam/fast): a cache owned by this compiled policy. */
  fast: FastPolicy;
}

/** Every compiled policy that applies to one request. */
export type PolicySet = PolicyLayers<CompiledPolicy>;
export type { PolicyLayers };

/** The element a statement failed on (or could not be evaluated on): reasons as data. */
export type FailedOn = 'action' | 'resource' | 'principal' | 'condition' | 'unsupported';

export interface StatementExplain {
  policy: string;
  kind: PolicyKind;
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny' | 'Invalid';
  matched: boolean;
  /** The statement contains something keycard does not understand. */
  indeterminate?: boolean;
  /** Whether it applies depends on these unresolved values (`matched` is then false). */
  unresolved?: string[];
  /**
   * The element that failed (not matched), could not be evaluated (indeterminate), or depends on an
   * unresolved value; `conditionIndex` is the condition's index in the compiled statement.
   */
  failedOn?: FailedOn;
  conditionIndex?: number;
  /** This statement decided the outcome (a Deny for ExplicitDeny, an Allow for Allow, an unresolved one for Unknown). */
  deciding?: boolean;
  /** For a statement that did not match: the first element or condition that failed, in words. */
  reason?: string;
  grant?: GrantKind;
  location?: Location;
}

export interface PolicyExplain {
  name: string;
  kind: PolicyKind;
  level?: string;
  file: string;
  location?: Location;
  /** What the policy contributed: an Allow, an explicit Deny, or nothing. */
  result: 'allow' | 'deny' | 'none';
  broken?: string;
  statements: StatementExplain[];
}

/** The steps of a decision (iam-reference §3.1), as codes. */
export type StepCode =
  | 'explicit-deny'
  | 'rcp'
  | 'scp'
  | 'resource'
  | 'explicit-allow-required'
  | 'identity'
  | 'root'
  | 'boundary'
  | 'session'
  | 'cross-account'
  | 'indeterminate'
  | 'unknown'
  /** The Cedar engine's single step (src/cedar/engines.ts). */
  | 'cedar'
  /** The two authorizations of a request through an S3 access point (src/access/request.ts). */
  | 'access-point'
  | 'bucket';

export interface ExplainStep {
  step: StepCode;
  outcome: 'allow' | 'deny' | 'pass' | 'fail' | 'skip' | 'info';
  message: string;
}

/** The explanation of one decision, as data (`explain` in the JSON output). */
export interface Explain {
  decision: Decision;
  summary: string;
  principal: { arn: string; kind: PrincipalKind; account?: string };
  action: string;
  resource: string;
  resourceAccount?: string;
  crossAccount: boolean;
  steps: ExplainStep[];
  policies: PolicyExplain[];
  /** Something was not understood; the decision was made conservatively. */
  indeterminate: boolean;
  /** Decision `Unknown`: the unresolved values it depends on. */
  unresolved?: string[];
  notes: string[];
}

export interface EvaluationResult {
  decision: Decision;
  /** Decision `Unknown`: the unresolved values it depends on. */
  unresolved?: string[];
  explain?: Explain;
}
