/** Shapes of the explorer's model. Plain data: nothing here knows about Ink or React. */
import type { Claims } from '../../model/types.js';

/** The panes that take focus, in Tab order. */
export type PaneId = 'users' | 'claims' | 'result' | 'map';
export const PANES: readonly PaneId[] = ['users', 'claims', 'result', 'map'];

/** A user being explored: a scenario user, the guest, a copy made in the UI, or a pasted JWT. */
export interface ExplorerUser {
  /** Stable across reloads: `scenario:<file>#<index>`, `guest`, `adhoc:<n>`. */
  id: string;
  label: string;
  origin: 'scenario' | 'guest' | 'adhoc' | 'jwt';
  /** The scenario file the user came from (the default file to save into). */
  scenarioFile?: string;
  /** The Logins-map key; undefined for a guest. */
  login?: string;
  claims: Claims;
  identityId?: string;
  customRoleArn?: string;
  flow: 'enhanced' | 'basic';
  requestedRoleArn?: string;
  /** Changed in the UI since it was loaded. */
  edited: boolean;
}
