/** The role (or the error), the principal tags, and the resolution trace with the deciding step highlighted. */
import { Text } from 'ink';
import type { ResultLine } from '../model/result-lines.js';
import { innerRows, Pane } from './Pane.js';
import { TONE } from './theme.js';

export interface ResultPaneProps {
  lines: ResultLine[];
  scroll: number;
  focused: boolean;
  width: number;
  height: number;
}

export function ResultPane({ lines, scroll, focused, width, height }: ResultPaneProps) {
  const rows = innerRows(height);
  // The outcome line (with any refused policy) stays on top; the trace scrolls under it.
  const headCount = 2 + lines.filter((l) => l.refused).length;
  const head = lines.slice(0, headCount);
  const trace = lines.slice(headCount);
  const start = Math.min(scroll, Math.max(0, trace.length - (rows - head.length)));
  const shown = trace.slice(start, start + rows - head.length);
  const below = trace.length - start - shown.length;
  return (
    <Pane
      title="Result"
      info={start || below ? `trace ${start + 1}-${start + shown.length}/${trace.length}` : undefined}
      focused={focused}
      width={width}
      height={height}
    >
      {[...head, ...shown].map((l, i) => {
        const t = TONE[l.tone];
        return (
          <Text
            key={i}
            wrap="truncate"
            color={l.deciding ? 'black' : t.color}
            backgroundColor={l.deciding ? 'yellow' : undefined}
            bold={t.bold ?? i === 0}
            dimColor={t.dim}
          >
            {l.text}
            {l.where ? <Text dimColor={!l.deciding}> {l.where}</Text> : null}
          </Text>
        );
      })}
    </Pane>
  );
}
