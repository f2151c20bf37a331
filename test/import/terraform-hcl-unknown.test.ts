// issue 16 Must-show: an unresolved value from a Terraform folder never yields Allow or Deny. The
// policy the evaluator builds holds values no file gives (a data source keycard does not read, a git
// module's output, an undeclared resource); each decision that depends on one is Unknown and names
// it, and the decision that depends on none is still answered.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/iam/authorize.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { evaluateFolder } from './terraform-hcl-helpers.js';

const dir = join(import.meta.dirname, '../fixtures/import/terraform-hcl-unknown');

const CASES: [action: string, resource: string, decision: string, unresolved: string[], context: Record<string, string>][] = [
  ['s3:GetObject', 'arn:aws:s3:::app-media/public/cat.jpg', 'Allow', [], {}],
  ['s3:GetObject', 'arn:aws:s3:::shared-assets/logo.png', 'Unknown', ['data.aws_s3_bucket.shared.arn'], {}],
  ['s3:DeleteObject', 'arn:aws:s3:::app-media/public/cat.jpg', 'Unknown', ['module.logs.bucket_arn'], {}],
  ['s3:ListBucket', 'arn:aws:s3:::app-media', 'Unknown', ['aws_ssm_parameter.prefix.value'], { 's3:prefix': 'team/' }],
];

describe('a Terraform value no file gives', () => {
  const { state, result } = evaluateFolder(dir, {});
  const resource = result.resources.find((r) => r.address === 'aws_iam_policy.app')!;
  const policy: PolicyDocument = {
    name: 'policy app',
    json: JSON.parse(String(resource.values.policy)),
    file: resource.location!.file,
    locate: () => resource.location,
  };

  it('is listed as unresolved, with help that names `terraform show -json`', () => {
    expect([...state.unresolved.keys()].sort()).toEqual([
      'aws_ssm_parameter.prefix.value',
      'data.aws_s3_bucket.shared.arn',
      'module.logs',
      'module.logs.bucket_arn',
    ]);
    expect(state.unresolved.get('module.logs')?.help).toContain('terraform show -json');
  });

  it.each(CASES)('%s %s is %s', (action, resource, decision, unresolved, context) => {
    const r = authorize({
      id: action,
      file: join(dir, 'main.tf'),
      index: 0,
      policies: { identity: [policy], session: [], scp: [], rcp: [] },
      request: { principal: 'arn:aws:iam::123456789012:role/app', action, resource, context },
    });
    expect([r.decision, r.unresolved ?? []]).toEqual([decision, unresolved]);
  });
});
