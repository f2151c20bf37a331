/**
 * Request keys the user chooses. A Cognito session fixes the principal's keys (tags, identity id,
 * aws:SecureTransport...), but each request carries its own: s3:prefix, object tags, the source IP.
 * When a scenario line or the access map leaves such a key out, keycard asks "is there a request
 * this user could send that is allowed?" and, if so, names the keys that make it so. This follows
 * keycard's rule for silent docs: never under-report what a user could get (and say so).
 */
import type { CompiledPolicy, Decision } from '../iam/index.js';
import { ANY_ONE, STAR } from '../iam/glob.js';
import { actionTri } from '../iam/fast/statement-fast.js';
import type { CompiledCondition } from '../iam/types.js';
import { resolveTemplate } from '../iam/variables.js';
import type { ContextValue } from '../model/types.js';
import { actionCarriesKey } from '../catalog/action-keys.js';
import { keyRow } from './global-keys.js';
import { decideParts, prepareInSession, withKeys } from './request.js';
import { resourcePolicyFor, type S3Request, type Session } from './session.js';

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

interface FreeCondition {
  condition: CompiledCondition;
  policy: CompiledPolicy;
  statementIndex: number;
}

/** Per-session state: the conditions on request keys, computed once. */
interface Decider {
  conditions: { st: CompiledPolicy['statements'][number]; list: FreeCondition[] }[];
  /** Conditions on request keys in statements that cover an action, by lowercase action. */
  byAction: Map<string, FreeCondition[]>;
}

const deciders = new WeakMap<Session, Decider>();

function deciderFor(session: Session): Decider {
  let d = deciders.get(session);
  if (d) return d;
  const conditions: Decider['conditions'] = [];
  const policies = [
    ...session.policies.identity,
    ...session.policies.session,
    ...(session.policies.boundary ? [session.policies.boundary] : []),
    ...session.policies.scp.flatMap((l) => l.policies),
    ...session.policies.rcp.flatMap((l) => l.policies),
    ...[...session.project.resourcePolicies.keys()].map((arn) => resourcePolicyFor(session.project, arn)!).filter(Boolean),
  ];
  for (const policy of policies) {
    for (const st of policy.statements) {
      const list = st.conditions
        .filter((c) => isRequestKey(c.keyLower))
        .map((condition) => ({ condition, policy, statementIndex: st.index }));
      if (list.length) conditions.push({ st, list });
    }
  }
  d = { conditions, byAction: new Map() };
  deciders.set(session, d);
  return d;
}

function conditionsFor(d: Decider, action: string): FreeCondition[] {
  let list = d.byAction.get(action);
  if (!list) {
    list = d.conditions
      .filter(({ st }) => actionTri(st.matcher, action.toLowerCase()) !== 0)
      .flatMap((c) => c.list)
      .filter((c) => isFreeKey(action, c.condition.keyLower));
    d.byAction.set(action, list);
  }
  return list;
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
  const d = deciderFor(session);
  const parts = prepareInSession(session, req);
  const start = parts[0]!.prepared;
  const literal = decideParts(parts);
  const relevant = conditionsFor(d, start.action);
  if (relevant.length === 0) return { decision: literal, literal, conditions: [] };
  const byKey = new Map<string, { key: string; values: Set<string>; multi: boolean }>();
  const conditions = new Set<string>();
  {
    for (const { condition: c } of relevant) {
      if (start.context.has(c.keyLower)) continue;
      conditions.add(describeCondition(c, start.lookup));
      let entry = byKey.get(c.keyLower);
      if (!entry) byKey.set(c.keyLower, (entry = { key: c.key, values: new Set(), multi: c.qualifier !== 'none' }));
      for (const v of candidatesOf(c, start.lookup)) if (entry.values.size < MAX_CANDIDATES_PER_KEY) entry.values.add(v);
    }
  }
  const unique = [...conditions];
  if (literal === 'Allow' || byKey.size === 0) return { decision: literal, literal, conditions: unique };

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
  if (witness) return { decision: 'Allow', literal, witness, conditions: unique };
  return { decision: literal, literal, conditions: unique };
}
