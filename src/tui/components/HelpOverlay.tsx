/** `?`: every binding of the keymap, by pane. */
import { Box, Text } from 'ink';
import { bindingsFor, CONTEXT_TITLES, type KeyContext } from '../model/keymap.js';
import { Pane } from './Pane.js';

type HelpLine = { heading?: string; label?: string; description?: string };

const ORDER: KeyContext[] = ['global', 'users', 'claims', 'result', 'map', 'why', 'filter', 'prompt'];

export function helpLines(): HelpLine[] {
  const out: HelpLine[] = [];
  for (const c of ORDER) {
    const bs = bindingsFor(c);
    if (!bs.length) continue;
    out.push({ heading: CONTEXT_TITLES[c] });
    for (const b of bs) out.push({ label: b.label, description: b.description });
  }
  return out;
}

/**
 * Splits the help into columns that fit the pane. A frame taller than the terminal garbles
 * Ink's redraw, so what does not fit is cut, with a line that says where the rest is.
 */
export function helpColumns(lines: HelpLine[], width: number, height: number): HelpLine[][] {
  const rows = Math.max(1, height - 2);
  const count = Math.min(Math.ceil(lines.length / rows), width >= 60 ? 2 : 1);
  const shown = lines.slice(0, rows * count);
  if (shown.length < lines.length) shown.splice(shown.length - 1, 1, { heading: `… ${lines.length - shown.length + 1} more: enlarge the terminal or see docs/explore.md` });
  const per = Math.ceil(shown.length / count);
  return Array.from({ length: count }, (_, i) => shown.slice(i * per, (i + 1) * per));
}

export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const columns = helpColumns(helpLines(), width, height);
  const columnWidth = Math.floor((width - 2) / columns.length);
  return (
    <Pane title="Help: keys (esc to close)" focused width={width} height={height}>
      <Box flexDirection="row" overflow="hidden">
        {columns.map((col, ci) => (
          <Box key={ci} flexDirection="column" width={columnWidth} overflow="hidden">
            {col.map((l, i) =>
              l.heading ? (
                <Text key={i} bold color="cyan" wrap="truncate">{l.heading}</Text>
              ) : (
                <Text key={i} wrap="truncate">  <Text bold>{l.label!.padEnd(10)}</Text>{l.description}</Text>
              ),
            )}
          </Box>
        ))}
      </Box>
    </Pane>
  );
}
