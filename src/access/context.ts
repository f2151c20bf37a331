/**
 * The request context AWS fills in for a Cognito web-identity session (iam-reference §5.3,
 * cognito-reference §3). There is no aws:username for roles.
 */
import type { Resolution } from '../cognito/types.js';
import type { ContextValue, Project, Role } from '../model/types.js';

/** `arn:aws:sts::<acct>:assumed-role/<RoleName>/<session>` (cognito-decisions #15). */
export function sessionArn(roleArn: string, sessionName: string): string {
  const m = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  if (!m) return roleArn;
  return `arn:${m[1]}:sts::${m[2]}:assumed-role/${m[3]}/${sessionName}`;
}

function accountOf(arn: string): string | undefined {
  return /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

export interface ContextOptions {
  /** The request time; default now. Scenarios may pin it for reproducible dates. */
  now?: Date;
}

/**
 * Context keys present in every request the session makes: the rows marked `session` in
 * docs/global-condition-keys.md (global-keys.ts). Keys the resource fixes are added per request
 * (request.ts).
 */
export function sessionContext(
  project: Project,
  resolution: Resolution,
  role: Role | undefined,
  opts: ContextOptions = {},
): Record<string, ContextValue> {
  const roleArn = resolution.role!;
  const now = opts.now ?? new Date();
  const ctx: Record<string, ContextValue> = {
    'aws:PrincipalArn': roleArn,
    'aws:PrincipalAccount': accountOf(roleArn) ?? project.account,
    'aws:PrincipalType': 'AssumedRole',
    'aws:userid': '', // made when first read, below (the key keeps its place in the order)
    'aws:FederatedProvider': 'cognito-identity.amazonaws.com',
    'cognito-identity.amazonaws.com:sub': resolution.identityId,
    'cognito-identity.amazonaws.com:aud': project.identityPool.IdentityPoolId,
    'cognito-identity.amazonaws.com:amr': resolution.amr,
    'aws:SecureTransport': 'true',
    'aws:RequestedRegion': project.region,
    'aws:CurrentTime': now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    'aws:TokenIssueTime': now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:ViaAWSService': 'false',
    'aws:ViaAWSMCPService': 'false',
    'aws:IsMcpServiceAction': 'false',
    // Temporary credentials carry it; Cognito's are not from MFA.
    'aws:MultiFactorAuthPresent': 'false',
    'aws:PrincipalIsAWSService': 'false',
  };
  // aws:userid needs the role's RoleId, derived by hashing its ARN (node:crypto, ~8 ms to load at
  // start-up): made when first read, which `keycard resolve` never does.
  Object.defineProperty(ctx, 'aws:userid', {
    enumerable: true,
    configurable: true,
    get() {
      const value = `${role?.RoleId ?? 'AROAUNKNOWNROLEID'}:${resolution.sessionName}`;
      Object.defineProperty(ctx, 'aws:userid', { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
    set(value: ContextValue) {
      Object.defineProperty(ctx, 'aws:userid', { value, enumerable: true, configurable: true, writable: true });
    },
  });
  // A role session's principal tags: the role's tags, then the session tags (which win).
  for (const [k, v] of Object.entries(role?.tags ?? {})) ctx[`aws:PrincipalTag/${k}`] = v;
  for (const [k, v] of Object.entries(resolution.principalTags)) ctx[`aws:PrincipalTag/${k}`] = v;
  return ctx;
}

/** The bucket ARN of an S3 resource ARN (`arn:aws:s3:::b/key` → `arn:aws:s3:::b`). */
export function bucketArnOf(resource: string): string | undefined {
  const m = /^(arn:[^:]+:s3:::[^/]+)(\/.*)?$/.exec(resource);
  return m?.[1];
}
