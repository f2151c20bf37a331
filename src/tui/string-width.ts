/**
 * string-width with a fast path, for Ink in the CLI bundle (scripts/bundle-explorer.mjs puts
 * it in place of the string-width that Ink, cli-truncate and widest-line import).
 *
 * Ink measures every text it lays out, truncates and draws with string-width, and string-width
 * takes its fast path for printable ASCII only. The explorer's frames are full of box-drawing
 * lines, bullets, ticks and ellipses: for those string-width segments graphemes with
 * Intl.Segmenter and tests each one against three Unicode regular expressions, about half the CPU
 * of the explorer's first frame (docs/ARCHITECTURE.md, "Start-up").
 *
 * The fast path covers strings made only of SIMPLE code points: ones Unicode never joins with a
 * neighbour into one grapheme cluster (Grapheme_Cluster_Break=Other: no mark, joiner, variation
 * selector, control, Hangul jamo or regional indicator) and that are visible. Each is then a
 * cluster of its own, and string-width gives it its East Asian Width, which is what is summed.
 * Anything else, or any options, goes to string-width itself. test/tui/string-width.test.ts checks
 * every simple code point, and random strings, against string-width.
 */
import { eastAsianWidth } from 'get-east-asian-width';
import stringWidth, { type Options } from 'string-width';
import stripAnsi from 'strip-ansi';

/** Blocks of simple code points: Latin, punctuation, currency, symbols, arrows, box drawing, shapes, dingbats. */
export const SIMPLE_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0xac], // U+00AD, the soft hyphen, is a format character
  [0xae, 0x2ff], // up to the combining marks at U+0300
  [0x2010, 0x2027], // up to the line and paragraph separators
  [0x2030, 0x205e], // up to the invisible operators
  [0x20a0, 0x20c0],
  [0x2100, 0x2bff],
];

const LAST = 0x2bff;
/** Width + 1 of each code point up to LAST, 0 where not simple. */
const widths = new Uint8Array(LAST + 1);
for (const [from, to] of SIMPLE_RANGES) for (let cp = from; cp <= to; cp++) widths[cp] = eastAsianWidth(cp) + 1;

export default function fastStringWidth(input: string, options?: Options): number {
  if (typeof input !== 'string' || options !== undefined) return stringWidth(input, options);
  const text = input.includes('\u001B') || input.includes('\u009B') ? stripAnsi(input) : input;
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const w = widths[text.charCodeAt(i)];
    if (!w) return stringWidth(input);
    width += w - 1;
  }
  return width;
}
