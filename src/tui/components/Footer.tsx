/** The bottom line: the keys of the focused pane (from the keymap), as many as fit, then help and quit. */
import { Box, Text } from 'ink';
import { footerHints, type KeyContext } from '../model/keymap.js';

const SEP = ' · ';

function fitHints(hints: string[], width: number): string {
  let out = '';
  for (const h of hints) {
    const next = out ? out + SEP + h : h;
    if (next.length > width) break;
    out = next;
  }
  return out;
}

function footerText(context: KeyContext, width: number): string {
  const { hints, tail } = footerHints(context);
  const end = tail.join(SEP);
  const room = width - (end ? end.length + SEP.length : 0);
  const start = fitHints(hints, room);
  return [start, end].filter(Boolean).join(SEP);
}

export function Footer({ context, width }: { context: KeyContext; width: number }) {
  return (
    <Box width={width} height={1}>
      <Text dimColor wrap="truncate">
        {footerText(context, width - 1)}
      </Text>
    </Box>
  );
}
