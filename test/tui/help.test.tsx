// The `?` overlay must never be taller than its pane (a frame taller than the terminal garbles
// Ink's redraw), must scroll to every line on a small terminal, and its columns must not touch.
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { allHelpLines, HelpOverlay, helpView } from '../../src/tui/components/HelpOverlay.js';
import { reducer } from '../../src/tui/model/reducer.js';
import { initialState } from '../../src/tui/model/state.js';
import { NO_FACTS } from '../../src/tui/model/view-facts.js';
import { exampleWorkspace, press } from './helpers.js';

describe('help overlay layout', () => {
  it.each([
    [80, 22],
    [100, 28],
    [60, 10],
    [40, 8],
    [200, 60],
  ])('at %ix%i every column fits the pane, and scrolling reaches every line', (width, height) => {
    const lines = allHelpLines();
    const seen = new Set<number>();
    for (let scroll = 0; scroll < lines.length; scroll++) {
      const v = helpView(lines, width, height, scroll);
      for (const c of v.columns) expect(c.length).toBeLessThanOrEqual(height - 2);
      v.columns.flat().forEach((l) => seen.add(lines.indexOf(l)));
    }
    expect(seen.size).toBe(lines.length);
  });

  it('explains the access map letters', () => {
    const text = allHelpLines()
      .map((l) => `${l.heading ?? ''} ${l.label ?? ''} ${l.description ?? ''}`)
      .join('\n');
    expect(text).toMatch(/L R W P T.*List, Read, Write/);
    expect(text).toMatch(/columns: the resources/);
  });

  it.each([
    [100, 28],
    [80, 22],
  ])('at %ix%i shows no line wider than the terminal and labels apart from descriptions', (width, height) => {
    const r = render(<HelpOverlay width={width} height={height} scroll={3} />);
    const frame = r.lastFrame()!;
    expect(frame.split('\n').length).toBeLessThanOrEqual(height);
    for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(width);
    // One column scrolls; two columns show everything, with a gap between them.
    if (helpView(allHelpLines(), width, height).columns.length === 1) expect(frame).toMatch(/of \d+ · ↑↓ scroll/);
    else expect(frame).toMatch(/\S  +\S.*│\n/);
    r.unmount();
  });

  it('scrolls with the list keys while open', () => {
    let s = reducer(initialState(exampleWorkspace()), {
      type: 'key',
      key: { name: 'char', text: '?', ctrl: false, shift: false },
      view: NO_FACTS,
    });
    expect(s.overlay).toBe('help');
    const facts = { ...NO_FACTS, helpLines: 50, pageSize: 20 };
    s = reducer(s, { type: 'key', key: press('down'), view: facts });
    s = reducer(s, { type: 'key', key: press('pageDown'), view: facts });
    expect(s.helpScroll).toBe(21);
    s = reducer(s, { type: 'key', key: press('pageDown'), view: facts });
    expect(s.helpScroll).toBe(30);
  });
});
