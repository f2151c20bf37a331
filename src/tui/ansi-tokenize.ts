/**
 * @alcalzone/ansi-tokenize with a fast path in styledCharsToString, for Ink in the CLI bundle
 * (scripts/bundle-explorer.mjs puts it in place of the package for Ink's output.js).
 *
 * Ink turns each row of a frame into text with styledCharsToString, which asks diffAnsiCodes for
 * the codes between every two neighbouring cells: three Sets and four arrays per cell, 3,000 cells
 * a frame, most of them styled exactly like the cell before. When two neighbours have the same
 * codes in the same order the difference is empty, and this skips asking; everything else is the
 * package's own code. test/tui/ansi-tokenize.test.ts compares it with the package on random rows.
 */
import { ansiCodesToString, diffAnsiCodes, type AnsiCode, type StyledChar } from '@alcalzone/ansi-tokenize';

export * from '@alcalzone/ansi-tokenize';

function sameCodes(a: readonly AnsiCode[], b: readonly AnsiCode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.code !== b[i]!.code || a[i]!.endCode !== b[i]!.endCode) return false;
  return true;
}

/** The package's styledCharsToString (0.2.5), with the fast path for neighbours styled alike. */
export function styledCharsToString(chars: StyledChar[]): string {
  let ret = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (i === 0) ret += ansiCodesToString(char.styles);
    else if (!sameCodes(chars[i - 1]!.styles, char.styles)) ret += ansiCodesToString(diffAnsiCodes(chars[i - 1]!.styles, char.styles));
    ret += char.value;
    // reset active styles at the end of the string
    if (i === chars.length - 1 && char.styles.length > 0) ret += ansiCodesToString(diffAnsiCodes(char.styles, []));
  }
  return ret;
}
