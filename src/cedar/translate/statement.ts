/**
 * One IAM statement → Cedar expressions: what it matches (Action, Resource, Condition) and, for
 * resource-based policies, how its Principal names the caller (directly, via the role, via the
 * account). The decision procedure that combines them lives in document.ts.
 */
import type { PathKey } from '../../diagnostics/diagnostic.js';
import { cedarString } from '../wasm.js';
import { splitAtColons, translateConditions } from './conditions.js';
import { untranslatable, type TranslateEnv } from './env.js';
import { and, FALSE, not, or, TRUE } from './expr.js';
import { actionRef, s3Actions, wildcardOnlyS3Actions } from './names.js';
import { matchPieces } from './pattern.js';
import { resolvePolicyString, type Piece } from './template.js';

interface PrincipalMatch {
  /** Names the caller itself (session, user, `*`): not limited by identity, boundary or session policy. */
  direct: string;
  /** Names the caller's role (or the user behind a federated session): limited by boundary and session policy. */
  role: string;
  /** Names the caller's account: delegation only. */
  account: string;
}

export interface TranslatedStatement {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Action ∧ Resource ∧ Condition. */
  match: string;
  /** Undefined when the statement has no Principal/NotPrincipal (identity-based policies). */
  principal?: PrincipalMatch;
  path: PathKey[];
}

export interface StatementOptions {
  /** Resource-based policy: Principal/NotPrincipal is required. */
  resourcePolicy: boolean;
  /** The caller has a permissions boundary: nobody is exempt from a NotPrincipal Deny. */
  hasBoundary: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

export function translateStatement(
  raw: unknown,
  index: number,
  path: PathKey[],
  env: TranslateEnv,
  opts: StatementOptions,
): TranslatedStatement | undefined {
  if (!isRecord(raw)) {
    untranslatable(env, path, 'the statement is not an object', 'a statement is an object with `Effect`, `Action` and `Resource`');
    return undefined;
  }
  const effect = raw.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    untranslatable(env, [...path, 'Effect'], `\`Effect\` must be \`Allow\` or \`Deny\``, 'fix the statement');
    return undefined;
  }
  const actions = matchedActions(raw, env, path);
  const action = actions ? actionTest(actions) : FALSE;
  const resource = actions ? translateResources(raw, env, path, actions) : FALSE;
  const condition = translateConditions(raw.Condition, env, [...path, 'Condition']);
  const st: TranslatedStatement = { index, effect, match: and([action, resource, condition]), path };
  if (typeof raw.Sid === 'string') st.sid = raw.Sid;
  if (opts.resourcePolicy) st.principal = translatePrincipal(raw, env, path, opts.hasBoundary);
  else if ('Principal' in raw || 'NotPrincipal' in raw)
    untranslatable(
      env,
      path,
      '`Principal` in a policy that is not resource-based',
      'remove it; only resource-based policies name principals',
    );
  return st;
}

/** Exactly one of two elements (`Action`/`NotAction`...). */
function pick(
  raw: Record<string, unknown>,
  a: string,
  b: string,
  env: TranslateEnv,
  path: PathKey[],
): { key: string; value: unknown; negated: boolean } | undefined {
  if (a in raw && b in raw) {
    untranslatable(env, path, `the statement has both \`${a}\` and \`${b}\``, `keep one of them`);
    return undefined;
  }
  if (a in raw) return { key: a, value: raw[a], negated: false };
  if (b in raw) return { key: b, value: raw[b], negated: true };
  untranslatable(env, path, `the statement has neither \`${a}\` nor \`${b}\``, `add \`${a}\``);
  return undefined;
}

/** Action patterns expanded against the S3 catalog: the set of S3 actions the element matches. */
function matchedActions(raw: Record<string, unknown>, env: TranslateEnv, path: PathKey[]): Set<string> | undefined {
  const el = pick(raw, 'Action', 'NotAction', env, path);
  if (!el) return undefined;
  const list = stringList(el.value);
  if (!list) {
    untranslatable(env, [...path, el.key], `\`${el.key}\` must be a string or a list of strings`, 'write e.g. `s3:GetObject`');
    return undefined;
  }
  const matched = new Set<string>();
  for (const [i, pattern] of list.entries()) {
    if (pattern !== '*' && !/^[A-Za-z0-9*?-]+:[A-Za-z0-9*?-]*$/.test(pattern)) {
      untranslatable(env, [...path, el.key, i], `\`${pattern}\` is not an action`, 'write `service:Action` or `*`');
      return undefined;
    }
    for (const a of expandActionPattern(pattern)) matched.add(a);
  }
  return el.negated ? new Set(s3Actions().filter((a) => !matched.has(a))) : matched;
}

const expansions = new Map<string, string[]>();

function expandActionPattern(pattern: string): string[] {
  const key = pattern.toLowerCase();
  let out = expansions.get(key);
  if (!out) {
    const re = new RegExp(`^${key.replace(/[*?]/g, (c) => (c === '*' ? '.*' : '.'))}$`, 's');
    out = s3Actions().filter((a) => re.test(a.toLowerCase()));
    expansions.set(key, out);
  }
  return out;
}

/** `action in [...]`, or its complement when shorter (the request action is always an S3 action). */
function actionTest(actions: ReadonlySet<string>): string {
  const all = s3Actions();
  if (actions.size === all.length) return TRUE;
  if (actions.size === 0) return FALSE;
  if (actions.size <= all.length / 2) return `action in [${[...actions].sort().map(actionRef).join(', ')}]`;
  return `!(action in [${all
    .filter((a) => !actions.has(a))
    .map(actionRef)
    .join(', ')}])`;
}

/**
 * Resource patterns, segment by segment as IAM matches them: `*` stays inside its segment, except
 * that a `*` ending the last segment written may run past colons. Wildcard-only actions are
 * matched only by `Resource: "*"`.
 */
function translateResources(raw: Record<string, unknown>, env: TranslateEnv, path: PathKey[], actions: ReadonlySet<string>): string {
  const el = pick(raw, 'Resource', 'NotResource', env, path);
  if (!el) return FALSE;
  const list = stringList(el.value);
  if (!list) {
    untranslatable(env, [...path, el.key], `\`${el.key}\` must be a string or a list of strings`, 'write an ARN or `*`');
    return FALSE;
  }
  const pureStar = list.some((pattern) => pattern.length > 0 && /^\*+$/.test(pattern));
  const tests = pureStar
    ? [TRUE]
    : list.map((pattern, i) => {
        const at = Array.isArray(el.value) ? [...path, el.key, i] : [...path, el.key];
        const pieces = resolvePolicyString(pattern, true, env, at);
        return pieces === undefined ? FALSE : resourcePieces(pieces, env, at);
      });
  // Only the wildcard-only actions this statement covers need the guard.
  const guarded = wildcardOnlyS3Actions().filter((a) => actions.has(a));
  if (!pureStar && guarded.length > 0) {
    tests.splice(
      0,
      tests.length,
      guarded.length === actions.size ? FALSE : and([`!(action in [${guarded.map(actionRef).join(', ')}])`, or(tests)]),
    );
  }
  const test = or(tests);
  return el.negated ? not(test) : test;
}

function resourcePieces(pieces: Piece[], env: TranslateEnv, path: PathKey[]): string {
  const segments = splitAtColons(pieces);
  if (segments.length === 1) return matchPieces('resource.arn', pieces, env, path);
  const last = segments.length - 1;
  const lastPiece = segments[last]!.at(-1);
  const parts: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    if (i === last && segments.length < 6) {
      if (!(lastPiece && 'wildcard' in lastPiece && lastPiece.wildcard === '*')) return FALSE;
      parts.push(matchPieces(`resource.tail${i}`, segments[i]!, env, path));
    } else {
      parts.push(matchPieces(`resource.s${i}`, segments[i]!, env, path));
    }
  }
  return and(parts);
}

const ACCOUNT_ID = /^\d{12}$/;

interface PrincipalEntry {
  type: string;
  value: string;
}

function principalEntries(value: unknown, env: TranslateEnv, path: PathKey[]): PrincipalEntry[] | undefined {
  if (value === '*') return [{ type: '*', value: '*' }];
  if (!isRecord(value)) {
    untranslatable(env, path, 'the principal must be `*` or an object such as `{AWS: arn}`', 'fix the Principal element');
    return undefined;
  }
  const out: PrincipalEntry[] = [];
  for (const [type, v] of Object.entries(value)) {
    const values = stringList(v);
    if (!['AWS', 'Federated', 'Service', 'CanonicalUser'].includes(type) || !values) {
      untranslatable(
        env,
        [...path, type],
        `principal entry \`${type}\` is not understood`,
        'use `AWS`, `Federated`, `Service` or `CanonicalUser`',
      );
      return undefined;
    }
    for (const x of values) out.push({ type, value: x });
  }
  return out;
}

const p = (attr: string, value: string) => `principal.${attr} == ${cedarString(value)}`;
const KIND = (k: string) => p('kind', k);

/** A role ARN (any path) names the role of a session by account and role name. */
function roleNameOf(arn: string): { account: string; name: string } | undefined {
  const m = /^[^:]*:[^:]*:iam:[^:]*:([^:]+):role\/(.*)$/s.exec(arn);
  if (!m || !m[1]) return undefined;
  return { account: m[1], name: m[2]!.split('/').pop()! };
}

function awsMatches(raw: string): PrincipalMatch {
  const v = ACCOUNT_ID.test(raw) ? `arn:aws:iam::${raw}:root` : raw;
  const same = p('arn', v);
  const direct = and([same, `!["account", "role", "anonymous"].contains(principal.kind)`]);
  const role = [and([same, KIND('role')])];
  const named = roleNameOf(v);
  if (named) role.push(and([KIND('role-session'), p('account', named.account), p('roleName', named.name)]));
  // A federated user's name is the caller's choice: `federated-user/NAME` is not IAM user NAME.
  const account = v === '' ? FALSE : or([and([same, KIND('account')]), and([`principal.kind != "anonymous"`, p('accountArn', v)])]);
  return { direct: v === '' ? FALSE : direct, role: v === '' ? FALSE : or(role), account };
}

function entryMatches(e: PrincipalEntry): PrincipalMatch {
  if (e.type === '*' || (e.type === 'AWS' && e.value === '*')) return { direct: TRUE, role: FALSE, account: FALSE };
  if (e.type === 'Federated' || e.type === 'Service') {
    return {
      direct: and([`["federated", "service"].contains(principal.kind)`, p('arnLower', e.value.toLowerCase())]),
      role: FALSE,
      account: FALSE,
    };
  }
  if (e.type !== 'AWS') return { direct: FALSE, role: FALSE, account: FALSE };
  return awsMatches(e.value);
}

function translatePrincipal(raw: Record<string, unknown>, env: TranslateEnv, path: PathKey[], hasBoundary: boolean): PrincipalMatch {
  const none = { direct: FALSE, role: FALSE, account: FALSE };
  const el = pick(raw, 'Principal', 'NotPrincipal', env, path);
  if (!el) return none;
  const entries = principalEntries(el.value, env, [...path, el.key]);
  if (!entries) return none;
  if (el.negated) {
    // An Allow with NotPrincipal allows every principal not exempted, anonymous users included.
    return { direct: not(exemptByNotPrincipal(entries, hasBoundary)), role: FALSE, account: FALSE };
  }
  const all = entries.map(entryMatches);
  return { direct: or(all.map((m) => m.direct)), role: or(all.map((m) => m.role)), account: or(all.map((m) => m.account)) };
}

/**
 * NotPrincipal exempts the caller only when every identity of its chain is listed (session, role
 * and account for a role session; user and account otherwise); with a boundary nobody is exempt.
 */
function exemptByNotPrincipal(entries: PrincipalEntry[], hasBoundary: boolean): string {
  if (hasBoundary) return FALSE;
  if (entries.some((e) => e.type === '*' || (e.type === 'AWS' && e.value === '*'))) return TRUE;
  const aws = entries.filter((e) => e.type === 'AWS').map((e) => (ACCOUNT_ID.test(e.value) ? `arn:aws:iam::${e.value}:root` : e.value));
  const listed = (attr: string) => or(aws.filter((v) => v !== '').map((v) => p(attr, v)));
  const roles = or(
    aws
      .map(roleNameOf)
      .filter((r) => r !== undefined)
      .map((r) => and([p('account', r.account), p('roleName', r.name)])),
  );
  const providers = or(
    entries.filter((e) => e.type === 'Federated' || e.type === 'Service').map((e) => p('arnLower', e.value.toLowerCase())),
  );
  return or([
    and([`["federated", "service"].contains(principal.kind)`, providers]),
    and([KIND('role-session'), listed('arn'), roles, listed('accountArn')]),
    and([`["user", "role", "federated-user", "account"].contains(principal.kind)`, listed('arn'), listed('accountArn')]),
  ]);
}
