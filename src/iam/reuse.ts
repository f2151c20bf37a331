/**
 * Reuse for the one-shot `authorize(doc)`: a policy document object (its `json`) or a request
 * object passed again is not compiled or prepared again.
 *
 * The rule: an entry is keyed by the object (a WeakMap, so it dies with the object) and is reused
 * only while the object still equals, value for value and key for key in the same order, the
 * private copy taken when it was compiled. A document mutated in place therefore compiles again;
 * it never gets the old result. The compiled policy and the prepared request are built from that
 * private copy, never from the caller's object, so the explanation (built later, when it is read)
 * describes the document as it was when `authorize` ran, whatever the caller does afterwards.
 * Values that are not plain JSON (a Date, a Map, a class instance) are not cached.
 */
import type { PolicyDocument } from '../model/types.js';
import { compilePolicy } from './compile.js';
import { prepareRequest } from './request.js';
import type { CompiledPolicy, PolicyKind, PreparedRequest, Request } from './types.js';

/** A copy made of plain objects, arrays and primitives; undefined when the value holds anything else. */
function copyJson(v: unknown, depth = 0): { value: unknown } | undefined {
  if (typeof v !== 'object' || v === null) return typeof v === 'function' || typeof v === 'symbol' ? undefined : { value: v };
  if (depth > 64) return undefined;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const c = copyJson(v[i], depth + 1);
      if (c === undefined) return undefined;
      out[i] = c.value;
    }
    return { value: out };
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) {
    const c = copyJson((v as Record<string, unknown>)[key], depth + 1);
    if (c === undefined) return undefined;
    out[key] = c.value;
  }
  return { value: out };
}

/** A plain object as remembered: its keys in order and their values (compared without allocating). */
class Shape {
  constructor(
    readonly keys: string[],
    readonly values: unknown[],
  ) {}
}

/** What `sameJson` compares against: a JSON value with its objects as Shapes. */
function shapeOf(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(shapeOf);
  const keys = Object.keys(v);
  return new Shape(
    keys,
    keys.map((k) => shapeOf((v as Record<string, unknown>)[k])),
  );
}

/** The caller's value `a` still equals the remembered `s`: same keys in the same order, same values. */
function sameJson(a: unknown, s: unknown): boolean {
  if (a === s) return true;
  if (typeof a !== 'object' || a === null || typeof s !== 'object' || s === null) return false;
  if (s instanceof Shape) {
    if (Array.isArray(a) || Object.getPrototypeOf(a) !== Object.prototype) return false;
    const x = a as Record<string, unknown>;
    let n = 0;
    for (const key in x) {
      if (s.keys[n] !== key || !Object.hasOwn(x, key) || !sameJson(x[key], s.values[n])) return false;
      n++;
    }
    return n === s.keys.length;
  }
  const list = s as unknown[];
  if (!Array.isArray(a) || a.length !== list.length) return false;
  for (let i = 0; i < list.length; i++) if (!sameJson(a[i], list[i])) return false;
  return true;
}

interface PolicyEntry {
  shape: unknown;
  kind: PolicyKind;
  doc: PolicyDocument;
  compiled: CompiledPolicy;
}

const policies = new WeakMap<object, PolicyEntry[]>();
/** Entries per document object (one per kind and name it was compiled under). */
const MAX_ENTRIES = 4;

function sameSource(a: PolicyDocument, b: PolicyDocument): boolean {
  return a.name === b.name && a.file === b.file && a.locate === b.locate && (a.customerManaged === true) === (b.customerManaged === true);
}

/** `compilePolicy`, reusing the result for the same document object while it is unchanged. */
export function compilePolicyReused(doc: PolicyDocument, kind: PolicyKind): CompiledPolicy {
  const json = doc.json;
  if (typeof json !== 'object' || json === null) return compilePolicy(doc, { kind });
  const entries = policies.get(json);
  if (entries !== undefined) {
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.kind === kind && sameSource(e.doc, doc)) {
        if (sameJson(json, e.shape)) return e.compiled;
        entries.splice(i, 1); // mutated since: compile again
        break;
      }
    }
  }
  const copied = copyJson(json);
  if (copied === undefined) return compilePolicy(doc, { kind });
  // The compiled policy reads only the copy (statements compile lazily from it; nothing writes to it).
  const compiled = compilePolicy({ ...doc, json: copied.value }, { kind });
  const list = entries ?? [];
  if (list.length >= MAX_ENTRIES) list.shift();
  list.push({ shape: shapeOf(copied.value), kind, doc, compiled });
  if (entries === undefined) policies.set(json, list);
  return compiled;
}

const requests = new WeakMap<object, { shape: unknown; prepared: PreparedRequest }>();

/** `prepareRequest`, reusing the result for the same request object while it is unchanged. */
export function prepareRequestReused(request: Request): PreparedRequest {
  const e = requests.get(request);
  if (e !== undefined && sameJson(request, e.shape)) return e.prepared;
  const copied = copyJson(request);
  if (copied === undefined) return prepareRequest(request);
  const prepared = prepareRequest(copied.value as Request);
  requests.set(request, { shape: shapeOf(copied.value), prepared });
  return prepared;
}
