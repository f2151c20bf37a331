/**
 * Renders diagnostics for people: `file:line:col: severity[code]: message`, a code frame with a
 * caret under the column, and the help line. Used by every command that prints diagnostics.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { formatLocation, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { isInputFile } from '../load/confine.js';
import { paint, type Style } from './color.js';

const SEVERITY_STYLE: Record<Diagnostic['severity'], Style> = { error: 'red', warning: 'yellow', info: 'cyan' };

/** Path shown to users: relative to the working directory (or `cwd`) when that is shorter. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  if (!file.startsWith('/')) return file;
  const rel = relative(cwd, file);
  return rel.length < file.length && !rel.startsWith('../../..') ? rel : file;
}

const sourceCache = new Map<string, string[] | null>();
function sourceLines(file: string): string[] | null {
  // Only a file keycard read as input: never one it refused (outside the repository, too large).
  if (!isInputFile(file)) return null;
  if (!sourceCache.has(file)) {
    try {
      sourceCache.set(file, readFileSync(file, 'utf8').split('\n'));
    } catch {
      sourceCache.set(file, null);
    }
  }
  return sourceCache.get(file) ?? null;
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
      const width = d.location.endLine === d.location.line && d.location.endColumn ? Math.max(1, d.location.endColumn - d.location.column) : 1;
      out.push(`  ${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, d.location.column - 1))}${paint('^'.repeat(Math.min(width, 80)), SEVERITY_STYLE[d.severity], color)}`);
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
