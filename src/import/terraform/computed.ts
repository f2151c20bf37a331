/**
 * Computed attributes of Terraform resources (imports.md §2, §3): the values the AWS provider
 * documents for attributes that only exist after apply. Both Terraform readers use this: the
 * static evaluator for every instance, the plan reader for attributes `after_unknown` marks.
 *
 * A name AWS or Terraform makes up at apply time is a placeholder, deterministic from the source
 * and the address; `physicalIds: {ADDRESS: ...}` (the instance's id) or `{ADDRESS.ATTR: ...}`
 * pins it. An attribute neither the configuration nor this table gives is an unresolved value.
 */
import * as ph from '../placeholders.js';
import type { ImportState } from '../types.js';

type Obj = Record<string, unknown>;

export interface TfComputeContext {
  state: ImportState;
  /** Seeds placeholders, so two sources never share one (the source path, relative to keycard.yaml). */
  seed: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Terraform's generated name for a resource without one: `terraform-` and 26 characters. */
function tfGenerated(prefix: string | undefined, seed: string, lower = false): string {
  const id = ph.generatedName('terraform', 'x', seed, 64, true).slice(-12);
  const name = `${prefix ?? 'terraform-'}${id}${ph.digits(seed, 14)}`;
  return lower ? name.toLowerCase() : name;
}

/**
 * The instance's values with its computed attributes filled in. Values the configuration gives win;
 * `physicalIds` pins win over both.
 */
export function withComputed(type: string, address: string, values: Obj, ctx: TfComputeContext): Obj {
  const { account, physicalIds } = ctx.state.options;
  // AWS provider v6: a resource's own `region` argument overrides the provider's (keycard.yaml's `region:`).
  const region = typeof values.region === 'string' && values.region !== '' ? values.region : ctx.state.options.region;
  const part = ctx.state.partition;
  const seed = `${ctx.seed}\n${address}`;
  const pinned = (attr?: string): string | undefined => {
    const key = attr ? `${address}.${attr}` : address;
    return Object.prototype.hasOwnProperty.call(physicalIds, key) ? physicalIds[key] : undefined;
  };
  const out: Obj = { ...values };
  const set = (attr: string, value: () => unknown) => {
    const pin = pinned(attr);
    if (pin !== undefined) out[attr] = pin;
    else if (out[attr] === undefined || out[attr] === null) out[attr] = value();
  };
  switch (type) {
    case 'aws_s3_bucket':
      set('bucket', () => pinned() ?? tfGenerated(str(values.bucket_prefix), seed, true));
      set('id', () => out.bucket);
      set('arn', () => `arn:${part}:s3:::${String(out.bucket)}`);
      set('bucket_domain_name', () => `${String(out.bucket)}.s3.amazonaws.com`);
      set('bucket_regional_domain_name', () => `${String(out.bucket)}.s3.${region}.amazonaws.com`);
      break;
    case 'aws_iam_role':
      set('name', () => pinned() ?? tfGenerated(str(values.name_prefix), seed));
      set('id', () => out.name);
      set('path', () => '/');
      set('arn', () => `arn:${part}:iam::${account}:role${String(out.path)}${String(out.name)}`);
      set('unique_id', () => `AROA${ph.clientId(seed).toUpperCase().slice(0, 17)}`);
      break;
    case 'aws_iam_policy':
      set('name', () => tfGenerated(str(values.name_prefix), seed));
      set('path', () => '/');
      set('arn', () => pinned() ?? `arn:${part}:iam::${account}:policy${String(out.path)}${String(out.name)}`);
      set('id', () => out.arn);
      break;
    case 'aws_iam_role_policy':
      set('name', () => tfGenerated(str(values.name_prefix), seed));
      set('id', () => `${String(out.role)}:${String(out.name)}`);
      break;
    case 'aws_cognito_user_pool':
      set('id', () => pinned() ?? ph.userPoolId(region, seed));
      set('arn', () => `arn:${part}:cognito-idp:${region}:${account}:userpool/${String(out.id)}`);
      set('endpoint', () => `cognito-idp.${region}.amazonaws.com/${String(out.id)}`);
      break;
    case 'aws_cognito_user_pool_client':
      set('id', () => pinned() ?? ph.clientId(seed));
      break;
    case 'aws_cognito_identity_pool':
      set('id', () => pinned() ?? ph.identityPoolId(region, seed));
      set('arn', () => `arn:${part}:cognito-identity:${region}:${account}:identitypool/${String(out.id)}`);
      break;
    case 'aws_cognito_user_group':
      set('id', () => `${String(out.user_pool_id)}/${String(out.name)}`);
      break;
    case 'aws_cognito_identity_pool_roles_attachment':
      set('id', () => out.identity_pool_id);
      break;
    case 'aws_organizations_policy':
      set('id', () => pinned() ?? `p-${ph.clientId(seed).slice(0, 8)}`);
      set(
        'arn',
        () =>
          `arn:${part}:organizations::${account}:policy/o-${ph.clientId(`${seed}\norg`).slice(0, 10)}/service_control_policy/${String(out.id)}`,
      );
      break;
    case 'aws_caller_identity':
      set('account_id', () => account);
      set('id', () => account);
      set('arn', () => `arn:${part}:iam::${account}:root`);
      break;
    case 'aws_region':
      set('name', () => region);
      set('region', () => region);
      set('id', () => region);
      break;
    case 'aws_partition':
      set('partition', () => part);
      set('id', () => part);
      set('dns_suffix', () => (part === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'));
      break;
  }
  return out;
}

/** An attribute that only exists after apply and that the table above does not give. */
export function afterApply(
  address: string,
  attr: string,
  ctx: TfComputeContext,
  location?: Parameters<ImportState['unresolvedValue']>[1],
): unknown {
  return ctx.state.unresolvedValue(
    `${address}.${attr}`,
    location,
    `\`${address}.${attr}\` is known only after apply: give it with \`values: {${JSON.stringify(`${address}.${attr}`)}: ...}\`, or pass keycard the \`terraform show -json\` output of a state`,
  );
}
