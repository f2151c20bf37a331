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
    const shown = prompt.value.length > room ? '…' + prompt.value.slice(-(room - 1)) : prompt.value;
    return (
      <Box width={width} height={1}>
        <Text wrap="truncate"><Text bold color="cyan">{prompt.title}: </Text>{shown}<Text inverse> </Text></Text>
      </Box>
    );
  }
  if (filter) {
    return (
      <Box width={width} height={1}>
        <Text wrap="truncate"><Text bold color="cyan">/ filter {filter.pane}: </Text>{filter.value}<Text inverse> </Text></Text>
      </Box>
    );
  }
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate" color={status ? TONE_COLOR[status.tone] : undefined}>{status?.text ?? ''}</Text>
    </Box>
  );
}
