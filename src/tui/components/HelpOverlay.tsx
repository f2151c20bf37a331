/** `?`: every binding of the keymap, by pane. */
import { Box, Text } from 'ink';
import { bindingsFor, CONTEXT_TITLES, type KeyContext } from '../model/keymap.js';
import { innerRows, Pane } from './Pane.js';

type HelpLine = { heading?: string; label?: string; description?: string };

const ORDER: KeyContext[] = ['global', 'users', 'claims', 'result', 'map', 'why', 'filter', 'prompt'];

const MOVES = new Set(['up', 'down', 'pageUp', 'pageDown', 'top', 'bottom']);

/** Every binding by context; the list moves, the same in every list, are given once. */
function helpLines(): HelpLine[] {
  const out: HelpLine[] = [{ heading: 'Lists (every pane, Why, this help)' }];
  for (const b of bindingsFor('users').filter((b) => MOVES.has(b.command))) out.push({ label: b.label, description: b.description });
  for (const c of ORDER) {
    const bs = bindingsFor(c).filter((b) => !MOVES.has(b.command));
    if (!bs.length) continue;
    out.push({ heading: CONTEXT_TITLES[c] });
    for (const b of bs) out.push({ label: b.label, description: b.description });
  }
  return out;
}

/** What the access map's letters and glyphs mean: a newcomer cannot guess them. */
const MAP_LEGEND: HelpLine[] = [
  { heading: 'S3 access map: the letters' },
  { label: 'L R W P T', description: 'rows: the access level of the action (List, Read, Write, Permissions management, Tagging)' },
  { label: 'a b c …', description: 'columns: the resources (bucket and prefix), listed under the grid' },
  { label: '✓ ~ ✗ ·', description: 'allow, conditional allow, explicit deny, implicit deny; blank: does not apply' },
];

const LABEL = 12;

export interface HelpView {
  columns: HelpLine[][];
  /** First line shown, clamped. */
  scroll: number;
  total: number;
  /** Lines a column shows. */
  rows: number;
}

/**
 * Lays the help out to fit the pane: two columns when everything fits in them, else one column
 * that scrolls (↑↓, PgUp/PgDn). A frame taller than the terminal garbles Ink's redraw, so
 * nothing is ever taller than the pane.
 */
export function helpView(lines: HelpLine[], width: number, height: number, scroll = 0): HelpView {
  const rows = innerRows(height);
  // Two columns only when nothing in them would be cut: a newcomer reads every description.
  const column = Math.floor((width - 2 - 2) / 2);
  const fitsTwo = lines.every((l) => (l.heading ? l.heading.length : 2 + LABEL + (l.description?.length ?? 0)) <= column);
  if (fitsTwo && lines.length <= rows * 2) {
    const per = Math.ceil(lines.length / 2);
    return { columns: [lines.slice(0, per), lines.slice(per)], scroll: 0, total: lines.length, rows };
  }
  const top = Math.max(0, Math.min(scroll, lines.length - rows));
  return { columns: [lines.slice(top, top + rows)], scroll: top, total: lines.length, rows };
}

export function allHelpLines(): HelpLine[] {
  return [...helpLines(), ...MAP_LEGEND];
}

export function HelpOverlay({ width, height, scroll = 0 }: { width: number; height: number; scroll?: number }) {
  const view = helpView(allHelpLines(), width, height, scroll);
  const gap = view.columns.length > 1 ? 2 : 0;
  const columnWidth = Math.floor((width - 2 - gap) / view.columns.length);
  const info =
    view.columns.length === 1 && view.total > view.rows
      ? `${view.scroll + 1}–${Math.min(view.total, view.scroll + view.rows)} of ${view.total} · ↑↓ scroll`
      : undefined;
  return (
    <Pane title="Help: keys (esc to close)" {...(info ? { info } : {})} focused width={width} height={height}>
      <Box flexDirection="row" overflow="hidden" height={view.rows}>
        {view.columns.map((col, ci) => (
          <Box key={ci} flexDirection="column" width={columnWidth} marginLeft={ci > 0 ? gap : 0} overflow="hidden">
            {col.map((l, i) =>
              l.heading ? (
                <Text key={i} bold color="cyan" wrap="truncate">
                  {l.heading}
                </Text>
              ) : (
                <Text key={i} wrap="truncate">
                  {' '}
                  <Text bold>{l.label!.padEnd(LABEL - 1)}</Text> {l.description}
                </Text>
              ),
            )}
          </Box>
        ))}
      </Box>
    </Pane>
  );
}
