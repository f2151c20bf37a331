/**
 * Request keys the user chooses. A Cognito session fixes the principal's keys (tags, identity id,
 * aws:SecureTransport...), but each request carries its own: s3:prefix, object tags, the source IP.
 * When a scenario line or the access map leaves such a key out, keycard asks "is there a request
 * this user could send that is allowed?" and, if so, names the keys that make it so. This follows
 * keycard's rule for silent docs: never under-report what a user could get (and say so).
 */
import type { CompiledPolicy, Decision } from '../iam/index.js';
import { ANY_ONE, STAR } from '../iam/glob.js';
import { bucketOf } from '../iam/fast/intern.js';
import { actionTri, matchStatement, ruledOutByScope } from '../iam/fast/statement-fast.js';
import { NO, type CompiledCondition, type CompiledStatement } from '../iam/types.js';
import { resolveTemplate } from '../iam/variables.js';
import type { ContextValue } from '../model/types.js';
import { actionCarriesKey } from '../catalog/action-keys.js';
import { keyRow } from './global-keys.js';
import { decideParts, prepareInSession, withKeys, type PreparedPart } from './request.js';
import { ownPolicies, type S3Request, type Session } from './session.js';

/**
 * Keys the user chooses: the global keys docs/global-condition-keys.md marks `request`, and the
 * S3 keys that are request parameters. Keys the session or the resource fixes are never free
 * (a user cannot send `s3:DataAccessPointArn` to a bucket, nor `aws:SourceArn` at all).
 */
export function isRequestKey(keyLower: string): boolean {
  const row = keyRow(keyLower);
  if (row) return row.presence === 'request';
  return keyLower.startsWith('s3:');
}

/**
 * Whether a request for `action` leaves `keyLower` to the user: a request key (above) that the
 * action can carry (catalog/action-keys.ts). A key the action never carries is absent from its
 * requests (`s3:prefix` on `s3:GetObject`). When the catalog does not know, the key stays free:
 * never under-report.
 */
export function isFreeKey(action: string, keyLower: string): boolean {
  return isRequestKey(keyLower) && actionCarriesKey(action, keyLower) !== false;
}

export interface FreeDecision {
  /** Allow when some choice of the free request keys is allowed; otherwise the literal decision. */
  decision: Decision;
  /** The decision with every unspecified request key absent. */
  literal: Decision;
  /** Request keys that make the request allowed (set when decision is Allow and literal is not). */
  witness?: Record<string, ContextValue>;
  /** The conditions on request keys that the answer depends on, as text. */
  conditions: string[];
}

const MAX_CANDIDATES_PER_KEY = 12;
const MAX_COMBINATIONS = 256;

/** A statement with conditions on request keys, and those conditions. */
interface KeyedStatement {
  st: CompiledStatement;
  conditions: CompiledCondition[];
}

// Indexed once per compiled policy (documents compile once per project, see session.ts
// compiledOnce), so a bucket policy's request-key conditions are found once, not per session.
const keyedByPolicy = new WeakMap<CompiledPolicy, KeyedStatement[]>();
const keyedByAction = new WeakMap<CompiledPolicy, Map<string, KeyedStatement[]>>();
const NONE: KeyedStatement[] = [];

/** The statements of a policy with conditions on request keys. Plain statements (compiled lazily) have no conditions. */
function keyedStatements(policy: CompiledPolicy): KeyedStatement[] {
  let list = keyedByPolicy.get(policy);
  if (!list) {
    list = [];
    for (const st of policy.fast.lazy?.compiled ?? policy.statements) {
      if (!st) continue;
      const conditions = st.conditions.filter((c) => isRequestKey(c.keyLower));
      if (conditions.length) list.push({ st, conditions });
    }
    keyedByPolicy.set(policy, list.length ? list : NONE);
  }
  return list;
}

/** Those that can cover a (lowercase) action, each with the conditions on keys the action can carry. */
function keyedFor(policy: CompiledPolicy, lower: string): KeyedStatement[] {
  const all = keyedStatements(policy);
  if (all === NONE) return NONE;
  let byAction = keyedByAction.get(policy);
  if (!byAction) keyedByAction.set(policy, (byAction = new Map()));
  let list = byAction.get(lower);
  if (!list) {
    list = [];
    for (const k of all) {
      if (actionTri(k.st.matcher, lower) === NO) continue;
      const conditions = k.conditions.filter((c) => isFreeKey(lower, c.keyLower));
      if (conditions.length) list.push({ st: k.st, conditions });
    }
    if (list.length === 0) list = NONE;
    byAction.set(lower, list);
  }
  return list;
}

/**
 * The conditions on free keys in the statements that can apply to this request: those of the
 * session's policies and of the request's own resource policies (not every bucket policy of the
 * project), whose Action, Resource and Principal do not rule them out.
 */
function relevantConditions(session: Session, parts: PreparedPart[]): CompiledCondition[] {
  const out: CompiledCondition[] = [];
  const action = parts[0]!.prepared.action; // lowercase (PreparedRequest)
  for (const part of parts) {
    const req = part.prepared;
    const bucket = req.resourceBucket ?? bucketOf(req.resource);
    const hasBoundary = part.set.boundary !== undefined;
    const scan = (policy: CompiledPolicy) => {
      for (const { st, conditions } of keyedFor(policy, action)) {
        const rec = matchStatement(st.matcher, req, bucket, hasBoundary, actionTri(st.matcher, req.action));
        if (ruledOutByScope(rec)) continue;
        for (const c of conditions) if (!out.includes(c)) out.push(c);
      }
    };
    for (const policy of ownPolicies(session.policies)) scan(policy);
    if (part.set.resource) scan(part.set.resource);
  }
  return out;
}

/** Concrete values that can satisfy (or, for negations, defeat) a condition. */
function candidatesOf(c: CompiledCondition, lookup: (k: string) => string | undefined): string[] {
  switch (c.family) {
    case 'string':
    case 'arn': {
      const out: string[] = [];
      for (const t of c.templates) {
        const p = resolveTemplate(t, lookup);
        if (p === undefined) continue;
        out.push(p.split(STAR).join('').split(ANY_ONE).join('x'), p.split(STAR).join('x').split(ANY_ONE).join('x'));
      }
      if (c.negated) out.push('keycard-other-value');
      return out;
    }
    case 'numeric':
      return c.numbers.flatMap((n) => [String(n), String(n - 1), String(n + 1)]);
    case 'bool':
      return ['true', 'false'];
    case 'ip':
      return [...c.rawValues.map((v) => v.split('/')[0]!), '192.0.2.1'];
    case 'date':
    case 'binary':
      return [...c.rawValues];
    default:
      return ['keycard-value'];
  }
}

/** A condition as text, with this session's variables substituted (`private/us-east-1:…/`). */
function describeCondition(c: CompiledCondition, lookup: (k: string) => string | undefined): string {
  const q = c.qualifier === 'all' ? 'ForAllValues:' : c.qualifier === 'any' ? 'ForAnyValue:' : '';
  const values = c.templates.length
    ? c.templates.map((t) => resolveTemplate(t, lookup)?.split(STAR).join('*').split(ANY_ONE).join('?') ?? t.source)
    : c.rawValues;
  return `${q}${c.base}${c.ifExists ? 'IfExists' : ''} ${c.key} ${values.map((v) => `\`${v}\``).join(' or ')}`;
}

/** Decides a request, letting the user pick the request keys the line leaves out. */
export function decideWithFreeKeys(session: Session, req: S3Request): FreeDecision {
  const parts = prepareInSession(session, req);
  const start = parts[0]!.prepared;
  const literal = decideParts(parts);
  const relevant = relevantConditions(session, parts).filter((c) => !start.context.has(c.keyLower));
  if (relevant.length === 0) return { decision: literal, literal, conditions: [] };
  // The text of the conditions is made only when it is read (a map of a million cells shows few).
  let text: string[] | undefined;
  const withText = (d: Omit<FreeDecision, 'conditions'>): FreeDecision =>
    Object.defineProperty(d, 'conditions', {
      enumerable: true,
      configurable: true,
      get: () => (text ??= [...new Set(relevant.map((c) => describeCondition(c, start.lookup)))]),
    }) as FreeDecision;
  if (literal === 'Allow') return withText({ decision: literal, literal });
  const byKey = new Map<string, { key: string; values: Set<string>; multi: boolean }>();
  for (const c of relevant) {
    let entry = byKey.get(c.keyLower);
    if (!entry) byKey.set(c.keyLower, (entry = { key: c.key, values: new Set(), multi: c.qualifier !== 'none' }));
    for (const v of candidatesOf(c, start.lookup)) if (entry.values.size < MAX_CANDIDATES_PER_KEY) entry.values.add(v);
  }

  // Try combinations, absent first, until one is allowed.
  const keys = [...byKey.values()];
  const pick: (string | undefined)[] = new Array(keys.length).fill(undefined);
  let tried = 0;
  const search = (i: number): Record<string, ContextValue> | undefined => {
    if (tried >= MAX_COMBINATIONS) return undefined;
    if (i === keys.length) {
      tried++;
      const extra: Record<string, ContextValue> = {};
      keys.forEach((k, j) => {
        const v = pick[j];
        if (v !== undefined) extra[k.key] = k.multi ? [v] : v;
      });
      if (Object.keys(extra).length === 0) return undefined;
      return decideParts(withKeys(parts, extra)) === 'Allow' ? extra : undefined;
    }
    for (const v of [undefined, ...keys[i]!.values]) {
      pick[i] = v;
      const found = search(i + 1);
      if (found) return found;
    }
    return undefined;
  };
  const witness = search(0);
  if (witness) return withText({ decision: 'Allow', literal, witness });
  return withText({ decision: literal, literal });
}
