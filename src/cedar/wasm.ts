/**
 * The one door to cedar-wasm. Loads it lazily (≈50 ms, so commands that never touch Cedar don't
 * pay), wraps every call (malformed call shapes throw), caches pre-parsed policy sets by content
 * hash (the wasm cache has no eviction, so ids must be stable), and turns Cedar's errors into
 * keycard Diagnostics. Cedar reports UTF-8 *byte* offsets into the text it was given; they become
 * file:line:col here and nowhere else.
 */
import { createHash } from 'node:crypto';
import type * as CedarWasm from '@cedar-policy/cedar-wasm/nodejs';
import type { Diagnostic, Location } from '../diagnostics/diagnostic.js';
import { beforeWebAssembly } from '../load/wasm-tier.js';

export type Cedar = typeof CedarWasm;
export type CedarValue = CedarWasm.CedarValueJson;
export type CedarEntity = CedarWasm.EntityJson;
export type CedarUid = { type: string; id: string };
export type CedarSchemaInput = string | CedarWasm.SchemaJson<string>;

let loaded: Cedar | undefined;
let loading: Promise<Cedar> | undefined;

/** Imports cedar-wasm once. Every other function here needs it loaded first. */
export function loadCedar(): Promise<Cedar> {
  if (!loading) beforeWebAssembly(); // the package compiles its wasm as it loads
  loading ??= import('@cedar-policy/cedar-wasm/nodejs').then((m) => {
    loaded = ((m as unknown as { isAuthorized?: unknown }).isAuthorized ? m : (m as unknown as { default: Cedar }).default) as Cedar;
    return loaded;
  });
  return loading;
}

/** The loaded module; throws when `loadCedar()` has not completed (a programming error). */
export function cedar(): Cedar {
  if (!loaded) throw new Error('cedar-wasm is not loaded: await loadCedar() first');
  return loaded;
}

// ---------------------------------------------------------------------------------------------
// Source positions

/** Where a piece of Cedar text came from: the text Cedar saw starts at `start` (a UTF-16 index) of `fileText`. */
export interface CedarSource {
  file: string;
  fileText: string;
  start: number;
}

/** Converts a UTF-8 byte offset into the text Cedar saw into a 1-based file position. */
export function locateByteOffset(src: CedarSource, byteOffset: number): Location {
  const seen = Buffer.from(src.fileText.slice(src.start), 'utf8');
  const chars = seen
    .subarray(0, Math.max(0, Math.min(byteOffset, seen.length)))
    .toString('utf8')
    .replace(/\uFFFD$/, '').length;
  const index = src.start + chars;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (src.fileText.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { file: src.file, line, column: index - lineStart + 1 };
}

/** Turns one Cedar error into a keycard Diagnostic, positioned when Cedar gave a source location. */
function toDiagnostic(
  err: CedarWasm.DetailedError,
  code: string,
  src: CedarSource | undefined,
  opts: { severity?: Diagnostic['severity']; help?: string; fallback?: Location } = {},
): Diagnostic {
  const message = tidy(err.message);
  const d: Diagnostic = { code, severity: opts.severity ?? 'error', message };
  const help = err.help ? tidy(err.help) : opts.help;
  if (help) d.help = help;
  const at = err.sourceLocations?.[0];
  if (src && at) {
    const start = locateByteOffset(src, at.start);
    const end = locateByteOffset(src, at.end);
    d.location = { ...start, endLine: end.line, endColumn: end.column };
  } else if (src) {
    d.location = locateByteOffset(src, 0);
  } else if (opts.fallback) {
    d.location = opts.fallback;
  }
  return d;
}

/** Cedar messages are sentences; keycard's are lowercase without a final period. */
function tidy(s: string): string {
  return s
    .trim()
    .replace(/\.$/, '')
    .replace(/^[A-Z](?![A-Z])/, (c) => c.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Validation

/** Policies by id, with where each one's text came from (for positions). */
export interface PolicyTexts {
  texts: Record<string, string>;
  sources?: Record<string, CedarSource>;
}

/**
 * Strict validation of a policy set against a schema. Warnings (e.g. "impossible policy") are
 * kept as warnings; cedar-wasm 4.13 demoted some former errors to warnings.
 */
export function validateStrict(schema: CedarSchemaInput, policies: PolicyTexts, schemaSource?: CedarSource): Diagnostic[] {
  let answer: CedarWasm.ValidationAnswer;
  try {
    answer = cedar().validate({ schema, policies: { staticPolicies: policies.texts }, validationSettings: { mode: 'strict' } });
  } catch (e) {
    return [
      { code: 'cedar_internal', severity: 'error', message: `cedar-wasm failed: ${String(e)}`, help: 'report this as a keycard bug' },
    ];
  }
  if (answer.type === 'failure') return answer.errors.map((e) => parseFailure(e, policies, schemaSource));
  const out: Diagnostic[] = [];
  for (const v of answer.validationErrors) {
    out.push(
      toDiagnostic(v.error, 'cedar_validation', policies.sources?.[v.policyId], {
        help: 'fix the policy so that it type-checks against the schema',
      }),
    );
  }
  for (const v of answer.validationWarnings) {
    out.push(
      toDiagnostic(v.error, 'cedar_validation_warning', policies.sources?.[v.policyId], {
        severity: 'warning',
        help: 'check the policy scope against the schema',
      }),
    );
  }
  for (const w of answer.otherWarnings) out.push(toDiagnostic(w, 'cedar_warning', undefined, { severity: 'warning' }));
  return out;
}

/** A parse failure names the policy (`policy with id `x``) or is about the schema. */
function parseFailure(e: CedarWasm.DetailedError, policies: PolicyTexts, schemaSource?: CedarSource): Diagnostic {
  const id = /policy with id `([^`]*)`/.exec(e.message)?.[1];
  if (id !== undefined) {
    const d = toDiagnostic(e, 'cedar_syntax', policies.sources?.[id], { help: 'fix the Cedar syntax at this position' });
    d.message = d.message.replace(/^failed to parse policy with id `[^`]*` from string: /, 'Cedar syntax error: ');
    return d;
  }
  return toDiagnostic(e, 'cedar_schema', schemaSource, { help: 'fix the Cedar schema' });
}

/** Parse check of a schema (Cedar or JSON syntax). */
export function checkSchema(schema: CedarSchemaInput, src?: CedarSource): Diagnostic[] {
  try {
    const r = cedar().checkParseSchema(schema);
    return r.type === 'success' ? [] : r.errors.map((e) => toDiagnostic(e, 'cedar_schema', src, { help: 'fix the Cedar schema' }));
  } catch (e) {
    return [
      { code: 'cedar_schema', severity: 'error', message: `cannot read the Cedar schema: ${String(e)}`, help: 'fix the Cedar schema' },
    ];
  }
}

// ---------------------------------------------------------------------------------------------
// Authorization with pre-parsed sets

const preparsedSets = new Set<string>();
const preparsedSchemas = new Set<string>();

function hashOf(value: unknown): string {
  return createHash('sha256')
    .update(typeof value === 'string' ? value : JSON.stringify(value))
    .digest('hex')
    .slice(0, 32);
}

/** Pre-parses a policy set once per content; returns its cache id, or parse errors. */
export function preparePolicySet(policies: PolicyTexts): { id: string } | { errors: Diagnostic[] } {
  const id = `ps:${hashOf(Object.entries(policies.texts))}`;
  if (preparsedSets.has(id)) return { id };
  try {
    const r = cedar().preparsePolicySet(id, { staticPolicies: policies.texts });
    if (r.type === 'failure') return { errors: r.errors.map((e) => parseFailure(e, policies)) };
  } catch (e) {
    return {
      errors: [
        { code: 'cedar_internal', severity: 'error', message: `cedar-wasm failed: ${String(e)}`, help: 'report this as a keycard bug' },
      ],
    };
  }
  preparsedSets.add(id);
  return { id };
}

/** Pre-parses a schema once per content; returns its cache name. */
export function prepareSchema(schema: CedarSchemaInput): { name: string } | { errors: Diagnostic[] } {
  const name = `schema:${hashOf(schema)}`;
  if (preparsedSchemas.has(name)) return { name };
  try {
    const r = cedar().preparseSchema(name, schema);
    if (r.type === 'failure')
      return { errors: r.errors.map((e) => toDiagnostic(e, 'cedar_schema', undefined, { help: 'fix the Cedar schema' })) };
  } catch (e) {
    return {
      errors: [
        { code: 'cedar_internal', severity: 'error', message: `cedar-wasm failed: ${String(e)}`, help: 'report this as a keycard bug' },
      ],
    };
  }
  preparsedSchemas.add(name);
  return { name };
}

export interface CedarRequest {
  principal: CedarUid;
  action: CedarUid;
  resource: CedarUid;
  context: Record<string, CedarValue>;
  /** Only the entities this request needs: each one costs ≈40 µs to convert. */
  entities: CedarEntity[];
}

export interface CedarAnswer {
  decision: 'allow' | 'deny';
  /** Determining policy ids: satisfied permits on allow, satisfied forbids on deny. */
  reasons: string[];
  /** Policies that errored during evaluation (Cedar skips them). */
  errors: { policyId: string; message: string }[];
}

/** One decision against a pre-parsed set. A failed call (bad request or entities) is an error result. */
export function authorizePrepared(setId: string, request: CedarRequest, schemaName?: string): CedarAnswer | { failure: string[] } {
  let r: CedarWasm.AuthorizationAnswer;
  try {
    r = cedar().statefulIsAuthorized({
      ...request,
      preparsedPolicySetId: setId,
      ...(schemaName ? { preparsedSchemaName: schemaName, validateRequest: true } : { validateRequest: false }),
    });
  } catch (e) {
    return { failure: [String(e)] };
  }
  if (r.type === 'failure') return { failure: r.errors.map((e) => tidy(e.message)) };
  return {
    decision: r.response.decision,
    reasons: [...r.response.diagnostics.reason].sort(),
    errors: r.response.diagnostics.errors.map((e) => ({ policyId: e.policyId, message: tidy(e.error.message) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Text helpers shared by the translator and the app loader

/** A Cedar string literal. */
export function cedarString(s: string): string {
  return `"${escapeCedar(s)}"`;
}

/** A `like` pattern literal: `*` is the wildcard, every literal `*` in `parts` is escaped. */
export function cedarPattern(parts: readonly (string | typeof WILDCARD)[]): string {
  return `"${parts.map((p) => (p === WILDCARD ? '*' : escapeCedar(p).replace(/\*/g, '\\*'))).join('')}"`;
}

export const WILDCARD = Symbol('wildcard');

/** Cedar escapes: `\\`, `\"`, `\n`..., and `\u{..}` for other control and separator characters. */
function escapeCedar(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
  return s.replace(/[\\"\u0000-\u001f\u007f\u2028\u2029]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u{${c.charCodeAt(0).toString(16)}}`;
    }
  });
}
