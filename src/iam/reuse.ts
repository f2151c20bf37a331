/**
 * Reuse for the one-shot `authorize(doc)`: a policy compiled before is not compiled again, whether
 * it is passed again as the same object or arrives as a new object with the same text (a Lambda or
 * a test harness builds new objects for every call).
 *
 * The rule: an entry is found by the policy's JSON text together with how it is compiled (kind,
 * name, file, size rule, locator), and is reused only while the caller's object equals, value for
 * value and key for key in the same order, the private copy taken when it was compiled. A document
 * mutated in place, or a value that only prints like the cached one (a Date, a String object, an
 * undefined member, -0), compiles again; it never gets another document's result. The compiled
 * policy is built from that private copy, never from the caller's object, so the explanation (built
 * later, when it is read) describes the document as it was when `authorize` ran, whatever the caller
 * does afterwards. Values that are not plain JSON are compiled as they are, uncached, at once.
 * The request is prepared from a copy of its fields, for the same reason.
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
  if (a === s) return a !== 0 || Object.is(a, s); // 0 and -0 print alike
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
  doc: PolicyDocument;
  compiled: CompiledPolicy;
}

/** Compiled policies by text, per locator (the library's documents share one). */
const byText = new WeakMap<object, Map<string, PolicyEntry>>();
const MAX_BY_TEXT = 512;

function sameSource(a: PolicyDocument, b: PolicyDocument): boolean {
  return a.name === b.name && a.file === b.file && a.locate === b.locate && (a.customerManaged === true) === (b.customerManaged === true);
}

/** Compiles the caller's own object, every statement at once (nothing of it is read later). */
function compileNow(doc: PolicyDocument, kind: PolicyKind): CompiledPolicy {
  const compiled = compilePolicy(doc, { kind });
  void compiled.statements;
  return compiled;
}

/** `compilePolicy`, reusing the result for a document of the same text while the caller's object equals it. */
export function compilePolicyReused(doc: PolicyDocument, kind: PolicyKind): CompiledPolicy {
  const json = doc.json;
  if (typeof json !== 'object' || json === null) return compilePolicy(doc, { kind });
  let key: string;
  try {
    key = JSON.stringify([kind, doc.name, doc.file, doc.customerManaged === true, json]);
  } catch {
    return compileNow(doc, kind); // a cycle, a BigInt
  }
  let texts = byText.get(doc.locate);
  let e = texts?.get(key);
  if (e === undefined || !sameSource(e.doc, doc) || !sameJson(json, e.copy)) {
    const copied = copyJson(json);
    if (copied === undefined) return compileNow(doc, kind);
    // The compiled policy reads only the copy (statements compile lazily from it; nothing writes to it).
    const own = { ...doc, json: copied.value };
    e = { copy: copied.value, doc: own, compiled: compilePolicy(own, { kind }) };
    if (texts === undefined) byText.set(doc.locate, (texts = new Map()));
    else if (texts.size >= MAX_BY_TEXT) texts.clear(); // a caller with that many policies compiles them again, once
    texts.set(key, e);
  }
  return e.compiled;
}

/** The request's fields, copied (the prepared request keeps its request, and the explanation, built later, reads it). */
function ownFields(request: Request): Request {
  const own: Request = { principal: request.principal, action: request.action, resource: request.resource };
  if (request.resourceAccount !== undefined) own.resourceAccount = request.resourceAccount;
  if (request.context !== undefined) own.context = { ...request.context };
  return own;
}

/** `prepareRequest` on a copy of the request's fields, so that changing the caller's object later changes nothing. */
export function prepareRequestOwn(request: Request): PreparedRequest {
  return prepareRequest(ownFields(request));
}
