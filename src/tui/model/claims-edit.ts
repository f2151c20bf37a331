/**
 * Editing a user's token the way the UI offers it: set, add and remove claims, toggle group
 * membership (recomputing cognito:roles and cognito:preferred_role as the user pool would), and
 * switch the login provider. Pure functions: a new user out, the old one untouched.
 */
import { deriveGroupRoleClaims } from '../../cognito/group-roles.js';
import type { Claims, IdentityPool, UserPoolGroup } from '../../model/types.js';
import type { ExplorerUser } from './types.js';

const GROUPS = 'cognito:groups';
const ROLES = 'cognito:roles';
const PREFERRED = 'cognito:preferred_role';

export function groupsOf(claims: Claims): string[] {
  const g = claims[GROUPS];
  return (Array.isArray(g) ? g : typeof g === 'string' ? [g] : []).filter((x): x is string => typeof x === 'string');
}

function edited(u: ExplorerUser, claims: Claims): ExplorerUser {
  return { ...u, claims, edited: true };
}

/** The text of a value in the editor: strings as they are, anything else as JSON. */
export function formatClaimValue(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? 'null');
}

/**
 * Reads what was typed. Lists and objects are JSON/YAML flow (`[admins, editors]`); the old value's
 * type is kept otherwise, so a numeric-looking `sub` stays a string and `exp` stays a number.
 */
export function parseClaimValue(text: string, previous?: unknown): unknown {
  const t = text.trim();
  if (/^[[{]/.test(t)) {
    try {
      return JSON.parse(t);
    } catch {
      const items = /^\[(.*)\]$/.exec(t);
      if (items)
        return items[1]!
          .split(',')
          .map((s) => s.trim().replace(/^["']|["']$/g, ''))
          .filter((s) => s !== '');
      return text;
    }
  }
  if (typeof previous === 'number' && t !== '' && Number.isFinite(Number(t))) return Number(t);
  if ((typeof previous === 'boolean' || previous === undefined) && (t === 'true' || t === 'false')) return t === 'true';
  return text;
}

export function setClaim(u: ExplorerUser, name: string, value: unknown): ExplorerUser {
  return edited(u, { ...u.claims, [name]: value });
}

export function removeClaim(u: ExplorerUser, name: string): ExplorerUser {
  const { [name]: _gone, ...rest } = u.claims;
  return edited(u, rest);
}

/** `name=value` from the add prompt; undefined when there is no name. */
export function parseAssignment(text: string): { name: string; value: string } | undefined {
  const eq = text.indexOf('=');
  const name = (eq < 0 ? text : text.slice(0, eq)).trim();
  if (!name) return undefined;
  return { name, value: eq < 0 ? '' : text.slice(eq + 1).trim() };
}

/**
 * Joins or leaves a group. A token that carries cognito:roles / preferred_role gets them recomputed;
 * one that does not leaves them to the resolver, which derives them the same way.
 */
export function toggleGroup(u: ExplorerUser, group: string, userPoolGroups: readonly UserPoolGroup[]): ExplorerUser {
  const current = groupsOf(u.claims);
  const next = current.includes(group) ? current.filter((g) => g !== group) : [...current, group];
  const claims: Claims = { ...u.claims };
  if (next.length) claims[GROUPS] = next;
  else delete claims[GROUPS];
  if (ROLES in claims || PREFERRED in claims) {
    const d = deriveGroupRoleClaims(next, userPoolGroups);
    delete claims[ROLES];
    delete claims[PREFERRED];
    if (d.roles.length) claims[ROLES] = d.roles;
    if (d.preferredRole) claims[PREFERRED] = d.preferredRole;
  }
  return edited(u, claims);
}

/** One way to sign in to the pool: the guest, each user-pool app client, each other provider. */
export interface LoginOption {
  label: string;
  login?: string;
  /** For user-pool app clients: the `aud` of their ID tokens. */
  clientId?: string;
}

export function loginOptions(pool: IdentityPool): LoginOption[] {
  const out: LoginOption[] = [{ label: 'guest (no login)' }];
  for (const p of pool.CognitoIdentityProviders ?? []) {
    const userPool = p.ProviderName.replace(/^cognito-idp\.[a-z0-9-]+\.amazonaws\.com\//, '');
    out.push({ label: `user pool ${userPool} · client ${p.ClientId}`, login: p.ProviderName, clientId: p.ClientId });
  }
  for (const k of Object.keys(pool.SupportedLoginProviders ?? {})) out.push({ label: k, login: k });
  for (const arn of pool.OpenIdConnectProviderARNs ?? []) {
    const host = arn.replace(/^arn:[^:]+:iam::\d+:oidc-provider\//, '');
    out.push({ label: `OIDC ${host}`, login: host });
  }
  for (const arn of pool.SamlProviderARNs ?? []) out.push({ label: `SAML ${arn}`, login: arn });
  if (pool.DeveloperProviderName) out.push({ label: `developer ${pool.DeveloperProviderName}`, login: 'cognito-identity.amazonaws.com' });
  return out;
}

/** The option the user signs in with now (-1 when the login is none of the pool's). */
function currentLoginOption(u: ExplorerUser, options: LoginOption[]): number {
  return options.findIndex((o) => o.login === u.login && (o.clientId === undefined || o.clientId === u.claims.aud));
}

export function describeLogin(u: ExplorerUser, pool: IdentityPool | undefined): string {
  if (u.login === undefined) return 'guest (no login)';
  const i = pool ? currentLoginOption(u, loginOptions(pool)) : -1;
  return i >= 0 && pool ? loginOptions(pool)[i]!.label : u.login;
}

/** Signs in with the next provider; a user-pool client sets `aud` (and `token_use: id` when absent). */
export function switchLogin(u: ExplorerUser, pool: IdentityPool): ExplorerUser {
  const options = loginOptions(pool);
  const next = options[(currentLoginOption(u, options) + 1) % options.length]!;
  const { login: _old, ...rest } = u;
  const claims: Claims = { ...u.claims };
  if (next.clientId !== undefined) {
    claims.aud = next.clientId;
    if (claims.token_use === undefined) claims.token_use = 'id';
  }
  return { ...rest, ...(next.login !== undefined ? { login: next.login } : {}), claims, edited: true };
}
