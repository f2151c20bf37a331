/**
 * Loads keycard.yaml (formats.md §1) into the Project model. Sections may be inline or a path
 * to the AWS CLI output that holds them, taken verbatim.
 */
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, resolve } from 'node:path';
import { KeycardInputError, type Diagnostic, type Location, type Locator, type PathKey } from '../diagnostics/diagnostic.js';
import type {
  CedarConfig,
  IdentityPool,
  IdentityPoolRoles,
  ManagedPolicy,
  PolicyDocument,
  PrincipalTagAttributeMap,
  Project,
  Role,
  UserPoolGroup,
} from '../model/types.js';
import { checkReference } from './confine.js';
import { loadReferencedFile, resolvePolicyRef, type RefContext } from './policy-ref.js';
import { loadAccessPoints, loadResourcePolicies } from './resource-entries.js';
import { checkSchema } from './schema-check.js';
import { projectSchema, sectionSchemas } from './schemas/project.schema.js';
import { loadSourceFile, subLocator, type ParsedSource } from './source.js';
import { importForProject, mergeImported } from '../import/merge.js';
import { addAwsManagedPolicies } from './aws-managed.js';

type Obj = Record<string, unknown>;

/** Loads and validates a project file. Throws KeycardInputError (exit 3) on any error. */
export function loadProject(file: string): Project {
  const abs = resolve(file);
  const src = loadSourceFile(abs);
  return projectFromSource(src, [], dirname(abs), abs);
}

/**
 * Builds a Project from the value at `base` inside an already parsed file (a project file, or a
 * scenario file with an inline project).
 */
export function projectFromSource(src: ParsedSource, base: PathKey[], dir: string, name = src.file): Project {
  let value: unknown = src.value;
  for (const k of base) value = (value as Obj)[k as string];
  const errors = checkSchema(projectSchema, value, src, 'project', base);
  if (errors.length) throw new KeycardInputError(errors);
  const v = value as Obj;
  const files = [src.file];
  const diagnostics: Diagnostic[] = [];
  const ctx: RefContext = { src, dir, files };
  // Infrastructure code first (imports.md): keycard.yaml's own sections are laid over it below.
  const imported = v.from === undefined ? undefined : importForProject(v, src.file, dir, src.locate, base);

  const section = <T>(key: keyof typeof sectionSchemas, fallback: T): { value: T; locate: Locator; src: ParsedSource; base: PathKey[] } => {
    const raw = v[key];
    if (raw === undefined) return { value: fallback, locate: subLocator(src.locate, [...base, key]), src, base: [...base, key] };
    if (typeof raw !== 'string') return { value: raw as T, locate: subLocator(src.locate, [...base, key]), src, base: [...base, key] };
    const sub = loadSection(ctx, [...base, key], raw, key);
    return { value: sub.value as T, locate: sub.locate, src: sub, base: [] };
  };

  const pool = section<IdentityPool>('identityPool', undefined as unknown as IdentityPool);
  const roles = section<IdentityPoolRoles>('identityPoolRoles', {});
  const groups = section<UserPoolGroup[] | { Groups: UserPoolGroup[] } | undefined>('userPoolGroups', undefined);
  const iam = section<Obj>('iam', {});

  const principalTags: PrincipalTagAttributeMap[] = [];
  const tagItems = (v.principalTags as unknown[] | undefined) ?? [];
  tagItems.forEach((item, i) => {
    if (typeof item === 'string')
      principalTags.push(loadSection(ctx, [...base, 'principalTags', i], item, 'principalTags').value as PrincipalTagAttributeMap);
    else principalTags.push(item as PrincipalTagAttributeMap);
  });

  const iamCtx: RefContext = { src: iam.src, dir: iam.src === src ? dir : dirname(iam.src.file), files };
  const managedPolicies = loadManagedPolicies(iamCtx, iam.base, iam.value);
  const roleMap = loadRoles(iamCtx, iam.base, iam.value);

  const rp = loadResourcePolicies(ctx, [...base, 'resourcePolicies'], v.resourcePolicies as Obj | undefined);
  const accessPoints = loadAccessPoints(
    ctx,
    [...base, 'accessPoints'],
    v.accessPoints as unknown[] | undefined,
    { account: v.account as string, region: v.region as string },
    rp,
  );
  const resourcePolicies = rp.policies;
  const org = (v.organization as Obj | undefined) ?? {};
  const orgList = (key: string, label: string): PolicyDocument[] =>
    ((org[key] as unknown[] | undefined) ?? []).map((ref, i) =>
      resolvePolicyRef(ctx, [...base, 'organization', key, i], ref, `${label} ${i + 1}`),
    );

  const project: Project = {
    file: name,
    dir,
    account: v.account as string,
    region: v.region as string,
    identityPool: pool.value,
    identityPoolRoles: roles.value,
    principalTags,
    userPoolGroups: groups.value === undefined ? undefined : Array.isArray(groups.value) ? groups.value : groups.value.Groups,
    roles: roleMap,
    managedPolicies,
    resourcePolicies,
    ...(rp.accounts.size ? { resourceAccounts: rp.accounts } : {}),
    ...(accessPoints.size ? { accessPoints } : {}),
    organization: {
      serviceControlPolicies: orgList('serviceControlPolicies', 'SCP'),
      resourceControlPolicies: orgList('resourceControlPolicies', 'RCP'),
    },
    cedar: loadCedarSection(v.cedar as Obj | undefined, dir, src, [...base, 'cedar']),
    locate: {
      root: subLocator(src.locate, base),
      identityPool: pool.locate,
      identityPoolRoles: roles.locate,
      principalTags: subLocator(src.locate, [...base, 'principalTags']),
      userPoolGroups: groups.locate,
      iam: iam.locate,
    },
    diagnostics,
    files,
  };
  if (imported) mergeImported(project, imported, v, subLocator(src.locate, base));
  addAwsManagedPolicies(project);
  diagnostics.push(...referenceWarnings(project));
  return project;
}

function loadSection(ctx: RefContext, path: PathKey[], ref: string, key: keyof typeof sectionSchemas): ParsedSource {
  const sub = loadReferencedFile(ctx, path, ref, {
    code: 'load_section_not_found',
    message: `\`${key}\` names \`${ref}\`, which does not exist`,
    help: `paths are relative to the project file (${ctx.dir})`,
  });
  const errors = checkSchema(sectionSchemas[key], sub.value, sub, `${key} file`);
  if (errors.length) throw new KeycardInputError(errors);
  return sub;
}

function loadManagedPolicies(ctx: RefContext, base: PathKey[], iam: Obj): Map<string, ManagedPolicy> {
  const out = new Map<string, ManagedPolicy>();
  ((iam.Policies as Obj[] | undefined) ?? []).forEach((p, i) => {
    const versions = p.PolicyVersionList as Obj[];
    let vi = versions.findIndex((ver) => ver.IsDefaultVersion === true);
    if (vi < 0) vi = versions.findIndex((ver) => ver.VersionId === p.DefaultVersionId);
    if (vi < 0) vi = 0;
    const arn = p.Arn as string;
    const name = (p.PolicyName as string | undefined) ?? arn.split('/').pop()!;
    out.set(arn, {
      PolicyName: name,
      Arn: arn,
      document: {
        ...resolvePolicyRef(
          ctx,
          [...base, 'Policies', i, 'PolicyVersionList', vi, 'Document'],
          versions[vi]!.Document,
          `managed policy \`${name}\``,
        ),
        customerManaged: !arn.startsWith('arn:aws:iam::aws:policy/'),
      },
    });
    locatedWhenRead(out.get(arn)!, ctx.src.locate, [...base, 'Policies', i]);
  });
  return out;
}

/**
 * Gives `obj` a `location` found on first read: an account export of 1,000 roles is rarely all
 * shown, and the JSON locator scans nothing until asked (load/json-positions.ts).
 */
function locatedWhenRead(obj: { location?: Location }, locate: Locator, path: PathKey[]): void {
  Object.defineProperty(obj, 'location', {
    enumerable: true,
    configurable: true,
    get: () => {
      const location = locate(path);
      Object.defineProperty(obj, 'location', { value: location, writable: true, enumerable: true, configurable: true });
      return location;
    },
  });
}

/** AWS role ids look like AROA + 17 base32 characters; derive one from the ARN when absent. */
export function deriveRoleId(arn: string): string {
  const digest = createHash('sha256').update(arn).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let id = 'AROA';
  for (let i = 0; i < 17; i++) id += alphabet[digest[i]! % 32];
  return id;
}

function loadRoles(ctx: RefContext, base: PathKey[], iam: Obj): Map<string, Role> {
  const out = new Map<string, Role>();
  ((iam.RoleDetailList as Obj[] | undefined) ?? []).forEach((r, i) => {
    const at = [...base, 'RoleDetailList', i];
    const arn = r.Arn as string;
    const roleName = (r.RoleName as string | undefined) ?? arn.split('/').pop()!;
    const label = `role \`${roleName}\``;
    const tags: Record<string, string> = {};
    for (const t of (r.Tags as { Key: string; Value: string }[] | undefined) ?? []) tags[t.Key] = t.Value;
    out.set(arn, {
      RoleName: roleName,
      Arn: arn,
      // Derived on first read (SHA-256: loading node:crypto costs more than most commands' work).
      get RoleId(): string {
        const id = (r.RoleId as string | undefined) ?? deriveRoleId(arn);
        Object.defineProperty(this, 'RoleId', { value: id, writable: true, enumerable: true, configurable: true });
        return id;
      },
      Path: r.Path as string | undefined,
      trustPolicy:
        r.AssumeRolePolicyDocument === undefined
          ? undefined
          : resolvePolicyRef(ctx, [...at, 'AssumeRolePolicyDocument'], r.AssumeRolePolicyDocument, `trust policy of ${label}`),
      inlinePolicies: ((r.RolePolicyList as Obj[] | undefined) ?? []).map((p, j) =>
        resolvePolicyRef(
          ctx,
          [...at, 'RolePolicyList', j, 'PolicyDocument'],
          p.PolicyDocument,
          `inline policy \`${(p.PolicyName as string | undefined) ?? j}\` of ${label}`,
        ),
      ),
      attachedManagedPolicies: ((r.AttachedManagedPolicies as { PolicyName?: string; PolicyArn: string }[] | undefined) ?? []).map((p) => ({
        PolicyName: p.PolicyName,
        PolicyArn: p.PolicyArn,
      })),
      permissionsBoundaryArn: (r.PermissionsBoundary as { PermissionsBoundaryArn?: string } | undefined)?.PermissionsBoundaryArn,
      tags,
      iamIndex: i,
    });
    locatedWhenRead(out.get(arn)!, ctx.src.locate, at);
  });
  return out;
}

function loadCedarSection(c: Obj | undefined, dir: string, src: ParsedSource, at: PathKey[]): CedarConfig | undefined {
  if (!c) return undefined;
  const location = src.locate(at);
  const abs = (p: string, key: PathKey[]) => {
    const file = isAbsolute(p) ? p : resolve(dir, p);
    checkReference(file, src.file, src.locate([...at, ...key]), 'the path');
    return file;
  };
  return {
    schemaFile: abs(c.schema as string, ['schema']),
    policyFiles: (c.policies as string[]).map((p, i) => abs(p, ['policies', i])),
    principalEntityType: c.principalEntityType as string,
    groupEntityType: (c.groupEntityType as string | undefined) ?? 'AWS::CognitoGroup', // CognitoGroupConfiguration's default
    userPoolId: c.userPoolId as string,
    entitiesFile: c.entities === undefined ? undefined : abs(c.entities as string, ['entities']),
    location,
  };
}

/** Warnings for references the project cannot resolve: they never become silent grants. */
function referenceWarnings(p: Project): Diagnostic[] {
  const out: Diagnostic[] = [];
  p.roles.forEach((role) => {
    role.attachedManagedPolicies.forEach((m) => {
      if (p.managedPolicies.has(m.PolicyArn)) return;
      const aws = m.PolicyArn.startsWith('arn:aws:iam::aws:policy/');
      out.push({
        code: aws ? 'project_aws_managed_policy_undefined' : 'project_managed_policy_undefined',
        severity: 'warning',
        message: `${aws ? 'AWS' : 'customer'} managed policy \`${m.PolicyArn}\` attached to role \`${role.RoleName}\` is not defined; treated as granting nothing`,
        help: aws
          ? 'the AWS managed policy data does not know this ARN; add the policy to `iam.Policies` to simulate what it grants'
          : 'add the policy to `iam.Policies` (get-account-authorization-details includes it) to simulate what it grants',
        location: role.location,
      });
    });
    if (role.permissionsBoundaryArn && !p.managedPolicies.has(role.permissionsBoundaryArn)) {
      out.push({
        code: 'project_boundary_undefined',
        severity: 'warning',
        message: `permissions boundary \`${role.permissionsBoundaryArn}\` of role \`${role.RoleName}\` is not defined; its limits are ignored, so access may be over-reported`,
        help: 'add the policy to `iam.Policies` (get-account-authorization-details includes it) so the boundary is applied',
        location: role.location,
      });
    }
  });
  return out;
}
