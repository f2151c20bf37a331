/** Walks the string leaves of a parsed JSON/YAML value with their paths. */
import type { PathKey } from '../diagnostics/diagnostic.js';

/**
 * `visit` gets the path as one list that the walk changes as it goes (no list per leaf): copy it
 * to keep it.
 */
export function walkStrings(value: unknown, path: PathKey[], visit: (text: string, path: readonly PathKey[]) => void): void {
  const at = [...path];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') visit(v, at);
    else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        at.push(i);
        walk(v[i]);
        at.pop();
      }
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        at.push(k);
        walk((v as Record<string, unknown>)[k]);
        at.pop();
      }
    }
  };
  walk(value);
}

/** The statements of a policy document as written, with their paths (one object or a list). */
export function rawStatements(json: unknown): { statement: Record<string, unknown>; path: PathKey[] }[] {
  const raw = json && typeof json === 'object' ? (json as Record<string, unknown>).Statement : undefined;
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (Array.isArray(raw)) return raw.flatMap((s, i) => (isObj(s) ? [{ statement: s, path: ['Statement', i] }] : []));
  return isObj(raw) ? [{ statement: raw, path: ['Statement'] }] : [];
}

/** An entry of an element; its path is made when read (most entries are never reported). */
class ElementEntry {
  constructor(
    readonly text: string,
    private readonly base: readonly PathKey[],
    private readonly key: string,
    /** -1: the element is the string itself, not a list. */
    private readonly index: number,
  ) {}

  get path(): PathKey[] {
    return this.index < 0 ? [...this.base, this.key] : [...this.base, this.key, this.index];
  }
}

/** The entries of an element that may be a string or a list, with their paths (`path` is not changed). */
export function elementEntries(
  statement: Record<string, unknown>,
  key: string,
  path: readonly PathKey[],
): { text: string; path: PathKey[] }[] {
  const v = statement[key];
  if (typeof v === 'string') return [new ElementEntry(v, path, key, -1)];
  if (!Array.isArray(v)) return [];
  const out: ElementEntry[] = [];
  for (let i = 0; i < v.length; i++) if (typeof v[i] === 'string') out.push(new ElementEntry(v[i] as string, path, key, i));
  return out;
}
