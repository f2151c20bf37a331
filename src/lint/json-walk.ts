/** Walks the string leaves of a parsed JSON/YAML value with their paths. */
import type { PathKey } from '../diagnostics/diagnostic.js';

export function walkStrings(value: unknown, path: PathKey[], visit: (text: string, path: PathKey[]) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, [...path, i], visit));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walkStrings(v, [...path, k], visit);
}

/** The statements of a policy document as written, with their paths (one object or a list). */
export function rawStatements(json: unknown): { statement: Record<string, unknown>; path: PathKey[] }[] {
  const raw = json && typeof json === 'object' ? (json as Record<string, unknown>).Statement : undefined;
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (Array.isArray(raw)) return raw.flatMap((s, i) => (isObj(s) ? [{ statement: s, path: ['Statement', i] }] : []));
  return isObj(raw) ? [{ statement: raw, path: ['Statement'] }] : [];
}

/** The entries of an element that may be a string or a list, with their paths. */
export function elementEntries(statement: Record<string, unknown>, key: string, path: PathKey[]): { text: string; path: PathKey[] }[] {
  const v = statement[key];
  if (typeof v === 'string') return [{ text: v, path: [...path, key] }];
  if (Array.isArray(v)) return v.flatMap((x, i) => (typeof x === 'string' ? [{ text: x, path: [...path, key, i] }] : []));
  return [];
}
