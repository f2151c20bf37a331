// The `?` overlay must never be taller than its pane: a frame taller than the terminal garbles Ink's redraw.
import { describe, expect, it } from 'vitest';
import { helpColumns, helpLines } from '../../src/tui/components/HelpOverlay.js';

describe('help overlay layout', () => {
  it.each([
    [80, 22],
    [100, 28],
    [60, 10],
    [40, 8],
    [200, 60],
  ])('at %ix%i every column fits the pane', (width, height) => {
    const lines = helpLines();
    const columns = helpColumns(lines, width, height);
    for (const c of columns) expect(c.length).toBeLessThanOrEqual(height - 2);
    const shown = columns.flat();
    if (shown.length < lines.length) expect(shown.at(-1)!.heading).toMatch(/more: enlarge the terminal/);
    else expect(shown).toEqual(lines);
  });
});
