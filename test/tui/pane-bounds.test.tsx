/**
 * Panes clip rows only (components/Pane.tsx): every line in a pane must already fit its width.
 * A line that did not would overwrite the border of the pane or of its neighbour, which this checks
 * for every user, every pane focused and the map's columns moved, at several terminal sizes
 * (ink-testing-library's terminal is 100 columns wide; wider ones are checked in tmux by hand).
 */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/app.js';
import { layout } from '../../src/tui/model/layout.js';
import { exampleWorkspace, strip } from './helpers.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

/** Body rows whose pane borders are not where the layout puts them. */
function misplacedBorders(frame: string, columns: number, rows: number): string[] {
  const L = layout(columns, rows, 'users');
  const lines = frame.split('\n').slice(1, 1 + L.body);
  return lines.filter((line) => {
    const chars = [...line];
    const leftEdge = chars[L.left.width - 1] ?? '';
    const rightStart = chars[L.left.width] ?? '';
    const rightEdge = chars[columns - 1] ?? '';
    return !/[│╮╯]/.test(leftEdge) || !/[│╭╰]/.test(rightStart) || !/[│╮╯]/.test(rightEdge) || chars.length !== columns;
  });
}

describe('explorer panes', () => {
  it.each([
    [100, 30],
    [80, 24],
    [60, 16],
  ])('keep every line inside its pane at %ix%i', async (columns, rows) => {
    const w = exampleWorkspace();
    const r = render(<App workspace={w} watch={false} size={{ columns, rows }} />);
    cleanup = r.unmount;
    const bad: string[] = [];
    const check = () => bad.push(...misplacedBorders(strip(r.lastFrame()), columns, rows));
    await tick(50);
    check();
    for (let i = 0; i < w.users.length; i++) {
      r.stdin.write('j');
      await tick();
      check();
    }
    for (const key of ['\t', '\t', '\t', 'l', 'l', 'l', 'l', 'j', 'j', '\t', 'j']) {
      r.stdin.write(key);
      await tick();
      check();
    }
    expect(bad).toEqual([]);
  });
});
