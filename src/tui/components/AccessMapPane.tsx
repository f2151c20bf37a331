/**
 * The S3 access map: one row per action (L/R/W/P/T = its access level), one column per resource.
 * The selected cell's resource and decision are spelled out under the grid, so narrow terminals
 * lose nothing but columns, which scroll.
 */
import { Box, Text } from 'ink';
import type { AccessEntry } from '../../access/types.js';
import { cellKey, cellState, columnLegend, columnName, STATE_WORDS, type AccessGrid } from '../model/access-grid.js';
import { clamp, listWindow } from '../model/window.js';
import { innerRows, Pane } from './Pane.js';
import { CELL } from './theme.js';

export interface AccessMapPaneProps {
  grid?: AccessGrid;
  /** Why there is no grid: the user gets no credentials, or the map is being computed. */
  empty?: string;
  row: number;
  col: number;
  marks: ReadonlySet<string>;
  filter: string;
  onlyNotable: boolean;
  focused: boolean;
  width: number;
  height: number;
}

const LEVEL_LETTER: Record<string, string> = { List: 'L', Read: 'R', Write: 'W', 'Permissions management': 'P', Tagging: 'T' };

export function AccessMapPane({ grid, empty, row, col, marks, filter, onlyNotable, focused, width, height }: AccessMapPaneProps) {
  const inner = width - 2;
  const rows = innerRows(height);
  if (!grid) {
    return (
      <Pane title="S3 access" focused={focused} width={width} height={height}>
        <Text dimColor wrap="wrap">
          {empty ?? 'no credentials, so no S3 access'}
        </Text>
      </Pane>
    );
  }
  const r = clamp(row, grid.rows.length);
  const c = clamp(col, grid.columns.length);
  const actionWidth = Math.min(26, Math.max(14, Math.floor(inner * 0.45)));
  const cellWidth = inner - actionWidth >= grid.columns.length * 2 ? 2 : 1;
  const colWin = listWindow(grid.columns.length, c, Math.floor((inner - actionWidth) / cellWidth));
  const visibleCols = grid.columns.slice(colWin.start, colWin.end);
  // Which resource each letter is: up to a few lines, fewer on a short pane.
  const legend = columnLegend(
    visibleCols,
    colWin.start,
    inner,
    Math.min(6, Math.max(1, Math.floor(rows / 6), rows - 3 - grid.rows.length)),
  );
  const rowWin = listWindow(grid.rows.length, r, Math.max(1, rows - 3 - legend.length));
  const info = `${grid.rows.length}${grid.rows.length < grid.total ? ` of ${grid.total}` : ''} actions${filter ? ` /${filter}` : ''}${onlyNotable && !filter ? ' · a: all' : ''}`;
  const entry = grid.rows[r]?.cells[c];
  const target = grid.columns[c];
  const state = cellState(entry);
  return (
    <Pane title="S3 access" info={info} focused={focused} width={width} height={height}>
      <Text wrap="truncate" dimColor>
        {(colWin.above ? '◀ ' : '').padEnd(actionWidth)}
        {visibleCols.map((t, i) => {
          const index = colWin.start + i;
          const name = index === c ? '▼' : columnName(index);
          return (
            <Text key={t.arn} color={index === c ? 'cyan' : undefined}>
              {name.padEnd(cellWidth)}
            </Text>
          );
        })}
        {colWin.below ? '▶' : ''}
      </Text>
      {grid.rows.length === 0 && <Text dimColor>No actions match{filter ? ` “${filter}”` : ''}.</Text>}
      {grid.rows.slice(rowWin.start, rowWin.end).map((gr, i) => {
        const index = rowWin.start + i;
        const selectedRow = index === r;
        const name = `${LEVEL_LETTER[gr.level] ?? '?'} ${gr.action.replace(/^s3:/, '')}`;
        const more = i === 0 && rowWin.above ? '▲' : i === rowWin.end - rowWin.start - 1 && rowWin.below ? '▼' : ' ';
        return (
          <Box key={gr.action} height={1}>
            <Text wrap="truncate" bold={selectedRow} color={selectedRow && focused ? 'cyan' : undefined}>
              {(more + name).slice(0, actionWidth - 1).padEnd(actionWidth)}
              {cellRuns(gr.cells.slice(colWin.start, colWin.end), colWin.start, selectedRow ? c : -1, focused, marks, cellWidth).map(
                (run, j) => (
                  <Text key={j} color={run.color} dimColor={run.dim} inverse={run.inverse} underline={run.underline}>
                    {run.text}
                  </Text>
                ),
              )}
            </Text>
          </Box>
        );
      })}
      <Box flexGrow={1} />
      {legend.map((l, i) => (
        <Text key={`legend-${i}`} wrap="truncate" dimColor>
          {l}
        </Text>
      ))}
      <Text wrap="truncate">
        <Text color="cyan">▶ </Text>
        {target ? target.label : ''}
        <Text color={CELL[state].color} bold>
          {' '}
          {entry ? STATE_WORDS[state] : 'n/a'}
        </Text>
        {entry && marks.has(cellKey(entry.action, entry.target.arn)) ? <Text dimColor> (marked)</Text> : null}
      </Text>
      <Text wrap="truncate" dimColor>
        <Text color="green">✓</Text> allow <Text color="yellow">~</Text> conditional <Text color="red">✗</Text> explicit deny · implicit
        deny{grid?.rows.some((r) => r.cells.some((c) => c?.decision === 'Unknown')) ? ' ? unknown' : ''} * marked
      </Text>
    </Pane>
  );
}

interface Run {
  text: string;
  color: string;
  dim: boolean;
  inverse: boolean;
  underline: boolean;
}

/** Consecutive cells that look the same become one Text: a row is a handful of nodes, not one per cell (Yoga layout is per node). */
function cellRuns(
  cells: (AccessEntry | undefined)[],
  first: number,
  selected: number,
  focused: boolean,
  marks: ReadonlySet<string>,
  width: number,
): Run[] {
  const runs: Run[] = [];
  cells.forEach((e, j) => {
    const look = CELL[cellState(e)];
    const isSelected = first + j === selected;
    const marked = e ? marks.has(cellKey(e.action, e.target.arn)) : false;
    const text = marked && width > 1 ? `${look.glyph}*` : look.glyph.padEnd(width);
    const run: Run = { text, color: look.color, dim: Boolean(look.dim) && !isSelected, inverse: isSelected && focused, underline: marked };
    const last = runs[runs.length - 1];
    if (last && last.color === run.color && last.dim === run.dim && last.inverse === run.inverse && last.underline === run.underline)
      last.text += run.text;
    else runs.push(run);
  });
  return runs;
}
