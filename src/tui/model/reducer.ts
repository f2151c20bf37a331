/**
 * The explorer's reducer: key presses (already turned into commands by the keymap), reloads and
 * save results in; a new state out. Pure, so navigation, filtering and editing are tested without Ink.
 */
import { dirname, join, resolve } from 'node:path';
import { displayPath } from '../../text/display-path.js';
import { KeycardInputError } from '../../diagnostics/diagnostic.js';
import { parseAssignment, parseClaimValue, removeClaim, setClaim, switchLogin, toggleGroup } from './claims-edit.js';
import { commandFor, type Command, type KeyContext } from './keymap.js';
import type { KeyPress } from './keys.js';
import { editLine } from './line-editor.js';
import { move } from './navigation.js';
import { selectedUser, visibleUsers, type ExplorerState, type Status } from './state.js';
import { PANES, type ExplorerUser } from './types.js';
import { copyUser, userFromJwt } from './users.js';
import type { ViewFacts } from './view-facts.js';
import { clamp } from './window.js';
import type { Workspace } from './workspace.js';

export type Action =
  | { type: 'key'; key: KeyPress; view: ViewFacts }
  | { type: 'reloaded'; workspace: Workspace; changed?: string }
  | { type: 'saved'; status: Status }
  | { type: 'status'; status: Status };

export function contextOf(s: ExplorerState): KeyContext {
  if (s.prompt) return 'prompt';
  if (s.filtering) return 'filter';
  if (s.overlay !== 'none') return s.overlay;
  return s.focus;
}

export function reducer(s: ExplorerState, a: Action): ExplorerState {
  switch (a.type) {
    case 'key':
      return onKey(s, a.key, a.view);
    case 'reloaded':
      return reloaded(s, a.workspace, a.changed);
    case 'saved':
    case 'status':
      return { ...s, status: a.status, effect: undefined };
  }
}

function onKey(s: ExplorerState, k: KeyPress, v: ViewFacts): ExplorerState {
  if (k.name === 'char' && k.ctrl && k.text === 'c') return { ...s, quit: true };
  const context = contextOf(s);
  // Several characters in one read ("jj", or a paste): text in a field, else one key each, each
  // applied to the state the previous one left.
  const several = [...k.text];
  if (k.name === 'char' && !k.ctrl && several.length > 1 && context !== 'prompt' && context !== 'filter') {
    return several.reduce((acc, c) => onKey(acc, { ...k, text: c }, v), s);
  }
  const cmd = commandFor(k, context);
  if (!cmd) return context === 'prompt' || context === 'filter' ? edit(s, k) : s;
  return run({ ...s, status: context === 'prompt' ? s.status : undefined }, cmd, v);
}

/** Typing into the prompt or the filter (as in a shell); the filter applies as you type and puts the cursor on top. */
function edit(s: ExplorerState, k: KeyPress): ExplorerState {
  if (s.prompt) {
    const next = editLine(s.prompt, k);
    if (!next) return s;
    const { cursor: _old, ...prompt } = s.prompt;
    return { ...s, prompt: { ...prompt, ...next } };
  }
  // Filters keep the cursor at the end: they are a few letters, applied as typed.
  const change = (value: string): string => editLine({ value }, k)?.value ?? value;
  if (s.filtering === 'users') {
    const filters = { ...s.filters, users: change(s.filters.users) };
    const first = visibleUsers({ users: s.users, filters })[0];
    return { ...s, filters, cursor: { ...s.cursor, users: 0 }, userId: first?.id ?? s.userId };
  }
  if (s.filtering === 'map') return { ...s, filters: { ...s.filters, map: change(s.filters.map) }, cursor: { ...s.cursor, map: 0 } };
  return s;
}

function replaceUser(s: ExplorerState, u: ExplorerUser): ExplorerState {
  return { ...s, users: s.users.map((x) => (x.id === u.id ? u : x)) };
}

function addUser(s: ExplorerState, u: ExplorerUser): ExplorerState {
  const users = [...s.users, u];
  const list = visibleUsers({ users, filters: { ...s.filters, users: '' } });
  return {
    ...s,
    users,
    userId: u.id,
    filters: { ...s.filters, users: '' },
    cursor: { ...s.cursor, users: list.length - 1, claims: 0 },
    nextAdhoc: s.nextAdhoc + 1,
    focus: 'claims',
  };
}

function run(s: ExplorerState, cmd: Command, v: ViewFacts): ExplorerState {
  const user = selectedUser(s);
  const project = s.workspace.project;
  switch (cmd) {
    case 'quit':
      return { ...s, quit: true };
    case 'help':
      return { ...s, overlay: 'help', helpScroll: 0 };
    case 'close':
      return { ...s, overlay: 'none' };
    case 'editLine':
      return s; // documentation only: never bound
    case 'nextPane':
    case 'prevPane': {
      const i = PANES.indexOf(s.focus);
      return { ...s, focus: PANES[(i + (cmd === 'nextPane' ? 1 : PANES.length - 1)) % PANES.length]! };
    }
    case 'filter': {
      const target = s.focus === 'users' ? 'users' : 'map';
      return { ...s, filtering: target, focus: target };
    }
    case 'submit':
      if (s.filtering) return { ...s, filtering: undefined };
      return submitPrompt(s);
    case 'cancel':
      if (s.filtering) return { ...s, filtering: undefined, filters: { ...s.filters, [s.filtering]: '' } };
      return { ...s, prompt: undefined, status: { text: 'cancelled', tone: 'info' } };
    case 'up':
    case 'down':
    case 'left':
    case 'right':
    case 'pageUp':
    case 'pageDown':
    case 'top':
    case 'bottom':
      return move(s, cmd, v);
    case 'openUser':
      return { ...s, focus: 'claims', cursor: { ...s.cursor, claims: 0 } };
    case 'newUser':
      return user
        ? {
            ...addUser(s, copyUser(user, s.nextAdhoc)),
            status: { text: `ad-hoc ${s.nextAdhoc}: a copy of ${user.label} to edit`, tone: 'info' },
          }
        : s;
    case 'pasteJwt':
      return { ...s, prompt: { kind: 'jwt', title: 'paste a JWT (decoded, not verified)', value: '' } };
    case 'switchLogin':
      return user && project ? replaceUser(s, switchLogin(user, project.identityPool)) : s;
    case 'editClaim':
    case 'toggleGroup':
    case 'addClaim':
    case 'removeClaim':
      return user ? claimCommand(s, cmd, user, v) : s;
    case 'why':
      return v.cell
        ? { ...s, overlay: 'why', why: { scroll: 0, full: false } }
        : { ...s, status: { text: 'the action does not apply to this resource', tone: 'info' } };
    case 'openEditor':
      return v.whyTarget
        ? {
            ...s,
            effect: { kind: 'edit', file: v.whyTarget.file, line: v.whyTarget.line },
            status: { text: `opening ${displayPath(v.whyTarget.file)}:${v.whyTarget.line}…`, tone: 'info' },
          }
        : { ...s, status: { text: 'no statement with a file location is shown here', tone: 'info' } };
    case 'whyFull':
      return { ...s, why: { scroll: 0, full: !s.why.full } };
    case 'mark':
      return mark(s, v);
    case 'showAll':
      return { ...s, onlyNotable: !s.onlyNotable, cursor: { ...s.cursor, map: 0 } };
    case 'save':
      return user ? { ...s, prompt: { kind: 'saveName', title: 'scenario name', value: defaultScenarioName(user) } } : s;
  }
}

function claimCommand(s: ExplorerState, cmd: Command, user: ExplorerUser, v: ViewFacts): ExplorerState {
  const project = s.workspace.project;
  const row = v.claimRows[clamp(s.cursor.claims, v.claimRows.length)];
  if (cmd === 'addClaim') {
    if (user.login === undefined)
      return { ...s, status: { text: 'a guest has no token: switch the login provider first (o)', tone: 'info' } };
    return { ...s, prompt: { kind: 'addClaim', title: 'add a claim: name=value', value: '' } };
  }
  if (!row) return s;
  if (row.kind === 'login')
    return project && (cmd === 'editClaim' || cmd === 'toggleGroup') ? replaceUser(s, switchLogin(user, project.identityPool)) : s;
  if (row.kind === 'group') {
    if (cmd === 'removeClaim') return s;
    return replaceUser(s, toggleGroup(user, row.group.GroupName, project?.userPoolGroups ?? []));
  }
  if (row.kind === 'identity') {
    if (cmd === 'removeClaim') {
      const { identityId: _gone, ...rest } = user;
      return replaceUser(s, { ...rest, edited: true });
    }
    return cmd === 'editClaim'
      ? { ...s, prompt: { kind: 'editIdentity', title: 'identity id (empty: derive it)', value: user.identityId ?? '' } }
      : s;
  }
  if (row.kind === 'derived')
    return {
      ...s,
      status: { text: `${row.name} is derived from the groups as the user pool would; toggle groups to change it`, tone: 'info' },
    };
  if (cmd === 'removeClaim')
    return { ...replaceUser(s, removeClaim(user, row.name)), status: { text: `removed ${row.name}`, tone: 'info' } };
  if (cmd === 'editClaim') return { ...s, prompt: { kind: 'editClaim', title: row.name, value: row.text, subject: row.name } };
  return s;
}

function mark(s: ExplorerState, v: ViewFacts): ExplorerState {
  if (!v.cell) return { ...s, status: { text: 'the action does not apply to this resource', tone: 'info' } };
  const mine = s.marks[s.userId] ?? [];
  const on = !mine.includes(v.cell.key);
  const marks = { ...s.marks, [s.userId]: on ? [...mine, v.cell.key] : mine.filter((k) => k !== v.cell!.key) };
  return {
    ...s,
    marks,
    status: { text: on ? `marked: \`s\` saves it as an expectation (${marks[s.userId]!.length} marked)` : 'unmarked', tone: 'info' },
  };
}

/** Describes the user as saved (who, groups, provider), not the scenario it may have started from. */
export function defaultScenarioName(u: ExplorerUser): string {
  if (u.login === undefined) return u.flow === 'basic' ? 'guest (basic flow)' : 'guest';
  const c = u.claims;
  const who = ['cognito:username', 'email', 'sub']
    .map((k) => (Object.hasOwn(c, k) ? c[k] : undefined))
    .find((v) => typeof v === 'string') as string | undefined;
  const g = Object.hasOwn(c, 'cognito:groups') ? c['cognito:groups'] : undefined;
  const groups = Array.isArray(g) ? g.map(String) : typeof g === 'string' && g ? [g] : [];
  const provider = u.login.split('/').pop()!;
  return `${who ?? 'user'} ${groups.length ? `in ${groups.join(', ')}` : 'in no group'} via ${provider}${u.flow === 'basic' ? ' (basic flow)' : ''}`;
}

function defaultScenarioFile(s: ExplorerState, u: ExplorerUser): string {
  const file = u.scenarioFile ?? join(dirname(s.workspace.projectFile), 'scenarios', 'explored.yaml');
  return displayPath(file);
}

function submitPrompt(s: ExplorerState): ExplorerState {
  const p = s.prompt;
  const user = selectedUser(s);
  const project = s.workspace.project;
  if (!p || !user) return { ...s, prompt: undefined };
  const done = (next: ExplorerState, status?: Status): ExplorerState => ({ ...next, prompt: undefined, ...(status ? { status } : {}) });
  switch (p.kind) {
    case 'editClaim':
      return done(replaceUser(s, setClaim(user, p.subject!, parseClaimValue(p.value, user.claims[p.subject!]))));
    case 'editIdentity': {
      const { identityId: _old, ...rest } = user;
      return done(replaceUser(s, { ...rest, ...(p.value.trim() ? { identityId: p.value.trim() } : {}), edited: true }));
    }
    case 'addClaim': {
      const a = parseAssignment(p.value);
      if (!a) return { ...s, status: { text: 'write name=value, e.g. custom:plan=pro', tone: 'error' } };
      return done(replaceUser(s, setClaim(user, a.name, parseClaimValue(a.value))), { text: `set ${a.name}`, tone: 'info' });
    }
    case 'jwt': {
      if (!project) return done(s);
      try {
        const u = userFromJwt(p.value, s.nextAdhoc, project);
        return done(addUser(s, u), { text: `new user from the token (decoded, not verified): ${u.login ?? 'guest'}`, tone: 'success' });
      } catch (e) {
        const d = e instanceof KeycardInputError ? e.diagnostics[0]?.message : e instanceof Error ? e.message : String(e);
        return { ...s, status: { text: `not a JWT: ${d}`, tone: 'error' } };
      }
    }
    case 'saveName': {
      const name = p.value.trim();
      if (!name) return { ...s, status: { text: 'a scenario needs a name', tone: 'error' } };
      return {
        ...s,
        prompt: { kind: 'saveFile', title: 'scenario file (appended to, or created)', value: defaultScenarioFile(s, user), subject: name },
      };
    }
    case 'saveFile': {
      const file = p.value.trim();
      if (!/\.ya?ml$/i.test(file)) return { ...s, status: { text: 'save to a .yaml or .yml file', tone: 'error' } };
      return done({ ...s, effect: { kind: 'save', name: p.subject!, file } }, { text: `saving to ${file}…`, tone: 'info' });
    }
  }
}

/** A new workspace from disk: scenario users are replaced, but edited users and ad-hoc users stay. */
function reloaded(s: ExplorerState, w: Workspace, changed?: string): ExplorerState {
  const kept = new Map(s.users.filter((u) => u.edited).map((u) => [u.id, u]));
  const fresh = w.users.map((u) => kept.get(u.id) ?? u);
  const adhoc = s.users.filter((u) => !w.users.some((f) => f.id === u.id) && u.origin !== 'scenario');
  // The selected user stays even if its file no longer lists it (or is half-written): the screen must not jump.
  const selected = s.users.find((u) => u.id === s.userId);
  const users = [...fresh, ...adhoc];
  if (selected && !users.some((u) => u.id === selected.id)) users.push(selected);
  const userId = users.some((u) => u.id === s.userId) ? s.userId : (users[0]?.id ?? 'guest');
  const what = changed ? displayPath(changed) : 'the project';
  const time = w.loadedAt.toLocaleTimeString();
  const ownSave = changed !== undefined && s.status?.savedFile === resolve(changed);
  const status: Status = w.errors.length
    ? { text: `${what} changed and has errors (${time}): fix it and keycard reloads`, tone: 'error' }
    : ownSave
      ? s.status!
      : { text: `reloaded: ${what} changed (${time})`, tone: 'success' };
  return { ...s, workspace: w, users, userId, status };
}
