/**
 * Everything the lint rules need, computed once per project: every policy document with the kind
 * it is evaluated as and the places that bring it in, the roles the pool can hand out, and the
 * providers (with their principal-tag maps and the roles their users can get).
 */
import { compiledOnce } from '../iam/index.js';
import { oidcHost } from '../cognito/arn.js';
import { defaultTagMappings, findTagMap } from '../cognito/principal-tags.js';
import { findMapping, type Provider } from '../cognito/providers.js';
import { diagnosticUrl, type Location, type PathKey, type Severity } from '../diagnostics/diagnostic.js';
import type { CompiledPolicy, PolicyKind } from '../iam/index.js';
import type { PolicyDocument, Project, Role } from '../model/types.js';
import type { Finding } from './types.js';

export interface PolicyUsage {
  readonly doc: PolicyDocument;
  readonly kind: PolicyKind;
  /** Compiled on first read (every rule reads it; compiledOnce shares it with other commands). */
  readonly compiled: CompiledPolicy;
  /** The role whose trust or inline policy this is (managed policies: the first attaching role). */
  readonly role?: Role;
  /** The policy is evaluated for a role's session (identity, boundary), so role-only rules apply. */
  readonly forRole: boolean;
  /**
   * Lines of the project that bring this document in, where a suppression comment may also sit.
   * Located on first read, that is when a finding is made: locating scans the file (in an account
   * export, the whole file up to the role), and most policies have no finding.
   */
  readonly anchors: Location[];
}

/** A PolicyUsage whose compiled policy and anchors are made when first read (one class: no per-object accessors). */
class LazyUsage implements PolicyUsage {
  readonly role?: Role;
  private compiledMemo?: CompiledPolicy;
  private anchorsMemo?: Location[];

  constructor(
    readonly doc: PolicyDocument,
    readonly kind: PolicyKind,
    private readonly places: () => (Location | undefined)[],
    role: Role | undefined,
    readonly forRole: boolean,
  ) {
    if (role) this.role = role;
  }

  get compiled(): CompiledPolicy {
    return (this.compiledMemo ??= compiledOnce(this.doc, this.kind));
  }

  get anchors(): Location[] {
    return (this.anchorsMemo ??= this.places().filter((a): a is Location => !!a));
  }
}

/** A provider of the pool, as a login sees it. */
export interface PoolProvider extends Provider {
  /** Principal tags are mapped for it, so its sessions are tagged (sts:TagSession). */
  tagged: boolean;
  /** Roles its users can get. */
  roles: Set<string>;
}

export interface LintContext {
  project: Project;
  policies: PolicyUsage[];
  providers: PoolProvider[];
  /** Roles only signed-in users get: Roles.authenticated, rule RoleARNs, group RoleArns. */
  authenticatedRoles: Set<string>;
  guestRole?: string;
}

/** A finding with its documentation link. */
export function finding(
  code: string,
  severity: Severity,
  message: string,
  help: string,
  location: Location | undefined,
  anchors?: Location[],
): Finding {
  const f: Finding = { code, severity, message, help, url: diagnosticUrl(code) };
  if (location) f.location = location;
  if (anchors?.length) f.anchors = anchors;
  return f;
}

/** A finding located inside a policy document (its own file), silenceable where it is brought in. */
export function policyFinding(
  use: PolicyUsage,
  code: string,
  severity: Severity,
  message: string,
  help: string,
  path: readonly PathKey[],
): Finding {
  return finding(code, severity, message, help, use.doc.locate(path) ?? use.compiled.location, use.anchors);
}

export function buildContext(project: Project): LintContext {
  const providers = poolProviders(project);
  const authenticatedRoles = new Set<string>();
  const roles = project.identityPoolRoles.Roles ?? {};
  if (typeof roles.authenticated === 'string') authenticatedRoles.add(roles.authenticated);
  for (const p of providers) for (const r of p.roles) authenticatedRoles.add(r);
  for (const m of Object.values(project.identityPoolRoles.RoleMappings ?? {})) {
    for (const rule of ruleList(m)) if (typeof rule.RoleARN === 'string') authenticatedRoles.add(rule.RoleARN);
  }
  for (const g of project.userPoolGroups ?? []) if (typeof g?.RoleArn === 'string') authenticatedRoles.add(g.RoleArn);
  const ctx: LintContext = { project, policies: policyUsages(project), providers, authenticatedRoles };
  if (typeof roles.unauthenticated === 'string') ctx.guestRole = roles.unauthenticated;
  return ctx;
}

function ruleList(mapping: unknown): { RoleARN?: unknown }[] {
  const rules = (mapping as { RulesConfiguration?: { Rules?: unknown } } | undefined)?.RulesConfiguration?.Rules;
  return Array.isArray(rules) ? rules.filter((r): r is { RoleARN?: unknown } => !!r && typeof r === 'object') : [];
}

/** The index of a role in the project's RoleDetailList (stored on the role when it is read). */
function roleIndex(role: Role): number | undefined {
  return role.iamIndex;
}

function policyUsages(project: Project): PolicyUsage[] {
  const out: PolicyUsage[] = [];
  const use = (doc: PolicyDocument, kind: PolicyKind, anchors: () => (Location | undefined)[], role?: Role, forRole = false) =>
    out.push(new LazyUsage(doc, kind, anchors, role, forRole));
  const attachedTo = new Map<string, Role>();
  const boundaryOf = new Map<string, Role>();
  for (const role of project.roles.values()) {
    const i = roleIndex(role);
    const at = (...rest: PathKey[]) => (i === undefined ? undefined : project.locate.iam(['RoleDetailList', i, ...rest]));
    if (role.trustPolicy) use(role.trustPolicy, 'trust', () => [role.location, at('AssumeRolePolicyDocument')], role);
    role.inlinePolicies.forEach((doc, j) => use(doc, 'identity', () => [role.location, at('RolePolicyList', j)], role, true));
    for (const m of role.attachedManagedPolicies) if (!attachedTo.has(m.PolicyArn)) attachedTo.set(m.PolicyArn, role);
    if (role.permissionsBoundaryArn && !boundaryOf.has(role.permissionsBoundaryArn)) boundaryOf.set(role.permissionsBoundaryArn, role);
  }
  for (const mp of project.managedPolicies.values()) {
    const role = attachedTo.get(mp.Arn) ?? boundaryOf.get(mp.Arn);
    const kind: PolicyKind = !attachedTo.has(mp.Arn) && boundaryOf.has(mp.Arn) ? 'boundary' : 'identity';
    use(mp.document, kind, () => [mp.location], role, role !== undefined);
  }
  for (const [arn, doc] of project.resourcePolicies) use(doc, 'resource', () => [project.locate.root(['resourcePolicies', arn])]);
  project.organization.serviceControlPolicies.forEach((doc, i) =>
    use(doc, 'scp', () => [project.locate.root(['organization', 'serviceControlPolicies', i])]),
  );
  project.organization.resourceControlPolicies.forEach((doc, i) =>
    use(doc, 'rcp', () => [project.locate.root(['organization', 'resourceControlPolicies', i])]),
  );
  return out;
}

/** Every provider configured on the pool, with the roles its users can get. */
function poolProviders(project: Project): PoolProvider[] {
  const pool = project.identityPool;
  const providers: Provider[] = [];
  for (const c of pool?.CognitoIdentityProviders ?? []) {
    if (c && typeof c.ProviderName === 'string')
      providers.push({ kind: 'userPool', name: `${c.ProviderName}:${c.ClientId}`, login: c.ProviderName, amr: [c.ProviderName] });
  }
  for (const key of Object.keys(pool?.SupportedLoginProviders ?? {})) providers.push({ kind: 'social', name: key, login: key, amr: [key] });
  for (const arn of pool?.OpenIdConnectProviderARNs ?? [])
    providers.push({ kind: 'oidc', name: oidcHost(arn), login: oidcHost(arn), amr: [oidcHost(arn)] });
  for (const arn of pool?.SamlProviderARNs ?? []) providers.push({ kind: 'saml', name: arn, login: arn, amr: [arn] });
  if (typeof pool?.DeveloperProviderName === 'string') {
    const name = pool.DeveloperProviderName;
    providers.push({ kind: 'developer', name, login: name, amr: [name] });
  }
  return providers.map((p) => ({ ...p, tagged: isTagged(project, p), roles: rolesOf(project, p) }));
}

function isTagged(project: Project, provider: Provider): boolean {
  const found = findTagMap(project, provider);
  if (!found) return false;
  const explicit = found.map.PrincipalTags && typeof found.map.PrincipalTags === 'object' ? Object.keys(found.map.PrincipalTags) : [];
  const defaults = found.map.UseDefaults === true ? Object.keys(defaultTagMappings(provider)) : [];
  return explicit.length + defaults.length > 0;
}

function rolesOf(project: Project, provider: Provider): Set<string> {
  const out = new Set<string>();
  const fallback = project.identityPoolRoles.Roles?.authenticated;
  const addFallback = () => typeof fallback === 'string' && out.add(fallback);
  const match = provider.kind === 'developer' ? undefined : findMapping(project, provider);
  if (!match) {
    addFallback();
    return out;
  }
  const { mapping } = match;
  if (mapping.AmbiguousRoleResolution === 'AuthenticatedRole') addFallback();
  if (mapping.Type === 'Rules') {
    for (const rule of ruleList(mapping)) if (typeof rule.RoleARN === 'string') out.add(rule.RoleARN);
  } else if (mapping.Type === 'Token') {
    for (const g of project.userPoolGroups ?? []) {
      const samePool = !g?.UserPoolId || provider.login.endsWith(`/${g.UserPoolId}`);
      if (samePool && typeof g?.RoleArn === 'string') out.add(g.RoleArn);
    }
  }
  return out;
}
