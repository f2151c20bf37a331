/**
 * Where a block and its attributes are in a `.tf` or `.tf.json` file. The parser's JSON form has
 * no positions, so the block's header is found in the text (`resource "aws_iam_role" "admin" {`),
 * and an attribute by its name in the lines that follow; Terraform's own formatting writes both
 * at the start of a line. A name not found falls back to the block.
 */
import type { Location, Locator, PathKey } from '../../../diagnostics/diagnostic.js';

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface SourceFile {
  file: string;
  text: string;
  lines: string[];
}

export function sourceFile(file: string, text: string): SourceFile {
  return { file, text, lines: text.split(/\r?\n/) };
}

/** The line index of a block's header (`kind "label" "label" {`), or -1. */
function headerLine(src: SourceFile, kind: string, labels: string[]): number {
  if (src.file.endsWith('.json')) {
    // JSON syntax: the last label as a key after the kind and the other labels.
    let from = 0;
    for (const key of [kind, ...labels]) {
      const re = new RegExp(`"${esc(key)}"\\s*:`);
      const i = src.lines.findIndex((l, n) => n >= from && re.test(l));
      if (i < 0) return -1;
      from = i;
    }
    return from;
  }
  const re = new RegExp(`^\\s*${esc(kind)}${labels.map((l) => `\\s+"?${esc(l)}"?`).join('')}\\s*\\{`);
  return src.lines.findIndex((l) => re.test(l));
}

const at = (src: SourceFile, line: number, column: number): Location => ({ file: src.file, line: line + 1, column: column + 1 });

/** The block's location and a locator for paths inside its values (`['inline_policy', 0, 'policy']`). */
export function locateBlock(src: SourceFile, kind: string, labels: string[]): { location: Location; locate: Locator } {
  const start = headerLine(src, kind, labels);
  const line = Math.max(start, 0);
  const location = at(src, line, Math.max(0, src.lines[line]?.search(/\S/) ?? 0));
  const header = /^\s*(resource|data|module|locals|variable|output|provider|terraform|moved|import)\b/;
  let end = src.lines.findIndex((l, n) => n > line && header.test(l) && !l.startsWith('  '));
  if (end < 0) end = src.lines.length;
  const locate: Locator = (path: readonly PathKey[]) => {
    if (start < 0) return location;
    let from = line + 1;
    let found: Location = location;
    for (const key of path) {
      if (typeof key !== 'string') continue;
      const re = src.file.endsWith('.json')
        ? new RegExp(`"${esc(key)}"\\s*:`)
        : new RegExp(`^\\s*(${esc(key)}\\s*(=|\\{|")|dynamic\\s+"${esc(key)}")`);
      const i = src.lines.findIndex((l, n) => n >= from && n < end && re.test(l));
      if (i < 0) break;
      found = at(src, i, Math.max(0, src.lines[i]!.search(/\S/)));
      from = i + 1;
    }
    return found;
  };
  return { location, locate };
}
