/**
 * Checks a parsed value against a JSON Schema with ajv and turns ajv's errors into keycard
 * diagnostics at file:line:col. Only the most specific errors are kept, so the user sees the
 * real problem rather than every failed `anyOf` branch.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createRequire } from 'node:module';
import type { Diagnostic, PathKey } from '../diagnostics/diagnostic.js';
import { SCHEMAS } from './schemas/index.js';
import type { ParsedSource } from './source.js';

type AjvCtor = new (opts: object) => { compile(schema: object): ValidateFunction };
const require = createRequire(import.meta.url);
let ajv: { compile(schema: object): ValidateFunction } | undefined;
const compiled = new WeakMap<object, ValidateFunction>();
/** Validators precompiled by the build (scripts/precompile-schemas.mjs), by schema name. */
let precompiled: Record<string, ValidateFunction> | null | undefined;

function precompiledFor(schema: object): ValidateFunction | undefined {
  if (precompiled === undefined) {
    try {
      precompiled = require('./schemas/compiled.cjs') as Record<string, ValidateFunction>;
    } catch {
      precompiled = null;
    }
  }
  if (!precompiled) return undefined;
  const name = Object.entries(SCHEMAS).find(([, s]) => s === schema)?.[0];
  return name ? precompiled[name] : undefined;
}

function validator(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = precompiledFor(schema);
    if (!v) {
      if (!ajv) {
        const Ajv = require('ajv').default as AjvCtor;
        const addFormats = require('ajv-formats').default as (a: unknown) => void;
        ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true });
        addFormats(ajv);
      }
      v = ajv.compile(schema);
    }
    compiled.set(schema, v);
  }
  return v;
}

/** A check's name in a YAML cache entry: the schema's name and where in the file the value sits. */
function verdictName(schema: object, base: PathKey[]): string | undefined {
  const name = Object.entries(SCHEMAS).find(([, s]) => s === schema)?.[0];
  return name === undefined ? undefined : `${name} ${JSON.stringify(base)}`;
}

function valueAt(value: unknown, path: PathKey[]): unknown {
  let v = value;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k as string] : undefined;
  return v;
}

function pathOf(instancePath: string): PathKey[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} \`${String(value).slice(0, 60)}\``;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
};

/** Ranks errors: deeper paths first; among equals, the informative keywords. */
function pickErrors(errors: ErrorObject[]): ErrorObject[] {
  const useful = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'if');
  const pool = useful.length ? useful : errors;
  const depth = (e: ErrorObject) =>
    pathOf(e.instancePath).length + (e.keyword === 'additionalProperties' || e.keyword === 'required' ? 1 : 0);
  const max = Math.max(...pool.map(depth));
  const deepest = pool.filter((e) => depth(e) === max);
  const rank: Record<string, number> = { additionalProperties: 0, required: 1, enum: 2, pattern: 3, minLength: 4, maxLength: 4, type: 6 };
  deepest.sort((a, b) => (rank[a.keyword] ?? 5) - (rank[b.keyword] ?? 5));
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  for (const e of deepest) {
    const key =
      e.instancePath + (e.keyword === 'additionalProperties' ? `/${(e.params as { additionalProperty: string }).additionalProperty}` : '');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out.slice(0, 3);
}

function fieldName(path: PathKey[], what: string): string {
  const last = [...path].reverse().find((k) => typeof k === 'string');
  return last !== undefined ? `\`${String(last)}\`` : what;
}

/**
 * Validates `value` (at `base` inside `src`) and returns diagnostics; empty when valid.
 * `what` names the document for messages, e.g. "project file".
 */
export function checkSchema(schema: object, value: unknown, src: ParsedSource, what: string, base: PathKey[] = []): Diagnostic[] {
  // A file from the CLI's YAML cache whose value passed this check in an earlier run passes it again.
  const check = src.verdicts && valueAt(src.value, base) === value ? verdictName(schema, base) : undefined;
  if (check && src.verdicts!.has(check)) return [];
  const v = validator(schema);
  if (v(value)) {
    if (check) src.verdicts!.add(check);
    return [];
  }
  return pickErrors(v.errors ?? []).map((e): Diagnostic => {
    const path = [...base, ...pathOf(e.instancePath)];
    const at = src.locate(path);
    const code = 'schema_invalid';
    const props = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    switch (e.keyword) {
      case 'additionalProperties': {
        const name = (e.params as { additionalProperty: string }).additionalProperty;
        return {
          code: 'schema_unknown_field',
          severity: 'error',
          message: `unknown field \`${name}\` in ${path.length > base.length ? fieldName(path, what) : what}`,
          help: props.length ? `valid fields here: ${props.join(', ')}` : 'remove the field',
          location: src.locateKey([...path, name]),
        };
      }
      case 'required': {
        const name = (e.params as { missingProperty: string }).missingProperty;
        return {
          code: 'schema_missing_field',
          severity: 'error',
          message: `missing required field \`${name}\` in ${path.length > base.length ? fieldName(path, what) : what}`,
          help: `add \`${name}\` (see docs/formats.md)`,
          location: src.locateKey(path),
        };
      }
      case 'enum': {
        const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
        return {
          code,
          severity: 'error',
          message: `${describe(e.data)} is not a valid value for ${fieldName(path, what)}`,
          help: `expected one of: ${allowed.map(String).join(', ')}`,
          location: at,
        };
      }
      case 'type': {
        const t = (e.params as { type: string | string[] }).type;
        const want = (Array.isArray(t) ? t : String(t).split(',')).map((x) => TYPE_WORDS[x] ?? x).join(' or ');
        const where = path.length === 0 ? `the top level of the ${what}` : fieldName(path, what);
        return {
          code: path.length === 0 ? 'schema_wrong_top_level' : code,
          severity: 'error',
          message: `${where} must be ${want}, found ${describe(e.data)}`,
          help: 'see docs/formats.md for the expected shape',
          location: at,
        };
      }
      case 'pattern':
        return {
          code,
          severity: 'error',
          message: `${describe(e.data)} is not a valid ${fieldName(path, what)}`,
          help: `expected text matching ${(e.params as { pattern: string }).pattern}`,
          location: at,
        };
      default:
        return {
          code,
          severity: 'error',
          message: `${fieldName(path, what)} ${e.message ?? 'is invalid'}`,
          help: 'see docs/formats.md for the expected shape',
          location: at,
        };
    }
  });
}
