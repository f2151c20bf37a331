/**
 * Hand-off types of the cognito stage: a resolution request in, a Resolution (with its trace) out.
 * formats.md §4 fixes the JSON field names of Resolution: extend, never rename.
 */
import type { Location } from '../diagnostics/diagnostic.js';
import type { Claims, PolicyDocument, Project, Role } from '../model/types.js';

export interface ResolveRequest {
  /** The Logins-map key; undefined means a guest (unauthenticated identity). */
  login?: string;
  claims: Claims;
  identityId?: string;
  customRoleArn?: string;
  flow?: 'enhanced' | 'basic';
  /** Basic flow only: AssumeRoleWithWebIdentity RoleArn. */
  requestedRoleArn?: string;
}

export type ResolutionSource = 'rule' | 'token' | 'default' | 'ambiguous' | 'custom' | 'unauthenticated' | 'requested';

export interface TraceStep {
  /** Short machine name of the step: `guest`, `provider`, `mapping`, `rule`, `token`, `ambiguous`, `trust`, `tags`, ... */
  step: string;
  /** Human sentence, e.g. "rule 2 `cognito:groups` Contains `admins`: matched". */
  message: string;
  outcome?: 'match' | 'no-match' | 'skip' | 'info' | 'error' | 'pending';
  /** Where the rule/mapping/policy lives. */
  location?: Location;
  /** Number of the cognito-decisions.md row that decided this step, when one did. */
  decision?: number;
  /** Index of the rule, for rule steps (0-based). */
  ruleIndex?: number;
}

export interface SessionPolicyRef {
  /** `inline` scope-down or a managed policy ARN. */
  kind: 'inline' | 'managed';
  name: string;
  arn?: string;
  document: PolicyDocument;
}

/** Outcome of the STS trust-policy check Cognito performs on the chosen role. */
export interface TrustCheck {
  status: 'allowed' | 'denied' | 'pending' | 'unchecked';
  /** The trust policy that was (or will be) checked. */
  policy?: PolicyDocument;
  actions: string[];
  /** Context keys the check used (aud, amr, sub). */
  context: Record<string, string | string[]>;
  message: string;
  /** Explanation from the IAM engine, when it ran. */
  explain?: unknown;
}

/** Injected by the caller (the access stage wires the IAM engine in) so cognito stays below iam. */
export type TrustChecker = (input: {
  project: Project;
  role: Role;
  actions: string[];
  context: Record<string, string | string[]>;
  flow: 'enhanced' | 'basic';
  crossAccount: boolean;
}) => TrustCheck;

export interface Resolution {
  /** `unknown`: the outcome depends on values no file gives (imports.md §4), named in `unknown`. */
  outcome: 'credentials' | 'error' | 'unknown';
  role: string | null;
  /** The unresolved values the outcome depends on (outcome `unknown` only). */
  unknown?: string[];
  error: { code: string; message: string } | null;
  /** The RoleMappings key the login resolved to, or null for guests. */
  provider: string | null;
  source: ResolutionSource | null;
  sessionPolicies: SessionPolicyRef[];
  principalTags: Record<string, string>;
  trace: TraceStep[];
  /** Extra fields (extensions to formats.md §4). */
  identityId: string;
  amr: string[];
  flow: 'enhanced' | 'basic';
  trust: TrustCheck;
  /** Role session name: `CognitoIdentityCredentials` in the enhanced flow (cognito-decisions #15). */
  sessionName: string;
  /** The claims resolution used (after deriving cognito:roles/preferred_role from groups). */
  claims: Claims;
}
