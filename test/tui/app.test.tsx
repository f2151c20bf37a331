/** Component tests of the explorer: render with ink-testing-library, type keys, read the frame. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/app.js';
import { loadWorkspace } from '../../src/tui/model/workspace.js';
import { loadScenarioFile } from '../../src/load/scenario.js';
import { runScenario } from '../../src/scenario/run.js';
import { copyOfExample, exampleWorkspace } from './helpers.js';

const KEYS = { down: '\u001B[B', up: '\u001B[A', right: '\u001B[C', tab: '\t', enter: '\r', esc: '\u001B', backspace: '\u007F' };
// eslint-disable-next-line no-control-regex -- terminal escape sequences are what is stripped
const strip = (s: string | undefined) => (s ?? '').replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

async function until(frame: () => string | undefined, test: RegExp, timeout = 5000): Promise<string> {
  const end = Date.now() + timeout;
  for (;;) {
    const f = strip(frame());
    if (test.test(f)) return f;
    if (Date.now() > end) throw new Error(`timed out waiting for ${test}; last frame:\n${f}`);
    await tick();
  }
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function start(size = { columns: 100, rows: 30 }, workspace = exampleWorkspace()) {
  const r = render(<App workspace={workspace} watch={false} size={size} />);
  cleanup = r.unmount;
  return r;
}

async function type(r: ReturnType<typeof start>, ...keys: string[]) {
  for (const k of keys) {
    r.stdin.write(k);
    await tick();
  }
}

describe('explorer screen', () => {
  it("shows the header, the users, the guest's role with the deciding step, and its S3 access", async () => {
    const r = start();
    const f = await until(r.lastFrame, /GetObject/);
    expect(f).toMatch(/keycard.*pool PhotoShare.*login guest \(no login\)/);
    expect(f).toMatch(/guests can look at public/);
    expect(f).toMatch(/role PhotoShareGuestRole/);
    expect(f).toMatch(/▶✓ guest: default unauthenticated role/);
    expect(f).toMatch(/ListBucket/);
    expect(f).toMatch(/\? help · q quit/);
  });

  it('fits 80×24 without a line longer than the terminal', async () => {
    const r = start({ columns: 80, rows: 24 });
    const f = await until(r.lastFrame, /GetObject/);
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
  });

  it("moves to the editors and finds why they cannot delete another user's photo", async () => {
    const r = start();
    await until(r.lastFrame, /GetObject/);
    await type(r, 'j', 'j');
    await until(r.lastFrame, /role PhotoShareEditorRole/);
    await type(r, KEYS.tab, KEYS.tab, KEYS.tab, '/', ...'delete another', KEYS.enter);
    const map = await until(r.lastFrame, /▶ photoshare-media\/private\/<another user>\/\* implicit deny/);
    expect(map).toMatch(/DeleteObject/);
    await type(r, KEYS.down.repeat(0), KEYS.right);
    await until(r.lastFrame, /protected\/<another user>\/\* implicit deny/);
    await type(r, KEYS.enter);
    const why = await until(r.lastFrame, /Why/);
    expect(why).toMatch(/IMPLICIT DENY/);
    expect(why).toMatch(/OwnPublicProtectedAndPrivatePhotos does not match/);
    expect(why).toMatch(/policies\/signed-in-user\.json:\d+:\d+/);
    await type(r, KEYS.esc);
    await until(r.lastFrame, /S3 access/);
  });

  it('toggles a group in the claims editor and the result follows', async () => {
    const r = start();
    await until(r.lastFrame, /GetObject/);
    await type(r, 'j', 'j', KEYS.enter);
    await until(r.lastFrame, /● Claims/);
    // login, identity, then the groups: admins is the first.
    await type(r, 'j', 'j', ' ');
    const f = await until(r.lastFrame, /role PhotoShareAdminRole/);
    expect(f).toMatch(/\[x\] admins/);
    expect(f).toMatch(/●\*editors manage their own/);
  });

  it('switches the login provider, and shows the help overlay from the keymap', async () => {
    const r = start();
    await until(r.lastFrame, /GetObject/);
    await type(r, 'j', 'o');
    // Admin on the web client → the next option is the mobile client (Token mapping).
    await until(r.lastFrame, /login user pool us-east-1_PhOtO1234 · client 7mobile/);
    await type(r, '?');
    const help = await until(r.lastFrame, /Help: keys/);
    expect(help).toMatch(/S3 access map/);
    expect(help).toMatch(/mark the cell as an expectation/);
    await type(r, KEYS.esc);
    await until(r.lastFrame, /● Users/);
  });

  it('shows project errors with file:line instead of crashing', async () => {
    const dir = copyOfExample();
    const file = join(dir, 'keycard.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('region: us-east-1', 'region: [us-east-1'));
    const r = start({ columns: 100, rows: 30 }, loadWorkspace(file));
    const f = await until(r.lastFrame, /Project errors/);
    expect(f).toMatch(/keycard\.yaml:\d+:\d+/);
  });

  it('saves the user and the marked cells as a scenario that keycard test passes', async () => {
    const dir = copyOfExample();
    const before = readFileSync(join(dir, 'scenarios/photos.yaml'), 'utf8');
    const r = start({ columns: 100, rows: 30 }, loadWorkspace(join(dir, 'keycard.yaml')));
    await until(r.lastFrame, /GetObject/);
    await type(r, 'j', 'j');
    await until(r.lastFrame, /PhotoShareEditorRole/);
    await type(r, KEYS.tab, KEYS.tab, KEYS.tab, '/', ...'delete another', KEYS.enter, 'm', KEYS.right, 'm');
    await until(r.lastFrame, /2 marked/);
    await type(r, '/', KEYS.esc, '/', ...'getobject', KEYS.enter, 'm', 's');
    await until(r.lastFrame, /scenario name/);
    await type(r, KEYS.enter);
    await until(r.lastFrame, /scenario file/);
    await type(r, KEYS.enter);
    // The verdict leads the status line, so a long path (a deep checkout) cannot push it off screen.
    await until(r.lastFrame, /saved: `keycard test` passes it · appended 3 lines to /);
    const after = readFileSync(join(dir, 'scenarios/photos.yaml'), 'utf8');
    // Appended: the comments and every old scenario are still there.
    expect(after.startsWith(before.trimEnd().split('\n').slice(0, 3).join('\n'))).toBe(true);
    expect(after).toContain('# no login: an unauthenticated (guest) identity');
    const sf = loadScenarioFile(join(dir, 'scenarios/photos.yaml'));
    expect(sf.scenarios).toHaveLength(before.match(/^ {2}- name:/gm)!.length + 1);
    const saved = sf.scenarios.at(-1)!;
    expect(saved.expect.role).toMatch(/PhotoShareEditorRole$/);
    expect(saved.expect.deny.length + saved.expect.allow.length + saved.expect.explicitDeny.length).toBe(3);
    expect(saved.expect.deny.map((l) => l.resource)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/private/us-east-1:00000000'),
        expect.stringContaining('/protected/us-east-1:00000000'),
      ]),
    );
    for (const s of sf.scenarios) expect((await runScenario(s)).status).toBe('pass');
  });
});
