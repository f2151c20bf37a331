/**
 * Tiny builders for Cedar boolean expressions as text, folding constants so output stays
 * readable. Parts are comparisons, negations or results of and/or, which wrap themselves in
 * parentheses, so no part ever needs re-scanning (policies can hold long action lists).
 */

export const TRUE = 'true';
export const FALSE = 'false';

export function or(parts: readonly string[]): string {
  const kept = parts.filter((p) => p !== FALSE);
  if (kept.includes(TRUE)) return TRUE;
  if (kept.length === 0) return FALSE;
  return kept.length === 1 ? kept[0]! : `(${kept.join(' || ')})`;
}

export function and(parts: readonly string[]): string {
  const kept = parts.filter((p) => p !== TRUE);
  if (kept.includes(FALSE)) return FALSE;
  if (kept.length === 0) return TRUE;
  return kept.length === 1 ? kept[0]! : `(${kept.join(' && ')})`;
}

export function not(e: string): string {
  if (e === TRUE) return FALSE;
  if (e === FALSE) return TRUE;
  return /^[\w.]+$/.test(e) ? `!${e}` : `!(${e})`;
}
