/** The explorer on a project read from infrastructure code: the header names the sources, and the
 * Why panel points into the template. */
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/app.js';
import { loadWorkspace } from '../../src/tui/model/workspace.js';

// eslint-disable-next-line no-control-regex -- terminal escape sequences are what is stripped
const strip = (s: string | undefined) => (s ?? '').replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

async function until(frame: () => string | undefined, test: RegExp, timeout = 5000): Promise<string> {
  const end = Date.now() + timeout;
  for (;;) {
    const f = strip(frame());
    if (test.test(f)) return f;
    if (Date.now() > end) throw new Error(`timed out waiting for ${test}; last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('explorer on an imported project', () => {
  it('names the sources in the header and shows the template line in the Why panel', async () => {
    const workspace = loadWorkspace(join(import.meta.dirname, '../fixtures/import/notes/keycard.yaml'));
    const r = render(<App workspace={workspace} watch={false} size={{ columns: 160, rows: 40 }} />);
    cleanup = r.unmount;
    const f = await until(r.lastFrame, /GetObject/);
    expect(f).toMatch(/from cloudformation template\.yaml/);
    expect(f).toMatch(/template\.yaml:\d+:\d+/);
  });
});
