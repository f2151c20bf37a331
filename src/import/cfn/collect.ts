/**
 * From evaluated stacks to the project model (formats.md §1 shapes): identity pools and their
 * role attachments, user pool groups, IAM roles and policies, bucket policies, SCPs and RCPs.
 * Every document keeps a Locator into its template.
 */
import type { Location, Locator, PathKey } from '../../diagnostics/diagnostic.js';
import { fixedLocator, subLocator } from '../../load/source.js';
import { deriveRoleId } from '../../load/project.js';
import type { ManagedPolicy, PolicyDocument, PrincipalTagAttributeMap, Role, UserPoolGroup } from '../../model/types.js';
import { isUnresolved, showUnresolved, unresolvedMarker } from '../../model/unresolved.js';
import type { ImportedPool, ImportState } from '../types.js';
import { cfnString, isCustom, type Stack } from './stack.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What a set of stacks gives. */
export interface Collected {
  pools: ImportedPool[];
  /** Role attachments in CloudFormation's shape; `locate` maps get-identity-pool-roles paths to the source. */
  attachments: { id: string; props: Obj; location?: Location; locate: Locator }[];
  principalTags: PrincipalTagAttributeMap[];
  userPoolGroups: UserPoolGroup[];
  groupLocations: (Location | undefined)[];
  roles: Map<string, Role>;
  managedPolicies: Map<string, ManagedPolicy>;
  resourcePolicies: Map<string, PolicyDocument>;
  organization: { serviceControlPolicies: PolicyDocument[]; resourceControlPolicies: PolicyDocument[] };
  /** Policies a false resource Condition removed, with the roles they name. */
  removed: { roles: string[]; condition: string; location?: Location }[];
  /** Policies bound to roles by name or ARN, attached once every role is known. */
  bindings: { roles: string[]; doc?: PolicyDocument; managedArn?: string; location?: Location }[];
}

export function emptyCollected(): Collected {
  return {
    pools: [],
    attachments: [],
    principalTags: [],
    userPoolGroups: [],
    groupLocations: [],
    roles: new Map(),
    managedPolicies: new Map(),
    resourcePolicies: new Map(),
    organization: { serviceControlPolicies: [], resourceControlPolicies: [] },
    bindings: [],
    removed: [],
  };
}

const bool = (v: unknown): boolean | undefined => (v === undefined ? undefined : v === true || v === 'true');

/** A policy document: a JSON/YAML object, or a JSON string (often after `Fn::Sub`). */
export function policyDoc(stack: Stack, value: unknown, path: PathKey[], name: string): PolicyDocument | undefined {
  if (value === undefined) return undefined;
  const raw = rawAt(stack.template, path);
  const plain = isObj(raw) && !Object.keys(raw).some((k) => k === 'Ref' || k.startsWith('Fn::'));
  const locate = plain ? subLocator(stack.opts.template.locate, path) : fixedLocator(stack.loc(path), stack.file);
  // A merged template (Serverless fragments) keeps each part's own file.
  return policyFromValue(stack.state, value, name, locate, stack.loc(path), stack.file);
}

/**
 * A policy document from an evaluated value: an object, or a JSON string. A string that is only an
 * unresolved value grants that value (so every decision it touches is unknown, never Allow or Deny).
 */
export function policyFromValue(
  state: ImportState,
  value: unknown,
  name: string,
  locate: Locator,
  at: Location | undefined,
  file: string,
): PolicyDocument | undefined {
  let json = value;
  if (typeof value === 'string') {
    if (isUnresolved(value) && !value.trimStart().startsWith('{')) {
      json = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: value, Resource: value }] };
    } else {
      try {
        json = JSON.parse(value);
      } catch {
        state.error(
          'import_policy_json',
          `the policy of ${name} is a string that is not JSON`,
          at,
          'a policy document given as a string must be JSON',
        );
        return undefined;
      }
    }
  }
  return { name, json, file: locate([])?.file ?? file, locate };
}

function rawAt(v: unknown, path: readonly PathKey[]): unknown {
  let cur = v;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Obj)[k as string];
  }
  return cur;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(cfnString) : v === undefined ? [] : [cfnString(v)]);

/** Reads every included resource of a stack and of its local nested stacks. */
export function collectStack(stack: Stack, out: Collected): void {
  const state = stack.state;
  const { account } = state.options;
  const part = state.partition;
  for (const [id, res] of Object.entries(stack.resources)) {
    const inc = stack.included(id);
    const type = String(res.Type);
    if (inc === false) {
      if (['AWS::IAM::Policy', 'AWS::IAM::RolePolicy', 'AWS::IAM::ManagedPolicy'].includes(type)) {
        const raw = (res.Properties as Obj | undefined) ?? {};
        const names = type === 'AWS::IAM::RolePolicy' ? [raw.RoleName] : Array.isArray(raw.Roles) ? raw.Roles : [];
        const roles = names.map((n, i) =>
          cfnString(stack.eval(n, ['Resources', id, 'Properties', type === 'AWS::IAM::RolePolicy' ? 'RoleName' : 'Roles', i])),
        );
        out.removed.push({ roles, condition: String(res.Condition), location: stack.loc(['Resources', id, 'Condition']) });
      }
      continue;
    }
    const at = (...p: PathKey[]): PathKey[] => ['Resources', id, 'Properties', ...p];
    const location = stack.loc(['Resources', id]);
    if (typeof inc !== 'boolean')
      state.warn(
        'import_condition_unknown',
        `whether \`${id}\` exists depends on \`${inc.unknown[0]}\`, which no file gives; it is read as present`,
        location,
        'give the value so the condition can be decided',
      );
    if (!isCustom(type)) stack.ref(id, ['Resources', id]);
    switch (type) {
      case 'AWS::Cognito::UserPool':
        for (const a of ['ProviderName', 'ProviderURL', 'Arn']) stack.getAtt(id, a, ['Resources', id]);
        break;
      case 'AWS::IAM::Role':
      case 'AWS::S3::Bucket':
        stack.getAtt(id, 'Arn', ['Resources', id]);
        break;
    }
    switch (type) {
      case 'AWS::Cognito::IdentityPool': {
        const p = stack.props(id);
        const pool: Obj = {
          IdentityPoolId: cfnString(stack.ref(id, ['Resources', id])),
          IdentityPoolName: typeof p.IdentityPoolName === 'string' ? p.IdentityPoolName : id,
          AllowUnauthenticatedIdentities: bool(p.AllowUnauthenticatedIdentities) ?? false,
        };
        if (p.AllowClassicFlow !== undefined) pool.AllowClassicFlow = bool(p.AllowClassicFlow);
        if (Array.isArray(p.CognitoIdentityProviders)) {
          pool.CognitoIdentityProviders = (p.CognitoIdentityProviders as Obj[]).map((c) => {
            const o: Obj = { ProviderName: cfnString(c.ProviderName), ClientId: cfnString(c.ClientId) };
            if (c.ServerSideTokenCheck !== undefined) o.ServerSideTokenCheck = bool(c.ServerSideTokenCheck);
            return o;
          });
        }
        if (isObj(p.SupportedLoginProviders))
          pool.SupportedLoginProviders = Object.fromEntries(Object.entries(p.SupportedLoginProviders).map(([k, v]) => [k, cfnString(v)]));
        if (p.OpenIdConnectProviderARNs !== undefined) pool.OpenIdConnectProviderARNs = strings(p.OpenIdConnectProviderARNs);
        if (p.SamlProviderARNs !== undefined) pool.SamlProviderARNs = strings(p.SamlProviderARNs);
        if (typeof p.DeveloperProviderName === 'string') pool.DeveloperProviderName = p.DeveloperProviderName;
        out.pools.push({
          logicalId: stack.qualified(id),
          id: pool.IdentityPoolId as string,
          location,
          pool,
          locate: subLocator(stack.opts.template.locate, at()),
          roles: {},
        });
        break;
      }
      case 'AWS::Cognito::IdentityPoolRoleAttachment':
        out.attachments.push({ id, props: stack.props(id), location, locate: subLocator(stack.opts.template.locate, at()) });
        break;
      case 'AWS::Cognito::IdentityPoolPrincipalTag': {
        const p = stack.props(id);
        const m: PrincipalTagAttributeMap = {
          IdentityPoolId: cfnString(p.IdentityPoolId),
          IdentityProviderName: cfnString(p.IdentityProviderName),
        };
        if (p.UseDefaults !== undefined) m.UseDefaults = bool(p.UseDefaults);
        if (isObj(p.PrincipalTags))
          m.PrincipalTags = Object.fromEntries(Object.entries(p.PrincipalTags).map(([k, v]) => [k, cfnString(v)]));
        out.principalTags.push(m);
        break;
      }
      case 'AWS::Cognito::UserPoolGroup': {
        const p = stack.props(id);
        const g: UserPoolGroup = {
          GroupName: cfnString(stack.ref(id, ['Resources', id])),
          UserPoolId: p.UserPoolId === undefined ? undefined : cfnString(p.UserPoolId),
        };
        if (p.RoleArn !== undefined) g.RoleArn = cfnString(p.RoleArn);
        if (p.Precedence !== undefined) g.Precedence = Number(p.Precedence);
        if (typeof p.Description === 'string') g.Description = p.Description;
        out.userPoolGroups.push(g);
        out.groupLocations.push(location);
        break;
      }
      case 'AWS::IAM::Role': {
        const p = stack.props(id);
        const name = cfnString(stack.ref(id, ['Resources', id]));
        const arn = cfnString(stack.getAtt(id, 'Arn', ['Resources', id]));
        const label = `role \`${name}\``;
        const tags: Record<string, string> = {};
        for (const t of Array.isArray(p.Tags) ? (p.Tags as Obj[]) : []) tags[cfnString(t.Key)] = cfnString(t.Value);
        const inline: PolicyDocument[] = [];
        (Array.isArray(p.Policies) ? (p.Policies as Obj[]) : []).forEach((pol, i) => {
          const doc = policyDoc(
            stack,
            pol.PolicyDocument,
            at('Policies', i, 'PolicyDocument'),
            `inline policy \`${cfnString(pol.PolicyName ?? i)}\` of ${label}`,
          );
          if (doc) inline.push(doc);
        });
        const role: Role = {
          RoleName: name,
          Arn: arn,
          RoleId: deriveRoleId(arn),
          Path: typeof p.Path === 'string' ? p.Path : undefined,
          trustPolicy: policyDoc(stack, p.AssumeRolePolicyDocument, at('AssumeRolePolicyDocument'), `trust policy of ${label}`),
          inlinePolicies: inline,
          attachedManagedPolicies: strings(p.ManagedPolicyArns).map((a) => ({ PolicyArn: a })),
          permissionsBoundaryArn: p.PermissionsBoundary === undefined ? undefined : cfnString(p.PermissionsBoundary),
          tags,
          location,
        };
        out.roles.set(arn, role);
        break;
      }
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::RolePolicy': {
        const p = stack.props(id);
        const roles = type === 'AWS::IAM::RolePolicy' ? strings(p.RoleName) : strings(p.Roles);
        const doc = policyDoc(stack, p.PolicyDocument, at('PolicyDocument'), `inline policy \`${cfnString(p.PolicyName ?? id)}\``);
        if (doc) out.bindings.push({ roles, doc, location });
        break;
      }
      case 'AWS::IAM::ManagedPolicy': {
        const p = stack.props(id);
        const arn = cfnString(stack.ref(id, ['Resources', id]));
        const name = arn.split('/').pop()!;
        const doc = policyDoc(stack, p.PolicyDocument, at('PolicyDocument'), `managed policy \`${name}\``);
        // A template's managed policy is customer managed: AWS holds it to 6,144 characters.
        if (doc) out.managedPolicies.set(arn, { PolicyName: name, Arn: arn, document: { ...doc, customerManaged: true }, location });
        if (p.Roles !== undefined) out.bindings.push({ roles: strings(p.Roles), managedArn: arn, location });
        break;
      }
      case 'AWS::S3::BucketPolicy': {
        const p = stack.props(id);
        const bucket = cfnString(p.Bucket);
        const arn = `arn:${part}:s3:::${bucket}`;
        const doc = policyDoc(stack, p.PolicyDocument, at('PolicyDocument'), `bucket policy of \`${arn}\``);
        if (doc) out.resourcePolicies.set(arn, doc);
        break;
      }
      case 'AWS::Organizations::Policy': {
        const p = stack.props(id);
        const kind = cfnString(p.Type);
        const doc = policyDoc(
          stack,
          p.Content,
          at('Content'),
          `${kind === 'RESOURCE_CONTROL_POLICY' ? 'RCP' : 'SCP'} \`${cfnString(p.Name ?? id)}\``,
        );
        if (!doc) break;
        if (kind === 'SERVICE_CONTROL_POLICY') out.organization.serviceControlPolicies.push(doc);
        else if (kind === 'RESOURCE_CONTROL_POLICY') out.organization.resourceControlPolicies.push(doc);
        break;
      }
      case 'AWS::CloudFormation::Stack':
      case 'AWS::Serverless::Application': {
        const child = stack.child(id);
        if (child) collectStack(child, out);
        break;
      }
    }
    void account;
  }
  for (const [name, decl] of Object.entries((stack.template.Parameters as Record<string, Obj> | undefined) ?? {})) {
    if (decl?.Default === undefined && !Object.prototype.hasOwnProperty.call(stack.opts.parameters, name)) continue; // not a value: only list it where used
    if (String(decl?.Type).startsWith('AWS::SSM::')) continue; // an SSM value: only listed where used
    const v = stack.parameter(name, ['Parameters', name]);
    if (typeof v === 'string' && !isUnresolved(v))
      stack.state.reference(stack.qualified(name), { value: v, location: stack.loc(['Parameters', name]) });
  }
}

/** Attaches policies bound by name or ARN, and role attachments to their pools. */
export function finishCollected(state: ImportState, out: Collected): void {
  const byName = new Map<string, Role>();
  for (const r of out.roles.values()) byName.set(r.RoleName, r);
  for (const b of out.bindings) {
    for (const ref of b.roles) {
      const role = out.roles.get(ref) ?? byName.get(ref) ?? byName.get(ref.split('/').pop()!);
      if (!role) continue; // a role outside these sources: nothing keycard simulates
      if (b.doc) role.inlinePolicies.push(b.doc);
      if (b.managedArn && !role.attachedManagedPolicies.some((m) => m.PolicyArn === b.managedArn))
        role.attachedManagedPolicies.push({ PolicyArn: b.managedArn });
    }
  }
  for (const r of out.roles.values()) {
    if (r.inlinePolicies.length || r.attachedManagedPolicies.length) continue;
    if (!JSON.stringify(r.trustPolicy?.json ?? '').includes('cognito-identity.amazonaws.com')) continue;
    const gone = out.removed.filter((x) => x.roles.some((n) => n === r.RoleName || n === r.Arn || n.split('/').pop() === r.RoleName));
    if (gone.length === 0) continue;
    state.warn(
      'import_condition_removes_grants',
      `role \`${r.RoleName}\` has no policy left: ${gone.length === 1 ? 'the policy bound to it is' : `all ${gone.length} policies bound to it are`} removed by ${[...new Set(gone.map((g) => `\`${g.condition}\``))].join(', ')}`,
      gone[0]!.location,
      'Cognito still hands this role out, and it may do nothing; check the parameters the condition reads',
    );
  }
  // Attachments of a known pool first: an attachment whose pool is a value no file gives fills in
  // only the pools still without roles after them, whatever the order in the template.
  const poolUnknown = (a: (typeof out.attachments)[number]) => isUnresolved(cfnString(a.props.IdentityPoolId));
  for (const a of [...out.attachments.filter((a) => !poolUnknown(a)), ...out.attachments.filter(poolUnknown)]) {
    const poolId = cfnString(a.props.IdentityPoolId);
    const pool = out.pools.find((p) => p.id === poolId);
    if (!pool && isUnresolved(poolId)) {
      // Which pool it configures is a value no file gives: each pool without roles of its own may be
      // that one, so its roles and mappings are unknown (never the default role, never none).
      for (const p of out.pools.filter((x) => !x.roles.Roles && !x.roles.RoleMappings)) {
        p.roles = {
          IdentityPoolId: p.id,
          Roles: {
            authenticated: poolId,
            ...(p.pool.AllowUnauthenticatedIdentities ? { unauthenticated: poolId } : {}),
          },
          RoleMappings: { [poolId]: { Type: 'Token', AmbiguousRoleResolution: 'Deny', IdentityProvider: poolId } },
        };
        p.rolesLocate = a.locate;
      }
      continue;
    }
    if (!pool) {
      const location = a.location;
      state.warn(
        'import_attachment_unbound',
        `the role attachment \`${a.id}\` names identity pool \`${showUnresolved(poolId)}\`, which no source defines`,
        location,
        "give the identity pool's source too, or pin it with `physicalIds:`",
      );
      continue;
    }
    const roles: Obj = { IdentityPoolId: poolId };
    if (isObj(a.props.Roles)) roles.Roles = Object.fromEntries(Object.entries(a.props.Roles).map(([k, v]) => [k, cfnString(v)]));
    if (isObj(a.props.RoleMappings)) roles.RoleMappings = roleMappings(a.props.RoleMappings);
    else if (typeof a.props.RoleMappings === 'string' && isUnresolved(a.props.RoleMappings)) {
      // The whole mapping is a value no file gives: a mapping for an unknown provider, so that a
      // login it may cover resolves to unknown, never to the default role.
      const marker = a.props.RoleMappings;
      roles.RoleMappings = { [marker]: { Type: 'Token', AmbiguousRoleResolution: 'Deny', IdentityProvider: marker } };
    }
    pool.roles = mergeRoles(pool.roles, roles);
    pool.rolesLocate = a.locate;
  }
}

function mergeRoles(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a, ...b };
  for (const k of ['Roles', 'RoleMappings']) {
    const merged = { ...((a[k] as Obj) ?? {}), ...((b[k] as Obj) ?? {}) };
    if (Object.keys(merged).length) out[k] = merged;
    else delete out[k];
  }
  return out;
}

function roleMappings(m: Obj): Obj {
  const out: Obj = {};
  for (const [key, raw] of Object.entries(m)) {
    if (!isObj(raw)) {
      // One mapping given by a value no file gives: unknown for the provider it may cover.
      const marker = typeof raw === 'string' && isUnresolved(raw) ? raw : unresolvedMarker(`RoleMappings.${key}`);
      out[key] = { Type: 'Token', AmbiguousRoleResolution: 'Deny', IdentityProvider: marker };
      continue;
    }
    const r: Obj = { Type: cfnString(raw.Type) };
    if (raw.AmbiguousRoleResolution !== undefined) r.AmbiguousRoleResolution = cfnString(raw.AmbiguousRoleResolution);
    if (raw.IdentityProvider !== undefined) r.IdentityProvider = cfnString(raw.IdentityProvider);
    const rules = (raw.RulesConfiguration as Obj | undefined)?.Rules;
    if (Array.isArray(rules)) {
      r.RulesConfiguration = {
        Rules: (rules as Obj[]).map((x) => ({
          Claim: cfnString(x.Claim),
          MatchType: cfnString(x.MatchType),
          Value: cfnString(x.Value),
          RoleARN: cfnString(x.RoleARN),
        })),
      };
    }
    out[key] = r;
  }
  return out;
}
