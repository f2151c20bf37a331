/** The explorer's first screen is computed before Ink draws it: its first frame is already full. */
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/app.js';
import { prepareFirstScreen } from '../../src/tui/first-screen.js';
import { loadWorkspace } from '../../src/tui/model/workspace.js';
import { copyOfExample, ROOT, strip } from './helpers.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function firstFrame(workspace: ReturnType<typeof loadWorkspace>): string {
  const r = render(<App workspace={workspace} watch={false} size={{ columns: 100, rows: 30 }} />);
  cleanup = r.unmount;
  return strip(r.frames[0]);
}

describe('prepareFirstScreen', () => {
  it("maps the opening user's S3 access, so the first frame shows the map", () => {
    const frame = firstFrame(prepareFirstScreen(join(ROOT, 'keycard.yaml')));
    expect(frame).toMatch(/role PhotoShareGuestRole/);
    expect(frame).toMatch(/S3 access[\s\S]*GetObject/);
    expect(frame).not.toMatch(/mapping S3 access/);
  });

  it('without it the map comes a frame later (what the preparation saves)', () => {
    expect(firstFrame(loadWorkspace(join(ROOT, 'keycard.yaml')))).toMatch(/mapping S3 access…/);
  });

  it('a project that does not load gives the workspace with its errors, as loadWorkspace does', () => {
    const dir = copyOfExample();
    const file = join(dir, 'missing.yaml');
    const w = prepareFirstScreen(file);
    expect(w.project).toBeUndefined();
    expect(w.errors.length).toBeGreaterThan(0);
    expect(firstFrame(w)).toMatch(/missing\.yaml/);
  });
});
