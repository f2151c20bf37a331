/** A bordered pane with its title in the top border; the focused pane is cyan and marked with ●. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { FOCUS_COLOR } from './theme.js';

export interface PaneProps {
  title: string;
  /** Right side of the title bar, e.g. `3/12`. */
  info?: string;
  focused: boolean;
  width: number;
  height: number;
  children: ReactNode;
}

export function Pane({ title, info, focused, width, height, children }: PaneProps) {
  const color = focused ? FOCUS_COLOR : 'gray';
  const label = ` ${focused ? '●' : '○'} ${title} `;
  const room = width - 4 - label.length;
  const cut = info && info.length > room - 2 ? `${info.slice(0, Math.max(0, room - 3))}…` : info;
  const right = cut ? ` ${cut} ` : '';
  const fill = Math.max(0, width - 2 - label.length - right.length - 1);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text color={color} wrap="truncate">
        ╭─<Text bold={focused}>{label}</Text>
        {'─'.repeat(fill)}
        {right}╮
      </Text>
      <Box
        borderStyle="round"
        borderTop={false}
        borderColor={color}
        flexDirection="column"
        width={width}
        height={height - 1}
        // Only rows are clipped: every line is already cut to the pane's width (wrap="truncate"
        // or "wrap"), and clipping columns too made Ink slice every line of every frame again.
        overflowY="hidden"
        paddingX={0}
      >
        {children}
      </Box>
    </Box>
  );
}

/** Inner rows of a pane of `height` (title bar and bottom border take two). */
export function innerRows(height: number): number {
  return Math.max(1, height - 2);
}
