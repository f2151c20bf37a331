/** The explorer's state: everything the screen shows that is not derived from the project. */
import type { ExplorerUser, PaneId } from './types.js';
import type { Workspace } from './workspace.js';

type PromptKind = 'editClaim' | 'editIdentity' | 'addClaim' | 'jwt' | 'saveName' | 'saveFile';

export interface Prompt {
  kind: PromptKind;
  title: string;
  value: string;
  /** Where the text cursor is, in characters (absent: at the end). */
  cursor?: number;
  /** editClaim: the claim; saveFile: the scenario name chosen in the step before. */
  subject?: string;
}

export interface Status {
  text: string;
  tone: 'info' | 'error' | 'success';
  /** A save's verdict, for this file: the reload that the save itself causes must not hide it. */
  savedFile?: string;
}

/** Work the reducer asks the app to do (file I/O stays out of the reducer). */
export type Effect =
  | { kind: 'save'; name: string; file: string }
  /** Open `file` at `line` in the user's editor (the Why panel's `e`). */
  | { kind: 'edit'; file: string; line: number };

export interface ExplorerState {
  workspace: Workspace;
  /** The workspace's users with edits applied, then ad-hoc users. */
  users: ExplorerUser[];
  userId: string;
  focus: PaneId;
  cursor: { users: number; claims: number; result: number; map: number; mapCol: number };
  filters: { users: string; map: string };
  /** The filter being typed into, if any. */
  filtering?: 'users' | 'map';
  /** Hide actions that are implicitly denied on every resource. */
  onlyNotable: boolean;
  overlay: 'none' | 'help' | 'why';
  why: { scroll: number; full: boolean };
  /** First line of the `?` overlay shown (it scrolls on small terminals). */
  helpScroll: number;
  prompt?: Prompt;
  /** Cells marked as expectations, by user id. */
  marks: Record<string, string[]>;
  status?: Status;
  nextAdhoc: number;
  effect?: Effect;
  quit: boolean;
}

export function initialState(workspace: Workspace): ExplorerState {
  const users = workspace.users;
  // Start on the first scenario user, the example's guest: "what can a guest do?" is the first question.
  const first = users.find((u) => u.origin === 'scenario') ?? users[0];
  return {
    workspace,
    users,
    userId: first?.id ?? 'guest',
    focus: 'users',
    cursor: { users: Math.max(0, users.indexOf(first!)), claims: 0, result: 0, map: 0, mapCol: 0 },
    filters: { users: '', map: '' },
    onlyNotable: true,
    overlay: 'none',
    why: { scroll: 0, full: false },
    helpScroll: 0,
    marks: {},
    nextAdhoc: 1,
    quit: false,
    ...(workspace.errors.length
      ? { status: { text: 'the project has errors: fix the file and keycard reloads it', tone: 'error' as const } }
      : {}),
  };
}

export function selectedUser(s: ExplorerState): ExplorerUser | undefined {
  return s.users.find((u) => u.id === s.userId);
}

/** Users the (filtered) users pane lists. */
export function visibleUsers(s: Pick<ExplorerState, 'users' | 'filters'>): ExplorerUser[] {
  const terms = s.filters.users.toLowerCase().split(/\s+/).filter(Boolean);
  if (!terms.length) return s.users;
  return s.users.filter((u) =>
    terms.every((t) => `${u.label} ${u.login ?? 'guest'} ${JSON.stringify(u.claims)}`.toLowerCase().includes(t)),
  );
}
