/** The rows of the claims editor: login, identity id, group toggles, derived role claims, claims. */
import { deriveGroupRoleClaims } from '../../cognito/group-roles.js';
import type { Project, UserPoolGroup } from '../../model/types.js';
import { describeLogin, formatClaimValue, groupsOf } from './claims-edit.js';
import type { ExplorerUser } from './types.js';

export type ClaimRow =
  | { kind: 'login'; text: string }
  | { kind: 'identity'; text: string }
  | { kind: 'group'; group: UserPoolGroup; member: boolean }
  /** cognito:roles / preferred_role as the user pool derives them (read-only). */
  | { kind: 'derived'; name: string; text: string }
  | { kind: 'claim'; name: string; text: string };

export function claimRows(user: ExplorerUser, project: Project | undefined, identityId?: string): ClaimRow[] {
  const rows: ClaimRow[] = [{ kind: 'login', text: describeLogin(user, project?.identityPool) }];
  rows.push({ kind: 'identity', text: user.identityId ?? `${identityId ?? '(derived)'} (derived)` });
  if (user.login === undefined) return rows;
  const groups = project?.userPoolGroups ?? [];
  const member = new Set(groupsOf(user.claims));
  for (const g of groups) rows.push({ kind: 'group', group: g, member: member.has(g.GroupName) });
  const carries = 'cognito:roles' in user.claims || 'cognito:preferred_role' in user.claims;
  if (groups.length && member.size && !carries) {
    const d = deriveGroupRoleClaims([...member], groups);
    rows.push({ kind: 'derived', name: 'cognito:roles', text: d.roles.length ? d.roles.map(shortRole).join(', ') : '(none)' });
    rows.push({
      kind: 'derived',
      name: 'cognito:preferred_role',
      text: d.preferredRole ? shortRole(d.preferredRole) : `(not set: ${d.reason})`,
    });
  }
  for (const [name, v] of Object.entries(user.claims)) rows.push({ kind: 'claim', name, text: formatClaimValue(v) });
  return rows;
}

/** `arn:aws:iam::123:role/path/Name` → `Name`. */
export function shortRole(arn: string): string {
  return arn.replace(/^arn:[^:]+:iam::\d+:role\/(?:.*\/)?/, '');
}
