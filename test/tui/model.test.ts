/** The explorer's model without Ink: keymap, reducer, navigation, filters, claims editing, grid. */
import { describe, expect, it } from 'vitest';
import { buildSession } from '../../src/access/session.js';
import { accessGrid, cellState, columnLegend } from '../../src/tui/model/access-grid.js';
import { claimRows } from '../../src/tui/model/claim-rows.js';
import { loginOptions, parseClaimValue, switchLogin, toggleGroup } from '../../src/tui/model/claims-edit.js';
import { accessMapOf, decidingStep, evaluateUser } from '../../src/tui/model/evaluate.js';
import { commandFor, footerHints, KEYMAP } from '../../src/tui/model/keymap.js';
import { splitKeys } from '../../src/tui/model/keys.js';
import { layout } from '../../src/tui/model/layout.js';
import { defaultScenarioName, reducer, type Action } from '../../src/tui/model/reducer.js';
import { resultLines } from '../../src/tui/model/result-lines.js';
import { initialState, selectedUser, type ExplorerState } from '../../src/tui/model/state.js';
import { NO_FACTS, type ViewFacts } from '../../src/tui/model/view-facts.js';
import { listWindow, wrap } from '../../src/tui/model/window.js';
import { whyLines, explainEntry, wrapWhy } from '../../src/tui/model/why.js';
import { ch, exampleWorkspace, press } from './helpers.js';

const key = (s: ExplorerState, k: Action & { type: 'key' } extends { key: infer K } ? K : never, view: ViewFacts = NO_FACTS) =>
  reducer(s, { type: 'key', key: k, view });
const userNamed = (s: ExplorerState, part: string) => s.users.find((u) => u.label.includes(part))!;

describe('keymap', () => {
  it('resolves pane bindings before global ones, and never runs globals inside a prompt', () => {
    expect(commandFor(press('enter'), 'map')).toBe('why');
    expect(commandFor(press('enter'), 'users')).toBe('openUser');
    expect(commandFor(ch('q'), 'claims')).toBe('quit');
    expect(commandFor(ch('q'), 'prompt')).toBeUndefined();
    expect(commandFor(ch('j'), 'map')).toBe('down');
    expect(commandFor(press('tab', '', { shift: true }), 'users')).toBe('prevPane');
  });
  it('gives every command a documented binding and keeps help and quit in every footer', () => {
    const documented = new Set(KEYMAP.filter((b) => b.label && b.description).map((b) => b.command));
    for (const b of KEYMAP) if (b.label) expect(documented.has(b.command)).toBe(true);
    for (const c of ['users', 'claims', 'result', 'map'] as const) expect(footerHints(c).tail.join(' ')).toMatch(/\? help.*q quit/);
  });
  it('keeps every key of a chunk: control keys apart, text as one run', () => {
    const k = {
      upArrow: false,
      downArrow: false,
      leftArrow: false,
      rightArrow: false,
      pageUp: false,
      pageDown: false,
      home: false,
      end: false,
      return: false,
      escape: false,
      tab: false,
      backspace: false,
      delete: false,
      ctrl: false,
      shift: false,
    };
    expect(splitKeys('\t\t', k).map((p) => p.name)).toEqual(['tab', 'tab']);
    expect(splitKeys('\r\r', k).map((p) => p.name)).toEqual(['enter', 'enter']);
    expect(splitKeys('ab\rcd\u0015', k).map((p) => [p.name, p.text, p.ctrl])).toEqual([
      ['char', 'ab', false],
      ['enter', '\r', false],
      ['char', 'cd', false],
      ['char', 'u', true],
    ]);
    expect(splitKeys('j', k)).toHaveLength(1);
  });
  it('applies a run of characters outside a field as one key each, and types it into a field', () => {
    const s0 = initialState(exampleWorkspace());
    const jj = key(s0, ch('jj'));
    expect(jj.cursor.users).toBe(key(key(s0, ch('j')), ch('j')).cursor.users);
    expect(jj.cursor.users).toBe(s0.cursor.users + 2);
    const typed = key(key(s0, ch('/')), ch('jj'));
    expect(typed.filters.users).toBe('jj');
  });
  it('takes two Enters of one chunk through both save prompts', () => {
    const s = [press('enter'), press('enter')].reduce((acc, k) => key(acc, k), key(initialState(exampleWorkspace()), ch('s')));
    expect(s.effect).toMatchObject({ kind: 'save' });
  });
  it('edits prompts as a shell does: ctrl-a, ctrl-e, ctrl-u, ctrl-w, arrows', () => {
    const ctrl = (c: string) => ({ ...ch(c), ctrl: true });
    let s = key(key(initialState(exampleWorkspace()), ch('s')), ctrl('u'));
    expect(s.prompt?.value).toBe('');
    s = key(s, ch('hello big world'));
    s = key(s, ctrl('w'));
    expect(s.prompt?.value).toBe('hello big ');
    s = key(s, ctrl('a'));
    s = key(s, ch('>'));
    expect(s.prompt).toMatchObject({ value: '>hello big ', cursor: 1 });
    s = key(key(s, press('right')), ctrl('u'));
    expect(s.prompt).toMatchObject({ value: 'ello big ', cursor: 0 });
    s = key(key(s, ctrl('e')), ch('!'));
    expect(s.prompt?.value).toBe('ello big !');
    expect(s.prompt?.cursor).toBeUndefined();
    expect(key(s, ctrl('x')).prompt?.value).toBe('ello big !');
  });
});

describe('windows and layout', () => {
  it('keeps the cursor visible and wraps', () => {
    expect(listWindow(100, 50, 10)).toMatchObject({ start: 45, end: 55, above: 45, below: 45 });
    expect(listWindow(5, 4, 10)).toMatchObject({ start: 0, end: 5 });
    expect(wrap(0, -1, 5)).toBe(4);
  });
  it('fits 80×24 and gives the focused pane the larger share', () => {
    const l = layout(80, 24, 'map');
    expect(l.left.width + l.right.width).toBe(80);
    expect(l.header + l.body + l.status + l.footer).toBe(24);
    expect(l.right.map).toBeGreaterThan(l.right.result);
  });
});

describe('reducer', () => {
  const w = exampleWorkspace();
  it('starts on the first scenario user (the guest of the example) with the users pane focused', () => {
    const s = initialState(w);
    expect(s.focus).toBe('users');
    expect(selectedUser(s)?.label).toMatch(/^guests can look/);
    expect(s.users[0]!.id).toBe('guest');
  });
  it('moves through users with j/k and wraps, tabs between panes', () => {
    let s = initialState(w);
    s = key(s, ch('j'));
    expect(selectedUser(s)?.label).toMatch(/^admins/);
    s = key(s, ch('k'));
    s = key(s, ch('k'));
    expect(s.userId).toBe('guest');
    s = key(s, ch('k'));
    expect(selectedUser(s)).toBe(s.users[s.users.length - 1]);
    s = key(s, press('tab'));
    expect(s.focus).toBe('claims');
    s = key(s, press('tab', '', { shift: true }));
    expect(s.focus).toBe('users');
  });
  it('filters users as you type and puts the cursor on the first match; esc clears', () => {
    let s = key(initialState(w), ch('/'));
    expect(s.filtering).toBe('users');
    for (const c of 'editor') s = key(s, ch(c));
    expect(selectedUser(s)?.label).toMatch(/^editors/);
    expect(key(s, ch('q')).filtering).toBe('users');
    s = key(s, press('escape'));
    expect(s.filters.users).toBe('');
    expect(s.filtering).toBeUndefined();
  });
  it('types q into a filter instead of quitting, and backspace deletes', () => {
    let s = key({ ...initialState(w), focus: 'map' }, ch('/'));
    s = key(s, ch('q'));
    expect(s.quit).toBe(false);
    expect(s.filters.map).toBe('q');
    s = key(s, press('backspace'));
    expect(s.filters.map).toBe('');
  });
  it('toggles a group from the claims editor and recomputes what the resolver sees', () => {
    let s = initialState(w);
    s = { ...s, userId: userNamed(s, 'editors manage').id, focus: 'claims' };
    const rows = claimRows(selectedUser(s)!, w.project);
    const admins = rows.findIndex((r) => r.kind === 'group' && r.group.GroupName === 'admins');
    s = { ...s, cursor: { ...s.cursor, claims: admins } };
    s = key(s, press('space'), { ...NO_FACTS, claimRows: rows });
    const u = selectedUser(s)!;
    expect(u.edited).toBe(true);
    expect(u.claims['cognito:groups']).toEqual(['editors', 'admins']);
    // Rules: first match wins, and rule 1 is admins.
    expect(evaluateUser(w.project!, u).resolution.role).toMatch(/PhotoShareAdminRole$/);
  });
  it("edits a claim through the prompt, keeping the old value's type", () => {
    let s = initialState(w);
    s = { ...s, userId: userNamed(s, 'editors manage').id, focus: 'claims' };
    const rows = claimRows(selectedUser(s)!, w.project);
    const plan = rows.findIndex((r) => r.kind === 'claim' && r.name === 'custom:plan');
    s = { ...s, cursor: { ...s.cursor, claims: plan } };
    s = key(s, press('enter'), { ...NO_FACTS, claimRows: rows });
    expect(s.prompt).toMatchObject({ kind: 'editClaim', value: 'pro' });
    s = key(s, press('backspace'));
    s = key(s, press('backspace'));
    s = key(s, press('backspace'));
    for (const c of 'staff') s = key(s, ch(c));
    s = key(s, press('enter'));
    expect(selectedUser(s)!.claims['custom:plan']).toBe('staff');
    expect(evaluateUser(w.project!, selectedUser(s)!).resolution.principalTags).toEqual({ plan: 'staff' });
  });
  it('makes a user from a pasted JWT and reports a malformed one', () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${b64({ alg: 'RS256' })}.${b64({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_PhOtO1234', aud: '3webclient0photoshare0abcd', sub: 'x', token_use: 'id', 'cognito:groups': ['viewers'], 'cognito:username': 'paula' })}.sig`;
    let s = key(initialState(w), ch('p'));
    s = key(s, press('char', jwt));
    s = key(s, press('enter'));
    const u = selectedUser(s)!;
    expect(u).toMatchObject({ origin: 'jwt', login: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_PhOtO1234' });
    expect(evaluateUser(w.project!, u).resolution.role).toMatch(/PhotoShareViewerRole$/);
    let bad = key(initialState(w), ch('p'));
    bad = key(bad, press('char', 'not-a-jwt'));
    bad = key(bad, press('enter'));
    expect(bad.status?.tone).toBe('error');
    expect(bad.prompt).toBeDefined();
  });
  it('marks map cells per user and opens the why panel only on a cell that applies', () => {
    let s: ExplorerState = { ...initialState(w), focus: 'map' };
    s = key(s, ch('m'), { ...NO_FACTS, cell: { key: 's3:GetObject arn:x' } });
    expect(s.marks[s.userId]).toEqual(['s3:GetObject arn:x']);
    s = key(s, ch('m'), { ...NO_FACTS, cell: { key: 's3:GetObject arn:x' } });
    expect(s.marks[s.userId]).toEqual([]);
    expect(key(s, press('enter')).overlay).toBe('none');
    expect(key(s, press('enter'), { ...NO_FACTS, cell: { key: 'k' } }).overlay).toBe('why');
  });
  it('asks for a name then a file on save, and hands the save to the app as an effect', () => {
    let s = key(initialState(w), ch('s'));
    expect(s.prompt?.kind).toBe('saveName');
    s = key(s, press('enter'));
    expect(s.prompt).toMatchObject({ kind: 'saveFile' });
    expect(s.prompt!.value).toMatch(/scenarios\/photos\.yaml$/);
    s = key(s, press('enter'));
    // The name describes the user as saved, not the scenario it started from.
    expect(s.effect).toMatchObject({ kind: 'save', name: 'guest' });
  });
  it('names a saved user by who they are, their groups and provider', () => {
    const base = {
      id: 'x',
      label: 'editors can upload (from photos.yaml)',
      origin: 'scenario' as const,
      flow: 'enhanced' as const,
      edited: true,
    };
    expect(
      defaultScenarioName({
        ...base,
        login: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_P',
        claims: { 'cognito:username': 'ada', 'cognito:groups': ['admins', 'editors'] },
      }),
    ).toBe('ada in admins, editors via us-east-1_P');
    expect(defaultScenarioName({ ...base, login: 'accounts.google.com', claims: { sub: '42' } })).toBe(
      '42 in no group via accounts.google.com',
    );
    expect(defaultScenarioName({ ...base, claims: {} })).toBe('guest');
  });
  it('keeps the save verdict when the save itself reloads the file', () => {
    const saved = { text: 'saved: `keycard test` passes it', tone: 'success' as const, savedFile: '/x/scenarios/photos.yaml' };
    const s = reducer({ ...initialState(w), status: saved }, { type: 'reloaded', workspace: w, changed: '/x/scenarios/photos.yaml' });
    expect(s.status).toEqual(saved);
    expect(reducer({ ...initialState(w), status: saved }, { type: 'reloaded', workspace: w, changed: w.projectFile }).status?.text).toMatch(
      /^reloaded/,
    );
  });
  it('keeps edited and ad-hoc users across a reload', () => {
    let s = key(initialState(w), ch('n'));
    const adhoc = s.userId;
    s = reducer(s, { type: 'reloaded', workspace: w, changed: w.projectFile });
    expect(s.users.some((u) => u.id === adhoc)).toBe(true);
    expect(s.userId).toBe(adhoc);
    expect(s.status?.text).toMatch(/^reloaded: keycard\.yaml changed/);
  });
});

describe('claims editing', () => {
  const project = exampleWorkspace().project!;
  it("parses values by the old value's type", () => {
    expect(parseClaimValue('[admins, editors]')).toEqual(['admins', 'editors']);
    expect(parseClaimValue('["a"]')).toEqual(['a']);
    expect(parseClaimValue('110169484474386276334', '1')).toBe('110169484474386276334');
    expect(parseClaimValue('42', 1)).toBe(42);
    expect(parseClaimValue('true')).toBe(true);
    expect(parseClaimValue('true', 'x')).toBe('true');
  });
  it('recomputes carried cognito:roles and preferred_role on a group toggle', () => {
    const u = {
      id: 'x',
      label: 'x',
      origin: 'adhoc' as const,
      login: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_PhOtO1234',
      claims: { 'cognito:groups': ['viewers'], 'cognito:roles': ['r'], 'cognito:preferred_role': 'r' },
      flow: 'enhanced' as const,
      edited: false,
    };
    const t = toggleGroup(u, 'editors', project.userPoolGroups!);
    expect(t.claims['cognito:preferred_role']).toMatch(/PhotoShareEditorRole$/);
    expect(t.claims['cognito:roles']).toHaveLength(2);
    const none = toggleGroup(toggleGroup(t, 'editors', project.userPoolGroups!), 'viewers', project.userPoolGroups!);
    expect(none.claims).not.toHaveProperty('cognito:groups');
    expect(none.claims).not.toHaveProperty('cognito:preferred_role');
  });
  it('cycles login providers: guest, each app client (setting aud), Google', () => {
    const opts = loginOptions(project.identityPool);
    expect(opts.map((o) => o.label)).toEqual([
      'guest (no login)',
      expect.stringContaining('3webclient'),
      expect.stringContaining('7mobileclient'),
      'accounts.google.com',
    ]);
    const guest = { id: 'g', label: 'g', origin: 'guest' as const, claims: {}, flow: 'enhanced' as const, edited: false };
    const web = switchLogin(guest, project.identityPool);
    expect(web.claims).toMatchObject({ aud: '3webclient0photoshare0abcd', token_use: 'id' });
    const mobile = switchLogin(web, project.identityPool);
    expect(mobile.claims.aud).toBe('7mobileclient0photoshare0ef');
    expect(evaluateUser(project, mobile).resolution.error?.code).toBe('NotAuthorizedException');
  });
});

describe('result, access map and why', () => {
  const w = exampleWorkspace();
  const editor = w.users.find((u) => u.label.startsWith('editors'))!;
  const r = evaluateUser(w.project!, editor);
  it('highlights the rule that decided the role, with its file:line', () => {
    const step = r.resolution.trace[r.decidingStep]!;
    expect(step).toMatchObject({ step: 'rule', ruleIndex: 1, outcome: 'match' });
    const lines = resultLines(r);
    expect(lines[0]!.text).toMatch(/role PhotoShareEditorRole/);
    const i = lines.findIndex((l) => l.deciding);
    expect(lines[i + 1]!.text).toMatch(/decided at keycard\.yaml:\d+:\d+/);
  });
  it('finds the deciding step of an error', () => {
    const trace = [
      { step: 'provider', message: '', outcome: 'error' as const },
      { step: 'result', message: '', outcome: 'error' as const },
    ];
    expect(decidingStep(trace, 'error')).toBe(0);
  });
  it('answers "may an editor delete another user\'s photos?" with the filter and the why panel', () => {
    const map = accessMapOf(r.session!);
    const grid = accessGrid(map, 'delete another', true);
    expect(grid.rows[0]!.action).toBe('s3:DeleteObject');
    expect(grid.columns.every((c) => c.label.includes('<another user>'))).toBe(true);
    const cell = grid.rows[0]!.cells.find((c) => c?.target.label.includes('protected'))!;
    expect(cellState(cell)).toBe('implicitDeny');
    const lines = whyLines(cell, explainEntry(r.session!, cell), false);
    const text = lines.map((l) => `${l.text} ${l.where ?? ''}`).join('\n');
    expect(text).toMatch(/IMPLICIT DENY/);
    expect(text).toMatch(/OwnPublicProtectedAndPrivatePhotos does not match\s+policies\/signed-in-user\.json:\d+:\d+/);
    expect(text).not.toMatch(/DenyInsecureTransport/);
    expect(
      wrapWhy(lines, 40)
        .filter((l) => l.tone !== 'location')
        .every((l) => l.text.length <= 40),
    ).toBe(true);
  });
  it("hides actions denied everywhere unless asked, and shows a guest's conditional ListBucket", () => {
    const guest = w.users.find((u) => u.label.startsWith('guests'))!;
    const g = evaluateUser(w.project!, guest);
    const map = accessMapOf(buildSession(w.project!, g.resolution));
    const notable = accessGrid(map, '', true);
    const all = accessGrid(map, '', false);
    expect(notable.rows.length).toBeLessThan(all.rows.length);
    expect(notable.rows.map((x) => x.action)).toEqual(expect.arrayContaining(['s3:GetObject', 's3:ListBucket']));
    const list = notable.rows.find((x) => x.action === 's3:ListBucket')!;
    expect(list.cells.map(cellState)).toContain('conditional');
  });
  it('hides resources that no shown row applies to, and names every column in a legend', () => {
    const map = accessMapOf(r.session!);
    const grid = accessGrid(map, '', true);
    const used = new Set(map.entries.map((e) => e.target.arn));
    expect(grid.columns.length).toBeLessThan(map.targets.filter((t) => used.has(t.arn)).length);
    grid.columns.forEach((_, j) => expect(grid.rows.some((row) => row.cells[j] !== undefined)).toBe(true));
    const legend = columnLegend(grid.columns, 0, 80, 3);
    expect(legend.length).toBeLessThanOrEqual(3);
    expect(legend.every((l) => l.length <= 80)).toBe(true);
    expect(legend[0]).toMatch(/^a photoshare-media {2}b photoshare-media\/private\/<another user>\/\*/);
    expect(columnLegend(grid.columns, 0, 400, 3).join('  ').split(/ {2}/)).toHaveLength(grid.columns.length);
  });
});
