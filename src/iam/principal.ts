/**
 * The calling principal and the Principal / NotPrincipal elements. AWS evaluates a request as
 * coming from a chain of identities (session, role, account); the kind of name a resource policy
 * uses decides which implicit denies its grant overrides (iam-reference §3.1 step 5).
 */
import { arnSegments } from './arn.js';
import type { GrantKind, PrincipalEntry, PrincipalInfo } from './types.js';

const ACCOUNT_ID = /^\d{12}$/;

/** Classifies a principal string once per request. */
export function classifyPrincipal(principal: string): PrincipalInfo {
  if (principal === 'anonymous' || principal === '*') return { arn: principal, kind: 'anonymous', partition: 'aws' };
  if (ACCOUNT_ID.test(principal)) {
    const arn = `arn:aws:iam::${principal}:root`;
    return { arn, kind: 'account', account: principal, partition: 'aws', accountArn: arn };
  }
  const segs = arnSegments(principal);
  if (segs.length !== 6 || segs[0] !== 'arn') {
    // `cognito-identity.amazonaws.com`, `s3.amazonaws.com`...: a service or identity-provider principal.
    return {
      arn: principal,
      kind: principal.endsWith('.amazonaws.com') && !principal.startsWith('cognito-identity') ? 'service' : 'federated',
      partition: 'aws',
    };
  }
  const [, partition, service, , account, rest] = segs as [string, string, string, string, string, string];
  const accountArn = `arn:${partition}:iam::${account}:root`;
  // Literals, not `{ ...base, kind }`: on Node 20 a spread followed by a new key costs about 1.5 µs.
  if (service === 'sts' && rest.startsWith('assumed-role/')) {
    const roleName = rest.split('/')[1];
    return { arn: principal, partition, account, accountArn, kind: 'role-session', roleName };
  }
  if (service === 'sts' && rest.startsWith('federated-user/')) {
    const userArn = `arn:${partition}:iam::${account}:user/${rest.slice('federated-user/'.length)}`;
    return { arn: principal, partition, account, accountArn, kind: 'federated-user', userArn };
  }
  let kind: PrincipalInfo['kind'] = 'user';
  if (service === 'iam' && rest === 'root') kind = 'account';
  else if (service === 'iam' && rest.startsWith('role/'))
    return { arn: principal, partition, account, accountArn, kind: 'role', roleName: rest.split('/').pop() };
  else if (service === 'iam' && (rest.startsWith('oidc-provider/') || rest.startsWith('saml-provider/'))) kind = 'federated';
  return { arn: principal, partition, account, accountArn, kind };
}

/** `123456789012` in a Principal element means the account root. */
function normalizeAwsValue(value: string): string {
  return ACCOUNT_ID.test(value) ? `arn:aws:iam::${value}:root` : value;
}

/** A role ARN (any path) that names the role of this session. */
function namesRole(value: string, p: PrincipalInfo): boolean {
  if (!p.roleName || !p.account) return false;
  const segs = arnSegments(value);
  if (segs.length !== 6 || segs[2] !== 'iam' || segs[4] !== p.account || !segs[5]!.startsWith('role/')) return false;
  return segs[5]!.split('/').pop() === p.roleName;
}

/** How one Principal entry names the caller, or undefined when it does not. */
function matchPrincipalEntry(entry: PrincipalEntry, p: PrincipalInfo): GrantKind | undefined {
  if (entry.type === '*' || (entry.type === 'AWS' && entry.value === '*')) return 'direct';
  if (entry.type === 'Federated' || entry.type === 'Service') {
    return (p.kind === 'federated' || p.kind === 'service') && entry.value.toLowerCase() === p.arn.toLowerCase() ? 'direct' : undefined;
  }
  if (entry.type !== 'AWS' || p.kind === 'anonymous') return undefined;
  const value = normalizeAwsValue(entry.value);
  if (value === p.arn) return p.kind === 'account' ? 'account' : p.kind === 'role' ? 'role' : 'direct';
  if (p.kind === 'role-session' && namesRole(value, p)) return 'role';
  // A federated user's name is the caller's choice (GetFederationToken): `federated-user/NAME`
  // does not identify IAM user NAME, so a grant to `user/NAME` does not reach the session.
  if (p.accountArn && value === p.accountArn) return 'account';
  return undefined;
}

/** The one ranking of grants: a stronger grant overrides more implicit denies (iam-reference §3.1). */
export const GRANT_RANK: Record<GrantKind, number> = { direct: 3, role: 2, account: 1 };
export const GRANT_BY_RANK: readonly (GrantKind | undefined)[] = [undefined, 'account', 'role', 'direct'];

/** The strongest way a Principal element names the caller. */
export function matchPrincipal(entries: readonly PrincipalEntry[], p: PrincipalInfo): GrantKind | undefined {
  let best: GrantKind | undefined;
  for (const e of entries) {
    const kind = matchPrincipalEntry(e, p);
    if (kind && (!best || GRANT_RANK[kind] > GRANT_RANK[best])) best = kind;
  }
  return best;
}

/**
 * NotPrincipal: the caller is exempt only when every identity of its chain is listed (session,
 * role and account for a role session; user and account for a user). Listing the account alone
 * does not exempt its principals. With `hasBoundary`, nobody is exempt from a Deny (AWS docs).
 */
export function exemptByNotPrincipal(entries: readonly PrincipalEntry[], p: PrincipalInfo, hasBoundary: boolean): boolean {
  if (hasBoundary) return false;
  const listed = (test: (e: PrincipalEntry) => boolean) =>
    entries.some((e) => e.type === '*' || (e.type === 'AWS' && e.value === '*') || test(e));
  const aws = (v: string) => (e: PrincipalEntry) => e.type === 'AWS' && normalizeAwsValue(e.value) === v;
  switch (p.kind) {
    case 'anonymous':
      return listed(() => false);
    case 'federated':
    case 'service':
      return listed((e) => (e.type === 'Federated' || e.type === 'Service') && e.value.toLowerCase() === p.arn.toLowerCase());
    case 'role-session':
      return listed(aws(p.arn)) && listed((e) => e.type === 'AWS' && namesRole(e.value, p)) && listed(aws(p.accountArn!));
    default:
      return listed(aws(p.arn)) && listed(aws(p.accountArn!));
  }
}
