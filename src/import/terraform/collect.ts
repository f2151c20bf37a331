/**
 * From Terraform resource instances (TfResource, what both Terraform readers give) to the project
 * model (the Collected record the CloudFormation sources fill too), for the resources imports.md §2
 * lists. Policies are JSON strings in Terraform; each keeps the location of its attribute where the
 * reader knows it, else of its block. Roles and policies bound by name or ARN, AWS managed policies
 * and role attachments are finished by the same code as CloudFormation's (finishCollected).
 */
import type { Location, Locator, PathKey } from '../../diagnostics/diagnostic.js';
import { fixedLocator } from '../../load/source.js';
import { deriveRoleId } from '../../load/project.js';
import type { PolicyDocument, PrincipalTagAttributeMap, Role, UserPoolGroup } from '../../model/types.js';
import { isUnresolved } from '../../model/unresolved.js';
import { policyFromValue, type Collected } from '../cfn/collect.js';
import { cfnString } from '../cfn/stack.js';
import type { ImportState } from '../types.js';
import { withComputed, type TfComputeContext } from './computed.js';
import type { TfResource } from './resources.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]);
const str = (v: unknown): string => (v === undefined || v === null ? '' : cfnString(v));
const bool = (v: unknown): boolean | undefined => (v === undefined || v === null ? undefined : v === true || v === 'true');
const strMap = (v: unknown): Record<string, string> => (isObj(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, str(x)])) : {});

/** Attributes a scenario may name as `${ADDRESS.ATTR}` (imports.md §5), by resource type. */
const REFERENCE_ATTRS: Record<string, string[]> = {
  aws_s3_bucket: ['id', 'bucket', 'arn', 'bucket_domain_name', 'bucket_regional_domain_name'],
  aws_iam_role: ['id', 'name', 'arn', 'unique_id'],
  aws_iam_policy: ['id', 'name', 'arn'],
  aws_cognito_user_pool: ['id', 'name', 'arn', 'endpoint'],
  aws_cognito_user_pool_client: ['id', 'name', 'user_pool_id'],
  aws_cognito_identity_pool: ['id', 'arn', 'identity_pool_name'],
  aws_cognito_user_group: ['id', 'name', 'user_pool_id'],
  aws_organizations_policy: ['id', 'arn', 'name'],
};
const DEFAULT_REFERENCE_ATTRS = ['id', 'arn', 'name'];

/** The attributes the collector reads, by resource type: an unknown one elsewhere does not matter. */
export const READ_ATTRS: Record<string, string[]> = {
  aws_cognito_identity_pool: [
    'id',
    'identity_pool_name',
    'allow_unauthenticated_identities',
    'allow_classic_flow',
    `cognito_identity_providers`,
    'supported_login_providers',
    'openid_connect_provider_arns',
    'saml_provider_arns',
    'developer_provider_name',
  ],
  aws_cognito_identity_pool_roles_attachment: ['identity_pool_id', 'roles', 'role_mapping'],
  aws_cognito_identity_pool_provider_principal_tag: ['identity_pool_id', 'identity_provider_name', 'use_defaults', 'principal_tags'],
  aws_cognito_user_group: ['name', 'user_pool_id', 'role_arn', 'precedence'],
  aws_iam_role: ['name', 'arn', 'path', 'assume_role_policy', 'inline_policy', 'managed_policy_arns', 'permissions_boundary', 'tags'],
  aws_iam_role_policy: ['name', 'role', 'policy'],
  aws_iam_policy: ['arn', 'name', 'policy'],
  aws_iam_role_policy_attachment: ['role', 'policy_arn'],
  aws_iam_policy_attachment: ['roles', 'policy_arn'],
  aws_s3_bucket: ['arn', 'policy'],
  aws_s3_bucket_policy: ['bucket', 'policy'],
  aws_organizations_policy: ['id', 'type', 'content'],
  aws_organizations_policy_attachment: ['policy_id'],
};

/** get-identity-pool-roles keys (the CloudFormation-shaped attachment) → Terraform's attribute names. */
const ROLE_KEYS: Record<string, string> = {
  Roles: 'roles',
  IdentityProvider: 'identity_provider',
  Type: 'type',
  AmbiguousRoleResolution: 'ambiguous_role_resolution',
  Claim: 'claim',
  MatchType: 'match_type',
  Value: 'value',
  RoleARN: 'role_arn',
};
/** describe-identity-pool keys → aws_cognito_identity_pool's. */
const POOL_KEYS: Record<string, string> = {
  IdentityPoolName: 'identity_pool_name',
  AllowUnauthenticatedIdentities: 'allow_unauthenticated_identities',
  AllowClassicFlow: 'allow_classic_flow',
  CognitoIdentityProviders: `cognito_identity_providers`,
  ProviderName: 'provider_name',
  ClientId: 'client_id',
  ServerSideTokenCheck: 'server_side_token_check',
  SupportedLoginProviders: 'supported_login_providers',
  OpenIdConnectProviderARNs: 'openid_connect_provider_arns',
  SamlProviderARNs: 'saml_provider_arns',
  DeveloperProviderName: 'developer_provider_name',
};

/** Where a path of the instance's values is: the attribute when the reader knows it, else the block. */
function locOf(r: TfResource, path: readonly PathKey[] = []): Location | undefined {
  return (path.length ? r.locate?.(path) : undefined) ?? r.location;
}

/** A locator for a model shape whose keys translate to the instance's attribute names. */
function translated(r: TfResource, keys: Record<string, string>, mapKey?: (path: readonly PathKey[]) => PathKey[]): Locator {
  return (path) => {
    const p = mapKey ? mapKey(path) : path.map((k) => (typeof k === 'string' ? (keys[k] ?? k) : k));
    for (let n = p.length; n > 0; n--) {
      const l = r.locate?.(p.slice(0, n));
      if (l) return l;
    }
    return r.location;
  };
}

/** A policy document held by an attribute (a JSON string in Terraform). */
function policyAt(
  state: ImportState,
  r: TfResource,
  path: PathKey[],
  value: unknown,
  name: string,
  file: string,
): PolicyDocument | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const at = locOf(r, path);
  return policyFromValue(state, value, name, fixedLocator(at, at?.file ?? file), at, at?.file ?? file);
}

/** A trust policy known only after apply: who may assume the role, and how, is unknown. */
function trustValue(v: unknown): unknown {
  if (typeof v !== 'string' || !isUnresolved(v) || v.trimStart().startsWith('{')) return v;
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: v }, Action: v }] };
}

/**
 * Records the `${ADDRESS.ATTR}` names of every managed instance (imports.md §5); a value keycard made
 * up (the value withComputed gives an instance configured with no name, and not pinned) is a
 * placeholder.
 */
function recordReferences(r: TfResource, ctx: TfComputeContext): void {
  const { physicalIds } = ctx.state.options;
  // What keycard would make up from the configuration's seeds alone (a name_prefix, a path).
  const seeds = Object.fromEntries(
    ['name_prefix', 'bucket_prefix', 'path'].filter((k) => r.values[k] !== undefined).map((k) => [k, r.values[k]]),
  );
  const madeUp = withComputed(r.type, r.address, seeds, ctx);
  for (const attr of REFERENCE_ATTRS[r.type] ?? DEFAULT_REFERENCE_ATTRS) {
    const value = r.values[attr];
    if (typeof value !== 'string' || value === '' || isUnresolved(value) || value.trimStart().startsWith('{')) continue;
    const pinned =
      Object.prototype.hasOwnProperty.call(physicalIds, r.address) ||
      Object.prototype.hasOwnProperty.call(physicalIds, `${r.address}.${attr}`);
    ctx.state.reference(`${r.address}.${attr}`, { value, location: r.location, placeholder: !pinned && madeUp[attr] === value });
  }
}

/** Reads Terraform resource instances into `out`. `file` names the source where an instance has no location. */
export function collectTerraform(resources: TfResource[], ctx: TfComputeContext, out: Collected, file: string): void {
  const state = ctx.state;
  const part = state.partition;
  const orgPolicies = new Map<string, { doc: PolicyDocument; kind: string; r: TfResource }>();
  const attachedOrg = new Set<string>();
  /** Inline policies bound by aws_iam_role_policy, by role name: a state also lists them on the role. */
  const rolePolicyNames = new Map<string, Set<string>>();
  /** The name of each inline policy a role lists (its `inline_policy` block's `name`). */
  const inlineNames = new Map<PolicyDocument, string>();
  for (const r of resources) {
    if (r.mode !== 'managed') continue;
    recordReferences(r, ctx);
    const v = r.values;
    switch (r.type) {
      case 'aws_cognito_identity_pool': {
        const pool: Obj = {
          IdentityPoolId: str(v.id),
          IdentityPoolName: typeof v.identity_pool_name === 'string' ? v.identity_pool_name : r.name,
          AllowUnauthenticatedIdentities: bool(v.allow_unauthenticated_identities) ?? false,
        };
        if (v.allow_classic_flow !== undefined && v.allow_classic_flow !== null) pool.AllowClassicFlow = bool(v.allow_classic_flow);
        const cips = list(v.cognito_identity_providers).filter(isObj);
        if (cips.length)
          pool.CognitoIdentityProviders = cips.map((c) => {
            const o: Obj = { ProviderName: str(c.provider_name), ClientId: str(c.client_id) };
            if (c.server_side_token_check !== undefined && c.server_side_token_check !== null)
              o.ServerSideTokenCheck = bool(c.server_side_token_check);
            return o;
          });
        if (isObj(v.supported_login_providers) && Object.keys(v.supported_login_providers).length)
          pool.SupportedLoginProviders = strMap(v.supported_login_providers);
        if (list(v.openid_connect_provider_arns).length) pool.OpenIdConnectProviderARNs = list(v.openid_connect_provider_arns).map(str);
        if (list(v.saml_provider_arns).length) pool.SamlProviderARNs = list(v.saml_provider_arns).map(str);
        if (typeof v.developer_provider_name === 'string' && v.developer_provider_name)
          pool.DeveloperProviderName = v.developer_provider_name;
        out.pools.push({
          logicalId: r.address,
          id: pool.IdentityPoolId as string,
          location: r.location,
          pool,
          locate: translated(r, POOL_KEYS),
          roles: {},
        });
        break;
      }
      case 'aws_cognito_identity_pool_roles_attachment':
        out.attachments.push(roleAttachment(r));
        break;
      case 'aws_cognito_identity_pool_provider_principal_tag': {
        const m: PrincipalTagAttributeMap = {
          IdentityPoolId: str(v.identity_pool_id),
          IdentityProviderName: str(v.identity_provider_name),
        };
        if (v.use_defaults !== undefined && v.use_defaults !== null) m.UseDefaults = bool(v.use_defaults);
        if (isObj(v.principal_tags)) m.PrincipalTags = strMap(v.principal_tags);
        out.principalTags.push(m);
        break;
      }
      case 'aws_cognito_user_group': {
        const g: UserPoolGroup = { GroupName: str(v.name), UserPoolId: v.user_pool_id === undefined ? undefined : str(v.user_pool_id) };
        if (v.role_arn !== undefined && v.role_arn !== null && v.role_arn !== '') g.RoleArn = str(v.role_arn);
        if (v.precedence !== undefined && v.precedence !== null) g.Precedence = Number(v.precedence);
        if (typeof v.description === 'string' && v.description) g.Description = v.description;
        out.userPoolGroups.push(g);
        out.groupLocations.push(r.location);
        break;
      }
      case 'aws_iam_role': {
        const name = str(v.name);
        const arn = str(v.arn);
        const label = `role \`${name}\``;
        const inline: PolicyDocument[] = [];
        if (typeof v.inline_policy === 'string') {
          // The whole block is known only after apply.
          const doc = policyAt(
            state,
            r,
            ['inline_policy'],
            v.inline_policy,
            `inline policy \`${r.address}.inline_policy\` of ${label}`,
            file,
          );
          if (doc) inline.push(doc);
        }
        list(v.inline_policy).forEach((p, i) => {
          if (!isObj(p)) return;
          const policyName = str(p.name);
          const doc = policyAt(
            state,
            r,
            ['inline_policy', i, 'policy'],
            p.policy,
            `inline policy \`${policyName || i}\` of ${label}`,
            file,
          );
          if (!doc) return;
          inline.push(doc);
          if (policyName) inlineNames.set(doc, policyName);
        });
        const role: Role = {
          RoleName: name,
          Arn: arn,
          RoleId: deriveRoleId(arn),
          Path: typeof v.path === 'string' && v.path !== '/' ? v.path : undefined,
          trustPolicy: policyAt(state, r, ['assume_role_policy'], trustValue(v.assume_role_policy), `trust policy of ${label}`, file),
          inlinePolicies: inline,
          attachedManagedPolicies: list(v.managed_policy_arns).map((a) => ({ PolicyArn: str(a) })),
          permissionsBoundaryArn: v.permissions_boundary ? str(v.permissions_boundary) : undefined,
          tags: strMap(v.tags),
          location: r.location,
        };
        out.roles.set(arn, role);
        break;
      }
      case 'aws_iam_role_policy': {
        const name = str(v.name);
        const doc = policyAt(state, r, ['policy'], v.policy, `inline policy \`${name || r.address}\``, file);
        const role = str(v.role);
        if (doc) out.bindings.push({ roles: [role], doc, location: r.location });
        rolePolicyNames.set(role, (rolePolicyNames.get(role) ?? new Set()).add(name));
        break;
      }
      case 'aws_iam_policy': {
        const arn = str(v.arn);
        const name = str(v.name) || arn.split('/').pop()!;
        const doc = policyAt(state, r, ['policy'], v.policy, `managed policy \`${name}\``, file);
        if (doc)
          out.managedPolicies.set(arn, { PolicyName: name, Arn: arn, document: { ...doc, customerManaged: true }, location: r.location });
        break;
      }
      case 'aws_iam_role_policy_attachment':
        out.bindings.push({ roles: [str(v.role)], managedArn: str(v.policy_arn), location: r.location });
        break;
      case 'aws_iam_policy_attachment':
        out.bindings.push({ roles: list(v.roles).map(str), managedArn: str(v.policy_arn), location: r.location });
        break;
      case 'aws_s3_bucket': {
        // Provider v3's inline bucket policy (v4 moved it to aws_s3_bucket_policy).
        const arn = str(v.arn);
        const doc = policyAt(state, r, ['policy'], v.policy, `bucket policy of \`${arn}\``, file);
        if (doc) out.resourcePolicies.set(arn, doc);
        break;
      }
      case 'aws_s3_bucket_policy': {
        const arn = `arn:${part}:s3:::${str(v.bucket)}`;
        const doc = policyAt(state, r, ['policy'], v.policy, `bucket policy of \`${arn}\``, file);
        if (doc) out.resourcePolicies.set(arn, doc);
        break;
      }
      case 'aws_organizations_policy': {
        const kind = str(v.type) || 'SERVICE_CONTROL_POLICY';
        if (kind !== 'SERVICE_CONTROL_POLICY' && kind !== 'RESOURCE_CONTROL_POLICY') break;
        const label = `${kind === 'RESOURCE_CONTROL_POLICY' ? 'RCP' : 'SCP'} \`${str(v.name) || r.address}\``;
        const doc = policyAt(state, r, ['content'], v.content, label, file);
        if (doc) orgPolicies.set(str(v.id), { doc, kind, r });
        break;
      }
      case 'aws_organizations_policy_attachment':
        attachedOrg.add(str(v.policy_id));
        break;
    }
  }
  for (const [id, { doc, kind, r }] of orgPolicies) {
    // An SCP or RCP applies only where it is attached; the sources cannot say whether the target
    // holds the account, so an attached one is applied (it can only take access away).
    if (!attachedOrg.has(id) && !isUnresolved(id)) {
      state.warn(
        'import_tf_policy_unattached',
        `${doc.name} is attached to nothing in these sources, so keycard does not apply it`,
        r.location,
        'add its `aws_organizations_policy_attachment` to the sources, or write the policy under `organization:` in keycard.yaml',
      );
      continue;
    }
    (kind === 'SERVICE_CONTROL_POLICY' ? out.organization.serviceControlPolicies : out.organization.resourceControlPolicies).push(doc);
  }
  // A state lists the policies of aws_iam_role_policy on the role too: keep one copy (AWS keys inline policies by name).
  for (const role of out.roles.values()) {
    const names = rolePolicyNames.get(role.RoleName);
    if (!names) continue;
    role.inlinePolicies = role.inlinePolicies.filter((d) => !names.has(inlineNames.get(d) ?? ''));
  }
}

/** aws_cognito_identity_pool_roles_attachment in CloudFormation's shape, with a locator back to its blocks. */
function roleAttachment(r: TfResource): Collected['attachments'][number] {
  const v = r.values;
  const props: Obj = { IdentityPoolId: str(v.identity_pool_id) };
  if (isObj(v.roles)) props.Roles = strMap(v.roles);
  const keys: string[] = [];
  if (typeof v.role_mapping === 'string' && isUnresolved(v.role_mapping)) props.RoleMappings = v.role_mapping;
  else {
    const mappings: Obj = {};
    list(v.role_mapping).forEach((m, i) => {
      if (!isObj(m)) return;
      const idp = str(m.identity_provider);
      keys[i] = idp;
      const o: Obj = { IdentityProvider: idp, Type: str(m.type) };
      if (m.ambiguous_role_resolution !== undefined && m.ambiguous_role_resolution !== null && m.ambiguous_role_resolution !== '')
        o.AmbiguousRoleResolution = str(m.ambiguous_role_resolution);
      const rules = list(m.mapping_rule).filter(isObj);
      if (rules.length)
        o.RulesConfiguration = {
          Rules: rules.map((x) => ({ Claim: x.claim, MatchType: x.match_type, Value: x.value, RoleARN: x.role_arn })),
        };
      mappings[idp] = o;
    });
    if (keys.length) props.RoleMappings = mappings;
  }
  const mapPath = (path: readonly PathKey[]): PathKey[] => {
    if (path[0] !== 'RoleMappings') return path.map((k) => (typeof k === 'string' ? (ROLE_KEYS[k] ?? k) : k));
    const i = keys.indexOf(String(path[1]));
    const rest = path.slice(2).filter((k) => k !== 'RulesConfiguration');
    return [
      'role_mapping',
      Math.max(i, 0),
      ...rest.map((k) => (k === 'Rules' ? 'mapping_rule' : typeof k === 'string' ? (ROLE_KEYS[k] ?? k) : k)),
    ];
  };
  return { id: r.address, props, location: r.location, locate: translated(r, ROLE_KEYS, mapPath) };
}
