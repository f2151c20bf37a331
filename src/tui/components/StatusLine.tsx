/** One line above the footer: the open prompt or filter being typed, else the last status message. */
import { Box, Text } from 'ink';
import type { Prompt, Status } from '../model/state.js';

export interface StatusLineProps {
  prompt?: Prompt;
  filter?: { pane: string; value: string };
  status?: Status;
  width: number;
}

const TONE_COLOR = { info: 'cyan', error: 'red', success: 'green' } as const;

export function StatusLine({ prompt, filter, status, width }: StatusLineProps) {
  if (prompt) {
    const room = Math.max(10, width - prompt.title.length - 4);
    const chars = [...prompt.value];
    const at = Math.min(prompt.cursor ?? chars.length, chars.length);
    // A window of the text that keeps the cursor on screen.
    const from = Math.max(0, Math.min(at - room + 2, chars.length - room + 1));
    const before = (from > 0 ? '…' : '') + chars.slice(from ? from + 1 : 0, at).join('');
    const under = chars[at] ?? ' ';
    const after = chars.slice(at + 1, from + room).join('');
    return (
      <Box width={width} height={1}>
        <Text wrap="truncate">
          <Text bold color="cyan">
            {prompt.title}:{' '}
          </Text>
          {before}
          <Text inverse>{under}</Text>
          {after}
        </Text>
      </Box>
    );
  }
  if (filter) {
    return (
      <Box width={width} height={1}>
        <Text wrap="truncate">
          <Text bold color="cyan">
            / filter {filter.pane}:{' '}
          </Text>
          {filter.value}
          <Text inverse> </Text>
        </Text>
      </Box>
    );
  }
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate" color={status ? TONE_COLOR[status.tone] : undefined}>
        {status?.text ?? ''}
      </Text>
    </Box>
  );
}
