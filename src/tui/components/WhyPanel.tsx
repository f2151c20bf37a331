/** Why a cell (lines already wrapped to the panel by wrapWhy) is what it is: the evaluation steps and the statements that decided it, each with file:line. */
import { Text } from 'ink';
import type { WhyLine } from '../model/why.js';
import { innerRows, Pane } from './Pane.js';
import { TONE } from './theme.js';

export interface WhyPanelProps {
  lines: WhyLine[];
  scroll: number;
  width: number;
  height: number;
}

export function WhyPanel({ lines, scroll, width, height }: WhyPanelProps) {
  const rows = innerRows(height);
  const start = Math.min(scroll, Math.max(0, lines.length - rows));
  const shown = lines.slice(start, start + rows);
  const info = lines.length > rows ? `${start + 1}-${start + shown.length}/${lines.length}` : undefined;
  return (
    <Pane title="Why" info={info} focused width={width} height={height}>
      {shown.map((l, i) => {
        const t = TONE[l.tone];
        return (
          <Text key={start + i} wrap="truncate" color={t.color} bold={t.bold} dimColor={t.dim}>
            {l.text}
            {l.where ? <Text color="cyan"> {l.where}</Text> : null}
          </Text>
        );
      })}
    </Pane>
  );
}
