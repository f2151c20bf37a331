/**
 * The access map for people: resources numbered once, then one row per action that is allowed,
 * conditional or explicitly denied somewhere, grouped by access level, one column per resource.
 * Actions denied everywhere are counted, not listed.
 */
import { paint, type Style } from '../text/color.js';
import type { AccessEntry, AccessMap, AccessTarget } from './types.js';
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

export function markOf(e: AccessEntry | undefined): keyof typeof MARKS {
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
  const interesting = (e: AccessEntry) => opts.all || e.decision === 'Allow' || e.decision === 'ExplicitDeny' || e.decision === 'Unknown';
  const byAction = new Map<string, AccessEntry[]>();
  for (const e of map.entries) {
    if (needle && !e.action.toLowerCase().includes(needle) && !e.target.label.toLowerCase().includes(needle)) continue;
    const list = byAction.get(e.action) ?? [];
    list.push(e);
    byAction.set(e.action, list);
  }
  const shownActions = [...byAction].filter(([, es]) => es.some(interesting));
  const usedTargets = new Set<AccessTarget>();
  for (const [, es] of shownActions)
    for (const e of es)
      if (e.decision === 'Allow' || e.decision === 'ExplicitDeny' || e.decision === 'Unknown' || opts.all) usedTargets.add(e.target);
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
  const width = Math.max(...shownActions.map(([a]) => a.length), 10);
  const header = ' '.repeat(width + 4) + columns.map((_, i) => String(i + 1).padEnd(3)).join('');
  const notes: string[] = [];
  for (const level of ACCESS_LEVELS) {
    const rows = shownActions.filter(([, es]) => es[0]!.level === level);
    if (rows.length === 0) continue;
    lines.push('', `${paint(level, 'bold', color)}${level === ACCESS_LEVELS[0] ? '' : ''}`, header);
    for (const [action, es] of rows) {
      const byTarget = new Map(es.map((x) => [x.target, x])); // not a search per cell: maps have thousands of columns
      const cells = columns.map((t, i) => {
        const e = byTarget.get(t);
        const m = markOf(e);
        if (e?.conditional) notes.push(`${action} on [${i + 1}]: only if ${witnessText(e, map.identityId)}`);
        return paint(MARKS[m], STYLE[m], color) + '  ';
      });
      const other = es
        .filter((e) => e.target.kind === 'other' && interesting(e))
        .map((e) => `${MARKS[markOf(e)]} ${e.target.resourceType}`);
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
  const hidden = [...byAction].length - shownActions.length;
  if (hidden > 0) lines.push('', `${hidden} other S3 actions are not allowed on any of these resources (--all lists them).`);
  const c = map.counts;
  lines.push(
    '',
    `${c.allow} allowed, ${c.conditional} conditional, ${c.explicitDeny} explicitly denied, ${c.implicitDeny} not allowed${c.unknown ? `, ${c.unknown} unknown` : ''} (action × resource)`,
  );
  return lines.join('\n');
}

function witnessText(e: AccessEntry, identityId: string): string {
  const w = Object.entries(e.witness ?? {})
    .map(([k, v]) => `${k} = \`${Array.isArray(v) ? v.join(',') : v}\``)
    .join(' and ');
  const conds = e.conditions.length ? ` (${e.conditions.join('; ')})` : '';
  return `the request carries ${w}${conds}`.split(identityId).join('<you>');
}
