/**
 * A hand-written token often lists only `cognito:groups`. When the project gives the user pool's
 * groups, fill in `cognito:roles` / `cognito:preferred_role` exactly as the user pool would have.
 * A token that carries either claim is taken as issued: the user pool already decided.
 */
import type { Claims } from '../model/types.js';
import { getClaim, hasClaim } from './claims.js';
import { step, type ResolveContext } from './context.js';
import { deriveGroupRoleClaims } from './group-roles.js';

export function deriveUserPoolClaims(ctx: ResolveContext): Claims {
  const groups = ctx.project.userPoolGroups;
  const claims = ctx.claims;
  if (!Array.isArray(groups) || groups.length === 0 || !hasClaim(claims, 'cognito:groups')) return claims;
  if (hasClaim(claims, 'cognito:roles') || hasClaim(claims, 'cognito:preferred_role')) return claims;
  const derived = deriveGroupRoleClaims(getClaim(claims, 'cognito:groups'), groups);
  const location = ctx.project.locate.userPoolGroups([]);
  const at = location ? { location } : {};
  if (derived.unknownGroups.length > 0) {
    step(ctx, {
      step: 'groups',
      message: `groups ${derived.unknownGroups.map((g) => `\`${g}\``).join(', ')} are not in userPoolGroups; they carry no role`,
      outcome: 'info',
      ...at,
    });
  }
  const out: Claims = { ...claims };
  if (derived.roles.length > 0) out['cognito:roles'] = derived.roles;
  if (derived.preferredRole !== undefined) out['cognito:preferred_role'] = derived.preferredRole;
  const roles = derived.roles.length > 0 ? derived.roles.map((r) => `\`${r}\``).join(', ') : 'none';
  const preferred = derived.preferredRole !== undefined ? `\`${derived.preferredRole}\`` : 'not set';
  step(ctx, {
    step: 'groups',
    message: `derived from cognito:groups and userPoolGroups: cognito:roles ${roles}; cognito:preferred_role ${preferred} (${derived.reason})`,
    outcome: 'info',
    ...at,
  });
  return out;
}
