#!/usr/bin/env node
// Build step: compiles keycard's JSON Schemas to standalone validators (dist/load/schemas/compiled.cjs),
// so the CLI does not pay ajv's compile time (~0.3 s) on every start. The loader falls back to
// compiling at run time when this file is absent (tests run from src/).
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('../dist/load/schemas/compiled.cjs', import.meta.url));
const source = fileURLToPath(new URL('../dist/load/schemas/index.js', import.meta.url));
// Up to date when compiled after the schemas were last built (`npm start` must not redo it).
if (existsSync(out) && statSync(out).mtimeMs >= Math.max(statSync(source).mtimeMs, statSync(fileURLToPath(import.meta.url)).mtimeMs))
  process.exit(0);

const require = createRequire(import.meta.url);
const Ajv = require('ajv').default;
const standaloneCode = require('ajv/dist/standalone').default;
const { SCHEMAS } = await import('../dist/load/schemas/index.js');

// The same options as src/load/schema-check.ts: the error objects must be the same.
const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true, code: { source: true } });
const names = {};
for (const [name, schema] of Object.entries(SCHEMAS)) {
  const { $id: _id, ...rest } = schema;
  ajv.addSchema(rest, name);
  names[name] = name;
}
writeFileSync(out, standaloneCode(ajv, names));
