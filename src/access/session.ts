/**
 * The session that Cognito's credentials carry, built as AWS builds it: the role's identity
 * policies (inline and attached managed), its permissions boundary, the session policies Cognito
 * adds, the organization's SCPs/RCPs, and the request context of a web-identity session.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { compiledOnce } from '../iam/index.js';
import type { CompiledPolicy, EvaluationResult, PolicyKind, PolicySet } from '../iam/index.js';
import type { Resolution } from '../cognito/types.js';
import type { ContextValue, PolicyDocument, Project, Role } from '../model/types.js';
import { bucketArnOf, sessionArn, sessionContext, type ContextOptions } from './context.js';
import { explainParts, prepareInSession } from './request.js';

export interface Session {
  project: Project;
  resolution: Resolution;
  roleArn: string;
  role?: Role;
  /** `arn:aws:sts::<acct>:assumed-role/<Role>/CognitoIdentityCredentials`. */
  arn: string;
  /** Every policy except the resource policy, which depends on the bucket. */
  policies: SessionPolicies;
  context: Record<string, ContextValue>;
  /** Compile findings of the session's policies. */
  diagnostics: Diagnostic[];
}

type SessionPolicies = Omit<PolicySet, 'resource'>;

// One list per session: free-keys and classes read it for every request of an access map.
const ownLists = new WeakMap<SessionPolicies, CompiledPolicy[]>();
/**
 * The session's own policies in one list, every layer but the resource policy (which depends on
 * the request): identity, session, boundary, then the organization's SCPs and RCPs.
 */
export function ownPolicies(policies: SessionPolicies): CompiledPolicy[] {
  let list = ownLists.get(policies);
  if (!list) {
    list = [
      ...policies.identity,
      ...policies.session,
      ...(policies.boundary ? [policies.boundary] : []),
      ...policies.scp.flatMap((l) => l.policies),
      ...policies.rcp.flatMap((l) => l.policies),
    ];
    ownLists.set(policies, list);
  }
  return list;
}

/** Organization policies are not on the role's path that AWS refuses to store (refusedPolicies). */
const ORGANIZATION_KINDS: ReadonlySet<PolicyKind> = new Set(['scp', 'rcp']);

export interface S3Request {
  action: string;
  resource: string;
  context?: Record<string, ContextValue>;
}

/** The errors of the policies on the user's path that AWS would refuse to store: the role's trust policy, then the session's. */
export function refusedPolicies(resolution: Resolution, session: Session | undefined): Diagnostic[] {
  const trust = resolution.trust.policy ? compiledOnce(resolution.trust.policy, 'trust').diagnostics : [];
  return [...trust, ...(session?.diagnostics ?? [])].filter((d) => d.severity === 'error');
}

/** Builds the session of a resolution that produced credentials. */
export function buildSession(project: Project, resolution: Resolution, opts: ContextOptions = {}): Session {
  if (resolution.outcome !== 'credentials' || !resolution.role) {
    throw new Error('buildSession needs a resolution that produced credentials');
  }
  const roleArn = resolution.role;
  const role = project.roles.get(roleArn);
  const identity: CompiledPolicy[] = [];
  if (role) {
    for (const doc of role.inlinePolicies) identity.push(compiledOnce(doc, 'identity'));
    for (const m of role.attachedManagedPolicies) {
      const mp = project.managedPolicies.get(m.PolicyArn);
      if (mp) identity.push(compiledOnce(mp.document, 'identity'));
    }
  }
  const boundaryDoc = role?.permissionsBoundaryArn ? project.managedPolicies.get(role.permissionsBoundaryArn)?.document : undefined;
  const policies: SessionPolicies = {
    identity,
    session: resolution.sessionPolicies.map((s) => compiledOnce(s.document, 'session')),
    scp: project.organization.serviceControlPolicies.length
      ? [{ orgIdentifier: 'organization', policies: project.organization.serviceControlPolicies.map((d) => compiledOnce(d, 'scp')) }]
      : [],
    rcp: project.organization.resourceControlPolicies.length
      ? [{ orgIdentifier: 'organization', policies: project.organization.resourceControlPolicies.map((d) => compiledOnce(d, 'rcp')) }]
      : [],
  };
  if (boundaryDoc) policies.boundary = compiledOnce(boundaryDoc, 'boundary');
  const onPath = ownPolicies(policies).filter((p) => !ORGANIZATION_KINDS.has(p.kind));
  return {
    project,
    resolution,
    roleArn,
    role,
    arn: sessionArn(roleArn, resolution.sessionName),
    policies,
    context: sessionContext(project, resolution, role, opts),
    diagnostics: onPath.flatMap((p) => p.diagnostics),
  };
}

/** The resource policy that governs an S3 resource: the bucket's, matched by bucket ARN. */
export function resourcePolicyFor(project: Project, resource: string): CompiledPolicy | undefined {
  const doc = resourceDocumentFor(project, resource);
  return doc ? compiledOnce(doc, 'resource') : undefined;
}

/** The document of that policy (not compiled). */
export function resourceDocumentFor(project: Project, resource: string): PolicyDocument | undefined {
  const bucket = bucketArnOf(resource);
  return bucket ? project.resourcePolicies.get(bucket) : project.resourcePolicies.get(resource);
}

/** Decides one S3 request made with the session's credentials (built by request.ts, as every command builds it). */
export function authorizeInSession(session: Session, req: S3Request, opts: { explain?: boolean } = {}): EvaluationResult {
  return explainParts(prepareInSession(session, req), opts);
}
