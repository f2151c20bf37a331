/** The project does not load: its diagnostics with file:line, until the file is fixed (then it reloads). */
import { readFileSync } from 'node:fs';
import { isInputFile } from '../../load/confine.js';
import { Text } from 'ink';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { renderDiagnostic } from '../../report/diagnostic-text.js';
import { Pane } from './Pane.js';

export function ProblemsPane({ errors, width, height }: { errors: Diagnostic[]; width: number; height: number }) {
  const lines = errors.slice(0, 5).flatMap((d) => [...renderDiagnostic(d, { frame: false }).split('\n'), ...sourceLine(d), '']);
  return (
    <Pane title="Project errors" info="watching for a fix" focused width={width} height={height}>
      {lines.slice(0, Math.max(1, height - 4)).map((l, i) => (
        <Text key={i} wrap="truncate" color={i === 0 || /^\S.*error\[/.test(l) ? 'red' : undefined}>
          {l}
        </Text>
      ))}
      <Text dimColor wrap="truncate">
        keycard reloads when you save the file; q quits
      </Text>
    </Pane>
  );
}

/** The offending line, read fresh: the file changes while the explorer runs. */
function sourceLine(d: Diagnostic): string[] {
  if (!d.location || !isInputFile(d.location.file)) return [];
  try {
    const text = readFileSync(d.location.file, 'utf8').split('\n')[d.location.line - 1];
    return text === undefined
      ? []
      : [
          `  ${d.location.line} | ${text}`,
          `  ${' '.repeat(String(d.location.line).length)} | ${' '.repeat(Math.max(0, d.location.column - 1))}^`,
        ];
  } catch {
    return [];
  }
}
