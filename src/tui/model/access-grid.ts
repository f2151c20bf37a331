/**
 * The S3 access map as a grid: actions (grouped by access level) × resources, each cell one of
 * allow / conditional / explicit deny / implicit deny, or empty where the action does not apply.
 */
import { ACCESS_LEVELS, type AccessEntry, type AccessMap, type AccessTarget } from '../../access/types.js';

export type CellState = 'allow' | 'conditional' | 'explicitDeny' | 'implicitDeny' | 'unknown' | 'none';

interface GridRow {
  action: string;
  level: AccessEntry['level'];
  /** One per column; undefined where the action does not apply to the resource. */
  cells: (AccessEntry | undefined)[];
  /** Some cell is allowed, conditional or explicitly denied. */
  notable: boolean;
}

export interface AccessGrid {
  columns: AccessTarget[];
  rows: GridRow[];
  /** Rows before the filter and the "only notable" switch. */
  total: number;
}

export function cellState(e: AccessEntry | undefined): CellState {
  if (!e) return 'none';
  if (e.decision === 'Allow') return e.conditional ? 'conditional' : 'allow';
  if (e.decision === 'Unknown') return 'unknown'; // depends on an unresolved value: never Allow or Deny
  return e.decision === 'ExplicitDeny' ? 'explicitDeny' : 'implicitDeny';
}

export const STATE_WORDS: Record<CellState, string> = {
  allow: 'allow',
  conditional: 'conditional allow',
  explicitDeny: 'explicit deny',
  implicitDeny: 'implicit deny',
  unknown: 'unknown',
  none: 'does not apply',
};

export function cellKey(action: string, arn: string): string {
  return `${action} ${arn}`;
}

// Building the rows is linear in the entries; the map object is reused while the session is, so memoise.
const built = new WeakMap<AccessMap, { columns: AccessTarget[]; rows: GridRow[] }>();

function allRows(map: AccessMap): { columns: AccessTarget[]; rows: GridRow[] } {
  const hit = built.get(map);
  if (hit) return hit;
  const used = new Set(map.entries.map((e) => e.target.arn));
  const columns = map.targets.filter((t) => used.has(t.arn));
  const col = new Map(columns.map((t, i) => [t.arn, i]));
  const byAction = new Map<string, GridRow>();
  for (const e of map.entries) {
    let row = byAction.get(e.action);
    if (!row)
      byAction.set(
        e.action,
        (row = {
          action: e.action,
          level: e.level,
          cells: new Array<AccessEntry | undefined>(columns.length).fill(undefined),
          notable: false,
        }),
      );
    row.cells[col.get(e.target.arn)!] = e;
    if (e.decision !== 'ImplicitDeny') row.notable = true;
  }
  const rows = [...byAction.values()].sort(
    (a, b) => ACCESS_LEVELS.indexOf(a.level) - ACCESS_LEVELS.indexOf(b.level) || a.action.localeCompare(b.action),
  );
  const out = { columns, rows };
  built.set(map, out);
  return out;
}

/** Words a filter can match in a row: the action, its level, and the states of its cells. */
function rowWords(r: GridRow, cols: readonly number[]): string {
  const states = new Set(
    cols
      .map((i) => cellState(r.cells[i]))
      .filter((s) => s !== 'none')
      .map((s) => STATE_WORDS[s]),
  );
  return `${r.action} ${r.level} ${[...states].join(' ')}`.toLowerCase();
}

/**
 * Filters the grid. A term that occurs in some resource's label (`public`, `another`) keeps only
 * those resources; every other term must occur in the row (action, access level, or a state such
 * as `allow`, `explicit`, `conditional`). So `delete another` answers "may I delete other users'
 * files?". With `onlyNotable` and no filter, rows that are implicitly denied everywhere are hidden
 * (most of S3's ~180 actions, for most users).
 */
export function accessGrid(map: AccessMap, filter: string, onlyNotable: boolean): AccessGrid {
  const all = allRows(map);
  const terms = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const labels = all.columns.map((c) => c.label.toLowerCase());
  const columnTerms = terms.filter((t) => labels.some((l) => l.includes(t)));
  const rowTerms = terms.filter((t) => !columnTerms.includes(t));
  const cols = all.columns.map((_, i) => i).filter((i) => columnTerms.every((t) => labels[i]!.includes(t)));
  const narrowed = cols.length < all.columns.length;
  const rows: GridRow[] = [];
  for (const r of all.rows) {
    const cells = narrowed ? cols.map((i) => r.cells[i]) : r.cells;
    if (narrowed && cells.every((c) => c === undefined)) continue;
    const notable = cells.some((c) => c !== undefined && c.decision !== 'ImplicitDeny');
    if (onlyNotable && !terms.length && !notable) continue;
    if (!rowTerms.every((t) => rowWords(r, cols).includes(t))) continue;
    rows.push(narrowed ? { ...r, cells, notable } : r);
  }
  return withoutEmptyColumns({ columns: narrowed ? cols.map((i) => all.columns[i]!) : all.columns, rows, total: all.rows.length });
}

/** Drops the resources that no shown row applies to (they would be columns of "n/a"). */
function withoutEmptyColumns(g: AccessGrid): AccessGrid {
  const keep = g.columns.map((_, j) => j).filter((j) => g.rows.some((r) => r.cells[j] !== undefined));
  if (keep.length === g.columns.length) return g;
  return { ...g, columns: keep.map((j) => g.columns[j]!), rows: g.rows.map((r) => ({ ...r, cells: keep.map((j) => r.cells[j]) })) };
}

/** The letter that names column `i` in the grid and its legend. */
const COLUMN_NAMES = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
export function columnName(i: number): string {
  return COLUMN_NAMES[i % COLUMN_NAMES.length]!;
}

/**
 * The legend under the grid: each shown column's letter and resource (bucket and prefix), as
 * `keycard access` lists them, wrapped into at most `maxLines` lines of `width`.
 */
export function columnLegend(columns: readonly AccessTarget[], first: number, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < columns.length; i++) {
    const item = `${columnName(first + i)} ${columns[i]!.label}`;
    const next = line ? `${line}  ${item}` : item;
    if (next.length <= width || !line) {
      line = next;
      continue;
    }
    lines.push(line);
    line = item;
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && line) lines.push(line);
  else if (line) lines[lines.length - 1] = `${lines[lines.length - 1]!.slice(0, Math.max(0, width - 2))} …`;
  return lines.map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
}
