/** Scrolling: which slice of a long list to show so that the cursor stays visible. */
export interface ListWindow {
  start: number;
  end: number;
  /** Rows hidden above and below (for ▲/▼ indicators). */
  above: number;
  below: number;
}

/** Keeps `cursor` roughly centred; `size` rows are shown. */
export function listWindow(total: number, cursor: number, size: number): ListWindow {
  const rows = Math.max(1, size);
  if (total <= rows) return { start: 0, end: total, above: 0, below: 0 };
  const c = Math.min(Math.max(cursor, 0), total - 1);
  const start = Math.min(Math.max(0, c - Math.floor(rows / 2)), total - rows);
  const end = start + rows;
  return { start, end, above: start, below: total - end };
}

export function clamp(n: number, count: number): number {
  return count <= 0 ? 0 : Math.min(Math.max(n, 0), count - 1);
}

/** Moves by `delta`, wrapping around at both ends (Gemini/Shopify lists wrap). */
export function wrap(n: number, delta: number, count: number): number {
  if (count <= 0) return 0;
  return (((n + delta) % count) + count) % count;
}
