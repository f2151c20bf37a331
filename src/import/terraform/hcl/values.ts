/**
 * Terraform values as keycard carries them: JSON values (string, number, bool, null, list, object),
 * where a value no file gives is a string holding an unresolved marker (model/unresolved.ts). An
 * operation whose result depends on such a value gives the markers of its operands, so the
 * decision it feeds is unknown, never a guess.
 */
import { unresolvedMarker, unresolvedNamesIn } from '../../../model/unresolved.js';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The unresolved names anywhere in the values. */
export function unknownNames(...values: unknown[]): string[] {
  const names = new Set<string>();
  for (const v of values) unresolvedNamesIn(v, names);
  return [...names];
}

/** A value standing for "unknown because of these names". */
export function unknownOf(names: readonly string[]): string {
  return names.map(unresolvedMarker).join('');
}

/** A string that is nothing but unresolved markers (an unknown value of any type). */
export function isWhollyUnknown(v: unknown): v is string {
  return typeof v === 'string' && v !== '' && unknownNames(v).length > 0 && v === unknownOf(unknownNames(v));
}

/** Terraform's conversion to string (templates, string arguments). */
export function toStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) throw new TypeError('a null value cannot be used in a string');
  throw new TypeError(`a ${Array.isArray(v) ? 'list' : 'object'} cannot be used as a string`);
}

/** Terraform's conversion to bool: `true`, `false`, `"true"`, `"false"`; an unknown stays unknown. */
export function toBool(v: unknown): boolean | string {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  if (isWhollyUnknown(v)) return v;
  throw new TypeError(`a bool is required, not ${describe(v)}`);
}

export function toNum(v: unknown): number | string {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  if (isWhollyUnknown(v)) return v;
  throw new TypeError(`a number is required, not ${describe(v)}`);
}

export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** Terraform's `==`: same type and same value, collections compared deeply. */
export function tfEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return a === b || (a ?? null) === (b ?? null);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => tfEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && tfEqual(a[k], b[k]));
  }
  return false;
}

/** Elements of a list, set, tuple or the values of a map/object, in Terraform's order (maps by key). */
export function elementsOf(v: unknown): { key: unknown; value: unknown }[] {
  if (Array.isArray(v)) return v.map((value, key) => ({ key, value }));
  if (isObj(v))
    return Object.keys(v)
      .sort()
      .map((key) => ({ key, value: v[key] }));
  throw new TypeError(`a collection is required, not ${describe(v)}`);
}
