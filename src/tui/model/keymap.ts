/**
 * The single keymap table. The key handler, the footer, the `?` overlay and docs/explore.md are
 * all read from it, so a binding cannot be documented in one place and behave differently in another.
 */
import type { KeyPress } from './keys.js';
import type { PaneId } from './types.js';

/** Where a binding applies: a pane, an overlay, or everywhere the main screen has focus. */
export type KeyContext = 'global' | PaneId | 'why' | 'help' | 'prompt' | 'filter';

export type Command =
  | 'quit'
  | 'help'
  | 'nextPane'
  | 'prevPane'
  | 'filter'
  | 'save'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'pageUp'
  | 'pageDown'
  | 'top'
  | 'bottom'
  | 'openUser'
  | 'newUser'
  | 'pasteJwt'
  | 'editClaim'
  | 'toggleGroup'
  | 'addClaim'
  | 'removeClaim'
  | 'switchLogin'
  | 'why'
  | 'mark'
  | 'showAll'
  | 'editLine'
  | 'whyFull'
  | 'openEditor'
  | 'close'
  | 'submit'
  | 'cancel';

/** A pattern: a named key, or a character (with ctrl). */
interface KeyPattern {
  name: KeyPress['name'];
  text?: string;
  ctrl?: boolean;
  shift?: boolean;
}

export interface Binding {
  command: Command;
  contexts: KeyContext[];
  /** What the footer and the help show, e.g. `↑↓/jk`. */
  label: string;
  description: string;
  /** Shown in the footer (the rest only in the help overlay). */
  footer?: boolean;
  /** The footer's short form of the description. */
  hint?: string;
  keys: KeyPattern[];
}

const ch = (text: string, ctrl = false): KeyPattern => ({ name: 'char', text, ctrl });
const key = (name: KeyPress['name'], shift?: boolean): KeyPattern => (shift === undefined ? { name } : { name, shift });
const LISTS: KeyContext[] = ['users', 'claims', 'result', 'map', 'why', 'help'];

export const KEYMAP: readonly Binding[] = [
  { command: 'up', contexts: LISTS, label: '↑↓/jk', description: 'move up / down', hint: 'move', footer: true, keys: [key('up'), ch('k')] },
  { command: 'down', contexts: LISTS, label: '', description: '', keys: [key('down'), ch('j')] },
  {
    command: 'left',
    contexts: ['map'],
    label: '←→/hl',
    description: 'move between resources (columns)',
    hint: 'resource',
    footer: true,
    keys: [key('left'), ch('h')],
  },
  { command: 'right', contexts: ['map'], label: '', description: '', keys: [key('right'), ch('l')] },
  { command: 'pageUp', contexts: LISTS, label: 'PgUp/PgDn', description: 'move a page', keys: [key('pageUp'), ch('u', true)] },
  { command: 'pageDown', contexts: LISTS, label: '', description: '', keys: [key('pageDown'), ch('d', true)] },
  { command: 'top', contexts: LISTS, label: 'g/G', description: 'first / last row', keys: [key('home'), ch('g')] },
  { command: 'bottom', contexts: LISTS, label: '', description: '', keys: [key('end'), ch('G')] },

  {
    command: 'openUser',
    contexts: ['users'],
    label: 'enter',
    description: "edit this user's claims",
    hint: 'claims',
    footer: true,
    keys: [key('enter')],
  },
  {
    command: 'newUser',
    contexts: ['users'],
    label: 'n',
    description: 'new ad-hoc user (a copy of the selected one)',
    hint: 'new user',
    footer: true,
    keys: [ch('n')],
  },
  {
    command: 'pasteJwt',
    contexts: ['users'],
    label: 'p',
    description: 'new user from a pasted JWT',
    hint: 'paste JWT',
    footer: true,
    keys: [ch('p')],
  },

  {
    command: 'editClaim',
    contexts: ['claims'],
    label: 'enter',
    description: 'edit the value (login row: switch provider)',
    hint: 'edit',
    footer: true,
    keys: [key('enter')],
  },
  {
    command: 'toggleGroup',
    contexts: ['claims'],
    label: 'space',
    description: 'toggle the group (cognito:roles and preferred_role follow)',
    hint: 'group',
    footer: true,
    keys: [key('space')],
  },
  {
    command: 'addClaim',
    contexts: ['claims'],
    label: 'a',
    description: 'add a claim (name=value)',
    hint: 'add',
    footer: true,
    keys: [ch('a')],
  },
  {
    command: 'removeClaim',
    contexts: ['claims'],
    label: 'd',
    description: 'remove the claim',
    hint: 'remove',
    footer: true,
    keys: [ch('d')],
  },
  {
    command: 'switchLogin',
    contexts: ['claims', 'users'],
    label: 'o',
    description: 'next login provider (guest, each app client, each provider)',
    hint: 'login',
    footer: true,
    keys: [ch('o')],
  },

  {
    command: 'why',
    contexts: ['map'],
    label: 'enter',
    description: 'why: the statements that decided the cell',
    hint: 'why',
    footer: true,
    keys: [key('enter')],
  },
  {
    command: 'mark',
    contexts: ['map'],
    label: 'm/space',
    description: 'mark the cell as an expectation for `s`',
    hint: 'mark',
    footer: true,
    keys: [ch('m'), key('space')],
  },
  {
    command: 'showAll',
    contexts: ['map'],
    label: 'a',
    description: 'show every action / only actions with some access',
    hint: 'all actions',
    footer: true,
    keys: [ch('a')],
  },

  {
    command: 'whyFull',
    contexts: ['why'],
    label: 'f',
    description: 'show statements that did not match too',
    hint: 'all statements',
    footer: true,
    keys: [ch('f')],
  },
  {
    command: 'openEditor',
    contexts: ['why'],
    label: 'e',
    description: "open the statement's file at its line in $VISUAL / $EDITOR (the first shown)",
    hint: 'edit file',
    footer: true,
    keys: [ch('e')],
  },
  {
    command: 'close',
    contexts: ['why', 'help'],
    label: 'esc',
    description: 'close',
    footer: true,
    keys: [key('escape'), key('enter'), ch('q'), ch('?')],
  },

  { command: 'submit', contexts: ['prompt', 'filter'], label: 'enter', description: 'accept', footer: true, keys: [key('enter')] },
  {
    command: 'cancel',
    contexts: ['prompt', 'filter'],
    label: 'esc',
    description: 'cancel (filter: clear)',
    hint: 'cancel',
    footer: true,
    keys: [key('escape')],
  },
  // Documentation only: the line editor (line-editor.ts) handles these keys, as a shell does.
  {
    command: 'editLine',
    contexts: ['prompt'],
    label: 'ctrl-a/e ←→',
    description: 'move to the start / end of the line, or by a character',
    keys: [],
  },
  {
    command: 'editLine',
    contexts: ['prompt', 'filter'],
    label: 'ctrl-u/w',
    description: 'delete to the start of the line / the word before the cursor',
    keys: [],
  },

  {
    command: 'nextPane',
    contexts: ['global'],
    label: 'tab',
    description: 'next pane (shift-tab: previous)',
    hint: 'pane',
    footer: true,
    keys: [key('tab', false)],
  },
  { command: 'prevPane', contexts: ['global'], label: '', description: '', keys: [key('tab', true)] },
  {
    command: 'filter',
    contexts: ['global'],
    label: '/',
    description: 'filter the users list or the access map',
    hint: 'filter',
    footer: true,
    keys: [ch('/')],
  },
  {
    command: 'save',
    contexts: ['global'],
    label: 's',
    description: 'save the user and their result as a scenario',
    hint: 'save',
    footer: true,
    keys: [ch('s')],
  },
  { command: 'help', contexts: ['global'], label: '?', description: 'help: every key', hint: 'help', footer: true, keys: [ch('?')] },
  {
    command: 'quit',
    contexts: ['global'],
    label: 'q',
    description: 'quit (also ctrl-c)',
    hint: 'quit',
    footer: true,
    keys: [ch('q'), ch('c', true)],
  },
];

function matches(p: KeyPattern, k: KeyPress): boolean {
  if (p.name !== k.name) return false;
  if (p.shift !== undefined && p.shift !== k.shift) return false;
  if (p.name !== 'char') return true;
  return p.text === k.text && (p.ctrl ?? false) === k.ctrl;
}

/** The command a key runs in `context` (pane bindings win over global ones). */
export function commandFor(k: KeyPress, context: KeyContext): Command | undefined {
  const local = KEYMAP.find((b) => b.contexts.includes(context) && b.keys.some((p) => matches(p, k)));
  if (local) return local.command;
  if (context === 'prompt' || context === 'filter' || context === 'why' || context === 'help') return undefined;
  return KEYMAP.find((b) => b.contexts.includes('global') && b.keys.some((p) => matches(p, k)))?.command;
}

/** Bindings with a label, as the footer and the help show them. */
export function bindingsFor(context: KeyContext, opts: { footerOnly?: boolean } = {}): Binding[] {
  return KEYMAP.filter((b) => b.label && b.contexts.includes(context) && (!opts.footerOnly || b.footer));
}

/**
 * The footer of a context: its own keys, then the global ones. `tail` (help and quit) is what
 * must survive truncation on a narrow terminal.
 */
export function footerHints(context: KeyContext): { hints: string[]; tail: string[] } {
  const own = bindingsFor(context, { footerOnly: true });
  const modal = context === 'prompt' || context === 'filter' || context === 'why' || context === 'help';
  const text = (b: Binding) => `${b.label} ${shortDescription(b)}`;
  if (modal) return { hints: own.map(text), tail: [] };
  const global = bindingsFor('global', { footerOnly: true });
  const tail = global.filter((b) => b.command === 'help' || b.command === 'quit');
  return { hints: [...own, ...global.filter((b) => !tail.includes(b))].map(text), tail: tail.map(text) };
}

function shortDescription(b: Binding): string {
  return b.hint ?? b.description;
}

export const CONTEXT_TITLES: Record<KeyContext, string> = {
  global: 'Everywhere',
  users: 'Users pane',
  claims: 'Claims editor',
  result: 'Result pane',
  map: 'S3 access map',
  why: '"Why" panel',
  help: 'Help overlay',
  prompt: 'Text prompts',
  filter: 'Filter',
};
