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
 *
 * An object seen for the first time is used as it is (`firstTime`): most callers pass a document
 * once, and copying it costs more than compiling it. Only an object passed again is copied and cached.
 */
import type { PolicyDocument } from '../model/types.js';
import { compilePolicy } from './compile.js';
import { prepareRequest } from './request.js';
import type { CompiledPolicy, PolicyKind, PreparedRequest, Request } from './types.js';

/** The keys of a copied object, in order, kept on the copy (symbols are invisible to JSON and key listings). */
const KEYS = Symbol('keys');
type Copied = Record<string, unknown> & { [KEYS]: string[] };

/**
 * A copy made of plain objects, arrays and primitives, each copied object remembering its keys;
 * undefined when the value holds anything else. The compiled policy reads the copy, and
 * `sameJson` compares the caller's object against it.
 */
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
  const keys = Object.keys(v);
  const out = {} as Copied;
  for (const key of keys) {
    const c = copyJson((v as Record<string, unknown>)[key], depth + 1);
    if (c === undefined) return undefined;
    out[key] = c.value;
  }
  out[KEYS] = keys;
  return { value: out };
}

/** The caller's value `a` still equals the copy `s`: same keys in the same order, same values. */
function sameJson(a: unknown, s: unknown): boolean {
  if (a === s) return true;
  if (typeof a !== 'object' || a === null || typeof s !== 'object' || s === null) return false;
  if (Array.isArray(s)) {
    if (!Array.isArray(a) || a.length !== s.length) return false;
    for (let i = 0; i < s.length; i++) if (!sameJson(a[i], s[i])) return false;
    return true;
  }
  if (Array.isArray(a) || Object.getPrototypeOf(a) !== Object.prototype) return false;
  const x = a as Record<string, unknown>;
  const y = s as Copied;
  const keys = y[KEYS];
  let n = 0;
  for (const key in x) {
    if (keys[n] !== key || !Object.hasOwn(x, key) || !sameJson(x[key], y[key])) return false;
    n++;
  }
  return n === keys.length;
}

interface PolicyEntry {
  copy: unknown;
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
        if (sameJson(json, e.copy)) return e.compiled;
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
  list.push({ copy: copied.value, kind, doc, compiled });
  if (entries === undefined) policies.set(json, list);
  return compiled;
}

const requests = new WeakMap<object, { copy: unknown; prepared: PreparedRequest }>();

/** `prepareRequest`, reusing the result for the same request object while it is unchanged. */
export function prepareRequestReused(request: Request): PreparedRequest {
  const e = requests.get(request);
  if (e !== undefined && sameJson(request, e.copy)) return e.prepared;
  const copied = copyJson(request);
  if (copied === undefined) return prepareRequest(request);
  const prepared = prepareRequest(copied.value as Request);
  requests.set(request, { copy: copied.value, prepared });
  return prepared;
}

const seen = new WeakSet<object>();

/** True the first time an object is passed here (and for non-objects): use it as it is, uncached. */
export function firstTime(o: unknown): boolean {
  if (typeof o !== 'object' || o === null) return true;
  if (seen.has(o)) return false;
  seen.add(o);
  return true;
}
