/**
 * Merges what the sources give with the sections written in keycard.yaml (imports.md §1): a role,
 * policy or bucket policy written there replaces the imported one with the same name or ARN, and
 * validate says so (info). Picks the identity pool (`pool:`) when the sources define several.
 */
import { KeycardInputError, type Diagnostic, type Location, type Locator, type PathKey } from '../diagnostics/diagnostic.js';
import type { Project } from '../model/types.js';
import { importSources } from './index.js';
import type { ImportedPool, ImportResult } from './types.js';

type Obj = Record<string, unknown>;

export interface ProjectImport {
  result: ImportResult;
  pool?: ImportedPool;
}

/** Runs the import stage for a keycard.yaml value that has `from:`. */
export function importForProject(v: Obj, file: string, dir: string, locate: Locator, base: PathKey[]): ProjectImport {
  const result = importSources(
    v.from as Obj[],
    {
      account: v.account as string,
      region: v.region as string,
      physicalIds: (v.physicalIds as Record<string, string> | undefined) ?? {},
      values: (v.values as Obj | undefined) ?? {},
      dir,
      file,
    },
    (p) => locate([...base, 'from', ...p]),
  );
  const wanted = v.pool as string | undefined;
  let pool: ImportedPool | undefined;
  if (wanted !== undefined) {
    pool = result.pools.find((p) => p.logicalId === wanted || p.id === wanted || p.pool.IdentityPoolName === wanted);
    if (!pool) {
      throw new KeycardInputError([
        {
          code: 'import_pool_not_found',
          severity: 'error',
          message: `\`pool: ${wanted}\` names no identity pool of the sources`,
          help: result.pools.length
            ? `the sources define ${result.pools.map((p) => `\`${p.logicalId}\``).join(', ')}`
            : 'the sources define no AWS::Cognito::IdentityPool or aws_cognito_identity_pool',
          location: locate([...base, 'pool']),
        },
      ]);
    }
  } else if (result.pools.length > 1 && v.identityPool === undefined) {
    throw new KeycardInputError([
      {
        code: 'import_pool_ambiguous',
        severity: 'error',
        message: `the sources define ${result.pools.length} identity pools`,
        help: `say which with \`pool:\`: ${result.pools.map((p) => `\`${p.logicalId}\``).join(', ')}`,
        location: locate([...base, 'from']),
      },
    ]);
  } else pool = result.pools[0];
  if (!pool && v.identityPool === undefined) {
    // Still a project: its roles and policies can be read and linted; every login is refused.
    result.diagnostics.push({
      code: 'import_no_pool',
      severity: 'warning',
      message: 'the sources define no identity pool (AWS::Cognito::IdentityPool, aws_cognito_identity_pool): no user can get credentials',
      help: 'add the source that defines it under `from:`, or write `identityPool:` in keycard.yaml',
      location: locate([...base, 'from']),
    });
    pool = {
      logicalId: '',
      id: `${v.region as string}:00000000-0000-4000-8000-000000000000`,
      pool: {
        IdentityPoolId: `${v.region as string}:00000000-0000-4000-8000-000000000000`,
        IdentityPoolName: '(none in the sources)',
        AllowUnauthenticatedIdentities: false,
        AllowClassicFlow: false,
      },
      locate: () => locate([...base, 'from']),
      roles: {},
    };
  }
  return { result, pool };
}

/** Lays keycard.yaml's own sections over the imported ones in a freshly loaded project. */
export function mergeImported(project: Project, imp: ProjectImport, written: Obj, locate: Locator): void {
  const { result, pool } = imp;
  const info = (message: string, location: Location | undefined): Diagnostic => ({
    code: 'import_overridden',
    severity: 'info',
    message,
    help: 'remove it from keycard.yaml to use what the sources say',
    location,
  });
  const notes: Diagnostic[] = [];
  if (written.identityPool === undefined && pool) {
    project.identityPool = pool.pool as unknown as Project['identityPool'];
    project.locate.identityPool = pool.locate;
  } else if (pool) notes.push(info('`identityPool` in keycard.yaml replaces the imported identity pool', locate(['identityPool'])));
  if (written.identityPoolRoles === undefined && pool) {
    project.identityPoolRoles = pool.roles as Project['identityPoolRoles'];
    if (pool.rolesLocate) project.locate.identityPoolRoles = pool.rolesLocate;
  }
  const poolId = project.identityPool.IdentityPoolId;
  const tags = result.principalTags.filter((t) => t.IdentityPoolId === undefined || t.IdentityPoolId === poolId);
  project.principalTags = [
    ...tags.filter((t) => !project.principalTags.some((w) => w.IdentityProviderName === t.IdentityProviderName)),
    ...project.principalTags,
  ];
  if (written.userPoolGroups === undefined && result.userPoolGroups.length) {
    project.userPoolGroups = result.userPoolGroups;
    const locs = result.groupLocations;
    project.locate.userPoolGroups = (path) => locs[Number(path[0] ?? 0)] ?? locs[0];
  }
  const merge = <T>(imported: Map<string, T>, mine: Map<string, T>, what: string): Map<string, T> => {
    const out = new Map(imported);
    for (const [k, val] of mine) {
      if (out.has(k)) notes.push(info(`${what} \`${k}\` in keycard.yaml replaces the imported one`, locate(['iam'])));
      out.set(k, val);
    }
    return out;
  };
  project.roles = merge(result.roles, project.roles, 'role');
  project.managedPolicies = merge(result.managedPolicies, project.managedPolicies, 'managed policy');
  project.resourcePolicies = merge(result.resourcePolicies, project.resourcePolicies, 'resource policy of');
  project.organization = {
    serviceControlPolicies: [...result.organization.serviceControlPolicies, ...project.organization.serviceControlPolicies],
    resourceControlPolicies: [...result.organization.resourceControlPolicies, ...project.organization.resourceControlPolicies],
  };
  project.diagnostics.push(...result.diagnostics, ...notes);
  project.files.push(...result.files);
  project.unresolved = result.unresolved;
  project.imports = { sources: result.sources, references: result.references };
}
