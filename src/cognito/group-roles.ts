/**
 * The user pool's own derivation of `cognito:roles` and `cognito:preferred_role` from the user's
 * groups (cognito-reference §1.4): every role of a role-bearing group goes into cognito:roles; the
 * preferred role is the role of the group with the lowest Precedence, where a group without a
 * Precedence loses to any group with one; a tie between groups with different roles sets no
 * preferred role. Exported for the explorer, which shows the same derivation.
 */
import type { UserPoolGroup } from '../model/types.js';

export interface GroupRoleClaims {
  /** cognito:roles, in order of precedence (best first). Empty when no group carries a role. */
  roles: string[];
  /** cognito:preferred_role, or undefined when the user pool would not set it. */
  preferredRole?: string;
  /** The role-bearing groups that decided, best precedence first. */
  groups: UserPoolGroup[];
  /** Names in cognito:groups that userPoolGroups does not define. */
  unknownGroups: string[];
  /** One sentence on why preferredRole is (not) set. */
  reason: string;
}

/** Groups with a number precedence sort before groups without; lower numbers first. */
function comparePrecedence(a: UserPoolGroup, b: UserPoolGroup): number {
  const pa = typeof a.Precedence === 'number' ? a.Precedence : Infinity;
  const pb = typeof b.Precedence === 'number' ? b.Precedence : Infinity;
  return pa - pb;
}

function samePrecedence(a: UserPoolGroup, b: UserPoolGroup): boolean {
  return comparePrecedence(a, b) === 0 || (typeof a.Precedence !== 'number' && typeof b.Precedence !== 'number');
}

/** `groups` is the token's cognito:groups value (any JSON); non-string entries are ignored. */
export function deriveGroupRoleClaims(groups: unknown, userPoolGroups: readonly UserPoolGroup[]): GroupRoleClaims {
  const names = (Array.isArray(groups) ? groups : typeof groups === 'string' ? [groups] : []).filter(
    (g): g is string => typeof g === 'string',
  );
  const byName = new Map<string, UserPoolGroup>();
  for (const g of userPoolGroups) if (g && typeof g.GroupName === 'string' && !byName.has(g.GroupName)) byName.set(g.GroupName, g);
  const unknownGroups = names.filter((n) => !byName.has(n));
  const member = [...new Set(names)].map((n) => byName.get(n)).filter((g): g is UserPoolGroup => g !== undefined);
  const withRole = member.filter((g) => typeof g.RoleArn === 'string' && g.RoleArn !== '').sort(comparePrecedence);
  const roles = [...new Set(withRole.map((g) => g.RoleArn!))];
  if (roles.length === 0) return { roles, groups: withRole, unknownGroups, reason: "none of the user's groups carries a role" };
  if (roles.length === 1) return { roles, preferredRole: roles[0], groups: withRole, unknownGroups, reason: 'only one role is available' };
  const best = withRole.filter((g) => samePrecedence(g, withRole[0]!));
  const bestRoles = new Set(best.map((g) => g.RoleArn));
  const bestNames = best.map((g) => `\`${g.GroupName}\``).join(', ');
  const precedence = typeof withRole[0]!.Precedence === 'number' ? `precedence ${withRole[0]!.Precedence}` : 'no precedence';
  if (bestRoles.size === 1) {
    return {
      roles,
      preferredRole: withRole[0]!.RoleArn,
      groups: withRole,
      unknownGroups,
      reason: `group ${bestNames} has the best ${precedence}`,
    };
  }
  return {
    roles,
    groups: withRole,
    unknownGroups,
    reason: `groups ${bestNames} share the best ${precedence} with different roles, so no preferred role is set`,
  };
}
