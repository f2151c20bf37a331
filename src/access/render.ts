/**
 * The access map for people: resources numbered once, then one row per action that is allowed,
 * conditional or explicitly denied somewhere, grouped by access level, one column per resource.
 * Actions denied everywhere are counted, not listed.
 */
import { paint, type Style } from '../text/color.js';
import { rowsOf } from './map.js';
import type { AccessCell, AccessMap, AccessRow, AccessTarget } from './types.js';
import { ACCESS_LEVELS } from './types.js';

export const MARKS = { allow: '✓', conditional: '~', explicitDeny: '✗', implicitDeny: '·', unknown: '?', none: ' ' } as const;
const STYLE: Record<keyof typeof MARKS, Style> = {
  allow: 'green',
  conditional: 'yellow',
  explicitDeny: 'red',
  implicitDeny: 'dim',
  unknown: 'yellow',
  none: 'dim',
};

export function markOf(e: AccessCell | undefined): keyof typeof MARKS {
  if (!e) return 'none';
  if (e.conditional) return 'conditional';
  if (e.decision === 'Allow') return 'allow';
  if (e.decision === 'ExplicitDeny') return 'explicitDeny';
  if (e.decision === 'Unknown') return 'unknown'; // never shown as Allow or Deny
  return 'implicitDeny';
}

export interface RenderAccessOptions {
  color?: boolean;
  /** Also list actions that are denied everywhere. */
  all?: boolean;
  /** Only actions or resources containing this text. */
  filter?: string;
}

export function renderAccessMap(map: AccessMap, opts: RenderAccessOptions = {}): string {
  const color = opts.color ?? false;
  const needle = opts.filter?.toLowerCase();
  const interesting = (e: AccessCell) => opts.all || e.decision === 'Allow' || e.decision === 'ExplicitDeny' || e.decision === 'Unknown';
  // Rows, not entries: a large map has hundreds of thousands of cells and a few hundred answers.
  const rows: Row[] = [];
  for (const row of rowsOf(map)) {
    const matches = needle !== undefined && !row.action.toLowerCase().includes(needle);
    const at: number[] = [];
    for (let i = 0; i < row.targets.length; i++) if (!matches || row.targets[i]!.label.toLowerCase().includes(needle!)) at.push(i);
    if (at.length) rows.push({ row, at });
  }
  const cellAt = (r: Row, i: number) => r.row.cells[r.row.cellOf[i]!]!;
  const shownActions = rows.filter((r) => r.at.some((i) => interesting(cellAt(r, i))));
  const usedTargets = new Set<AccessTarget>();
  for (const r of shownActions)
    for (const i of r.at) {
      const e = cellAt(r, i);
      if (e.decision === 'Allow' || e.decision === 'ExplicitDeny' || e.decision === 'Unknown' || opts.all)
        usedTargets.add(r.row.targets[i]!);
    }
  const columns = map.targets.filter((t) => usedTargets.has(t) && t.kind !== 'other');
  const others = map.targets.filter((t) => usedTargets.has(t) && t.kind === 'other');

  const lines: string[] = [];
  lines.push(`S3 access of ${paint(map.role.split('/').pop() ?? map.role, 'bold', color)} for identity ${map.identityId}`);
  lines.push(`  session ${map.sessionArn}`);
  lines.push('');
  if (shownActions.length === 0) {
    lines.push(needle ? `No action matching \`${opts.filter}\` is allowed.` : 'This session may do nothing in S3.');
    return lines.join('\n');
  }
  lines.push('Resources');
  columns.forEach((t, i) => lines.push(`  [${i + 1}] ${t.label}`));
  const width = Math.max(...shownActions.map((r) => r.row.action.length), 10);
  const header = ' '.repeat(width + 4) + columns.map((_, i) => String(i + 1).padEnd(3)).join('');
  const notes: string[] = [];
  for (const level of ACCESS_LEVELS) {
    const levelRows = shownActions.filter((r) => r.row.level === level);
    if (levelRows.length === 0) continue;
    lines.push('', `${paint(level, 'bold', color)}${level === ACCESS_LEVELS[0] ? '' : ''}`, header);
    for (const r of levelRows) {
      const action = r.row.action;
      const byTarget = new Map(r.at.map((i) => [r.row.targets[i]!, cellAt(r, i)])); // not a search per cell: maps have thousands of columns
      const cells = columns.map((t, i) => {
        const e = byTarget.get(t);
        const m = markOf(e);
        if (e?.conditional) notes.push(`${action} on [${i + 1}]: only if ${witnessText(e, map.identityId)}`);
        return paint(MARKS[m], STYLE[m], color) + '  ';
      });
      const other = r.at
        .filter((i) => r.row.targets[i]!.kind === 'other' && interesting(cellAt(r, i)))
        .map((i) => `${MARKS[markOf(cellAt(r, i))]} ${r.row.targets[i]!.resourceType}`);
      lines.push(`  ${action.padEnd(width + 2)}${cells.join('')}${other.length ? ` ${other.join(', ')}` : ''}`);
    }
  }
  if (others.length) lines.push('', `Other resource types are shown by name; their example ARNs are in --format json.`);
  lines.push(
    '',
    `${MARKS.allow} allowed   ${MARKS.conditional} allowed only under a condition   ${MARKS.explicitDeny} explicitly denied   ${MARKS.implicitDeny} not allowed${map.counts.unknown ? `   ${MARKS.unknown} unknown (depends on an unresolved value)` : ''}`,
  );
  if (notes.length) {
    lines.push('', 'Conditions');
    for (const n of notes) lines.push(`  ${n}`);
  }
  const hidden = rows.length - shownActions.length;
  if (hidden > 0) lines.push('', `${hidden} other S3 actions are not allowed on any of these resources (--all lists them).`);
  const c = map.counts;
  lines.push(
    '',
    `${c.allow} allowed, ${c.conditional} conditional, ${c.explicitDeny} explicitly denied, ${c.implicitDeny} not allowed${c.unknown ? `, ${c.unknown} unknown` : ''} (action × resource)`,
  );
  return lines.join('\n');
}

/** A row of the map and the indexes of its targets that pass the filter. */
interface Row {
  row: AccessRow;
  at: number[];
}

function witnessText(e: AccessCell, identityId: string): string {
  const w = Object.entries(e.witness ?? {})
    .map(([k, v]) => `${k} = \`${Array.isArray(v) ? v.join(',') : v}\``)
    .join(' and ');
  const conds = e.conditions.length ? ` (${e.conditions.join('; ')})` : '';
  return `the request carries ${w}${conds}`.split(identityId).join('<you>');
}
