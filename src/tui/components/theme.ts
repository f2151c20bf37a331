/** Colours and glyphs. Every state has a glyph as well as a colour, so nothing relies on colour alone. */
import type { CellState } from '../model/access-grid.js';
import type { Tone } from '../model/why.js';

export const CELL: Record<CellState, { glyph: string; color: string; dim?: boolean }> = {
  allow: { glyph: '✓', color: 'green' },
  conditional: { glyph: '~', color: 'yellow' },
  explicitDeny: { glyph: '✗', color: 'red' },
  implicitDeny: { glyph: '·', color: 'gray', dim: true },
  unknown: { glyph: '?', color: 'magenta' },
  none: { glyph: ' ', color: 'gray' },
};

export const TONE: Record<Tone, { color?: string; bold?: boolean; dim?: boolean }> = {
  allow: { color: 'green' },
  deny: { color: 'red' },
  conditional: { color: 'yellow' },
  muted: { dim: true },
  heading: { bold: true },
  plain: {},
  location: { color: 'cyan' },
};

export const FOCUS_COLOR = 'cyan';
