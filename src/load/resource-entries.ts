/**
 * `resourcePolicies` entries and `accessPoints` (docs/formats.md): a resource policy may
 * be a bare policy (in the project's account), or `{Account, Policy}` for a resource of another
 * account, where `Policy` may be the JSON string `aws s3api get-bucket-policy` returns. Access
 * points are `s3control get-access-point` outputs; their account comes from their ARN.
 */
import { KeycardInputError, type PathKey } from '../diagnostics/diagnostic.js';
import type { AccessPoint, PolicyDocument } from '../model/types.js';
import { resolvePolicyRef, type RefContext } from './policy-ref.js';

type Obj = Record<string, unknown>;

/** `{Policy: ...}` (optionally with `Account`) rather than a policy document itself. */
function isPolicyEntry(value: unknown): value is { Account?: string; Policy: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'Policy' in value && !('Statement' in value);
}

export interface ResourcePolicies {
  policies: Map<string, PolicyDocument>;
  /** Accounts of the `{Account, Policy}` entries. */
  accounts: Map<string, string>;
}

export function loadResourcePolicies(ctx: RefContext, base: PathKey[], value: Obj | undefined): ResourcePolicies {
  const policies = new Map<string, PolicyDocument>();
  const accounts = new Map<string, string>();
  for (const [arn, ref] of Object.entries(value ?? {})) {
    const name = `resource policy of \`${arn}\``;
    if (isPolicyEntry(ref)) {
      policies.set(arn, resolvePolicyRef(ctx, [...base, arn, 'Policy'], ref.Policy, name));
      if (ref.Account !== undefined) accounts.set(arn, ref.Account);
    } else {
      policies.set(arn, resolvePolicyRef(ctx, [...base, arn], ref, name));
    }
  }
  return { policies, accounts };
}

/** Loads `accessPoints`, adding each one's `Policy` to the resource policies under its ARN. */
export function loadAccessPoints(
  ctx: RefContext,
  base: PathKey[],
  list: unknown[] | undefined,
  project: { account: string; region: string },
  rp: ResourcePolicies,
): Map<string, AccessPoint> {
  const out = new Map<string, AccessPoint>();
  (list ?? []).forEach((raw, i) => {
    const v = raw as Obj;
    const at = ctx.src.locate([...base, i]);
    const arn =
      (v.AccessPointArn as string | undefined) ?? `arn:aws:s3:${project.region}:${project.account}:accesspoint/${v.Name as string}`;
    const name = (v.Name as string | undefined) ?? arn.slice(arn.lastIndexOf('/') + 1);
    if (out.has(arn)) {
      throw new KeycardInputError([
        {
          code: 'load_access_point_duplicate',
          severity: 'error',
          message: `access point \`${arn}\` is listed twice`,
          help: 'list each access point once',
          location: at,
        },
      ]);
    }
    out.set(arn, {
      Name: name,
      AccessPointArn: arn,
      Bucket: v.Bucket as string,
      ...(v.BucketAccountId !== undefined ? { BucketAccountId: v.BucketAccountId as string } : {}),
      NetworkOrigin: (v.NetworkOrigin as AccessPoint['NetworkOrigin'] | undefined) ?? 'Internet',
      location: at,
    });
    if (v.Policy !== undefined) {
      if (rp.policies.has(arn)) {
        throw new KeycardInputError([
          {
            code: 'load_access_point_policy_twice',
            severity: 'error',
            message: `access point \`${arn}\` has a policy here and in resourcePolicies`,
            help: 'give the access point policy in one place',
            location: ctx.src.locate([...base, i, 'Policy']),
          },
        ]);
      }
      const ref = isPolicyEntry(v.Policy) ? v.Policy.Policy : v.Policy;
      const path = isPolicyEntry(v.Policy) ? [...base, i, 'Policy', 'Policy'] : [...base, i, 'Policy'];
      rp.policies.set(arn, resolvePolicyRef(ctx, path, ref, `access point policy of \`${arn}\``));
    }
  });
  return out;
}
