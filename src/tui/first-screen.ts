/**
 * What the explorer's first screen needs, computed before Ink and React are loaded: the
 * workspace, and the access map of the user the screen opens on (kept in evaluate.ts's cache, so
 * the app's first frame is already full). Every frame Ink draws on a cold start costs about as
 * much as loading the example's project, so the explorer draws one instead of three ("loading",
 * "mapping", full); docs/ARCHITECTURE.md ("Start-up") has the figures.
 */
import { accessMapOf, evaluateUser } from './model/evaluate.js';
import { initialState, selectedUser } from './model/state.js';
import { loadWorkspace, type Workspace } from './model/workspace.js';

export function prepareFirstScreen(projectFile: string): Workspace {
  const workspace = loadWorkspace(projectFile);
  const user = selectedUser(initialState(workspace));
  if (workspace.project && user) {
    try {
      const { session } = evaluateUser(workspace.project, user);
      if (session) accessMapOf(session);
    } catch {
      // The app evaluates the user again and shows what went wrong where the result goes.
    }
  }
  return workspace;
}
