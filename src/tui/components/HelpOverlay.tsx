/** `?`: every binding of the keymap, by pane. */
import { Box, Text } from 'ink';
import { bindingsFor, CONTEXT_TITLES, type KeyContext } from '../model/keymap.js';
import { Pane } from './Pane.js';

const ORDER: KeyContext[] = ['global', 'users', 'claims', 'result', 'map', 'why', 'filter', 'prompt'];

export function helpLines(): { heading?: string; label?: string; description?: string }[] {
  const out: { heading?: string; label?: string; description?: string }[] = [];
  for (const c of ORDER) {
    const bs = bindingsFor(c);
    if (!bs.length) continue;
    out.push({ heading: CONTEXT_TITLES[c] });
    for (const b of bs) out.push({ label: b.label, description: b.description });
  }
  return out;
}

export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const lines = helpLines();
  // Two columns when the screen is wide enough for both halves to fit.
  const twoColumns = width >= 100;
  const half = twoColumns ? Math.ceil(lines.length / 2) : lines.length;
  const columns = twoColumns ? [lines.slice(0, half), lines.slice(half)] : [lines];
  return (
    <Pane title="Help: keys (esc to close)" focused width={width} height={height}>
      <Box flexDirection="row">
        {columns.map((col, ci) => (
          <Box key={ci} flexDirection="column" width={twoColumns ? Math.floor((width - 2) / 2) : width - 2}>
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
