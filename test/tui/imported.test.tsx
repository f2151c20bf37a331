/** The explorer on a project read from infrastructure code: the header names the sources, and the
 * Why panel points into the template. */
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/app.js';
import type { EditorCommand } from '../../src/tui/model/editor.js';
import { loadWorkspace } from '../../src/tui/model/workspace.js';
import { until } from './helpers.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('explorer on an imported project', () => {
  it('names the sources in the header and shows the template line in the Why panel', async () => {
    const workspace = loadWorkspace(join(import.meta.dirname, '../fixtures/import/notes/keycard.yaml'));
    const r = render(<App workspace={workspace} watch={false} size={{ columns: 160, rows: 40 }} />);
    cleanup = r.unmount;
    const f = await until(r.lastFrame, /GetObject/);
    expect(f).toMatch(/from cloudformation template\.yaml/);
    expect(f).toMatch(/template\.yaml:\d+:\d+/);
  });

  // The Why panel's `e`: the editor gets the statement's template file and line; a stand-in runs
  // instead of a real editor. Without $VISUAL/$EDITOR the status line says how to set one.
  async function whyPanel(env: Record<string, string | undefined>, opened: EditorCommand[]) {
    const workspace = loadWorkspace(join(import.meta.dirname, '../fixtures/import/notes/keycard.yaml'));
    const r = render(
      <App workspace={workspace} watch={false} size={{ columns: 160, rows: 40 }} env={env} openEditor={(c) => (opened.push(c), 0)} />,
    );
    cleanup = r.unmount;
    await until(r.lastFrame, /GetObject/);
    for (const k of ['\t', '\t', '\t', '\r']) {
      r.stdin.write(k);
      await new Promise((res) => setTimeout(res, 30));
    }
    await until(r.lastFrame, /statements that decided it/);
    r.stdin.write('e');
    return r;
  }

  it("e opens the statement's template line in $VISUAL / $EDITOR", async () => {
    const opened: EditorCommand[] = [];
    const r = await whyPanel({ EDITOR: 'vim' }, opened);
    const f = await until(r.lastFrame, /edited .*template\.yaml:\d+ in vim/);
    expect(f).toMatch(/e edit file/); // the footer lists the key
    expect(opened).toHaveLength(1);
    expect(opened[0]!.command).toBe('vim');
    expect(opened[0]!.args).toEqual([
      expect.stringMatching(/^\+\d+$/),
      join(import.meta.dirname, '../fixtures/import/notes/template.yaml'),
    ]);
  });

  it('e without an editor set says how to set one, and opens nothing', async () => {
    const opened: EditorCommand[] = [];
    const r = await whyPanel({}, opened);
    await until(r.lastFrame, /no editor set: export VISUAL or EDITOR/);
    expect(opened).toEqual([]);
  });
});

describe('explorer on values no file gives', () => {
  it("marks cells that depend on one `?`, and says a user's role is unknown, never a refusal", async () => {
    const workspace = loadWorkspace(join(import.meta.dirname, '../fixtures/import/unknown-iam/keycard.yaml'));
    const r = render(<App workspace={workspace} watch={false} size={{ columns: 160, rows: 40 }} />);
    cleanup = r.unmount;
    const reader = await until(r.lastFrame, /DeleteObject/);
    expect(reader).toMatch(/ListBucket\s+\?/);
    expect(reader).toMatch(/DeleteObject\s+\? \? \?/);
    expect(reader).toMatch(/GetObject\s+\? ✓ \?/); // public/ depends on nothing unresolved
    expect(reader).toContain('? unknown');
    r.stdin.write('j'); // the admin: a rule whose RoleARN is another stack's export
    const admin = await until(r.lastFrame, /\? role unknown/);
    expect(admin).toMatch(/\? role unknown: it depends on `Fn::ImportValue:shared-AdminRoleArn`/);
    expect(admin).toMatch(/its S3 access is unknown/);
    expect(admin).not.toMatch(/no credentials/);
  });
});
