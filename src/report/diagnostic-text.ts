/**
 * Renders diagnostics for people: `file:line:col: severity[code]: message`, a code frame with a
 * caret under the column, and the help line. Used by every command that prints diagnostics.
 */
import { readFileSync, statSync } from 'node:fs';
import { formatLocation, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { isInputFile } from '../load/confine.js';
import { paint, type Style } from '../text/color.js';
import { displayPath } from '../text/display-path.js';

const SEVERITY_STYLE: Record<Diagnostic['severity'], Style> = { error: 'red', warning: 'yellow', info: 'cyan' };

/** Source lines by file, kept while the file's size and modification time stay the same (`--watch` edits them). */
const sourceCache = new Map<string, { stamp: string; lines: string[] }>();
function sourceLines(file: string): string[] | null {
  // Only a file keycard read as input: never one it refused (outside the repository, too large).
  if (!isInputFile(file)) return null;
  let stamp: string;
  try {
    const st = statSync(file);
    stamp = `${st.size}:${st.mtimeMs}`;
  } catch {
    sourceCache.delete(file);
    return null;
  }
  const cached = sourceCache.get(file);
  if (cached?.stamp === stamp) return cached.lines;
  try {
    const lines = readFileSync(file, 'utf8').split('\n');
    sourceCache.set(file, { stamp, lines });
    return lines;
  } catch {
    return null;
  }
}

export interface RenderOptions {
  color?: boolean;
  /** Show the source line and a caret (default true). */
  frame?: boolean;
  /** Directory that shown paths are relative to (default: the working directory). */
  cwd?: string;
}

export function renderDiagnostic(d: Diagnostic, opts: RenderOptions = {}): string {
  const color = opts.color ?? false;
  const loc = d.location ? formatLocation({ ...d.location, file: displayPath(d.location.file, opts.cwd) }) + ': ' : '';
  const out = [`${loc}${paint(`${d.severity}[${d.code}]`, SEVERITY_STYLE[d.severity], color)}: ${d.message}`];
  if ((opts.frame ?? true) && d.location) {
    const lines = sourceLines(d.location.file);
    const text = lines?.[d.location.line - 1];
    if (text !== undefined && text.length <= 300) {
      const gutter = String(d.location.line);
      out.push(`  ${gutter} | ${text}`);
      const width =
        d.location.endLine === d.location.line && d.location.endColumn ? Math.max(1, d.location.endColumn - d.location.column) : 1;
      out.push(
        `  ${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, d.location.column - 1))}${paint('^'.repeat(Math.min(width, 80)), SEVERITY_STYLE[d.severity], color)}`,
      );
    }
  }
  if (d.help) out.push(`  = help: ${d.help}`);
  return out.join('\n');
}

/** Renders a list, sorted, capped so that the output fits one screen. */
export function renderDiagnostics(ds: readonly Diagnostic[], opts: RenderOptions & { max?: number } = {}): string {
  const max = opts.max ?? 10;
  const sorted = sortDiagnostics([...ds]);
  const shown = sorted.slice(0, max).map((d) => renderDiagnostic(d, opts));
  if (sorted.length > max) shown.push(`... and ${sorted.length - max} more`);
  return shown.join('\n\n');
}
