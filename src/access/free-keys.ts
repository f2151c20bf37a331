/**
 * Request keys the user chooses. A Cognito session fixes the principal's keys (tags, identity id,
 * aws:SecureTransport...), but each request carries its own: s3:prefix, object tags, the source IP.
 * When a scenario line or the access map leaves such a key out, keycard asks "is there a request
 * this user could send that is allowed?" and, if so, names the keys that make it so. This follows
 * keycard's rule for silent docs: never under-report what a user could get (and say so).
 */
import { prepareRequest, evaluate } from '../iam/index.js';
import type { CompiledPolicy, Decision, PolicySet } from '../iam/index.js';
import type { CompiledCondition } from '../iam/types.js';
import { actionMatches } from '../iam/statement-match.js';
import { ANY_ONE, STAR } from '../iam/glob.js';
import { resolveTemplate } from '../iam/variables.js';
import type { ContextValue } from '../model/types.js';
import { resourcePolicyFor, type S3Request, type Session } from './session.js';

/** Global keys that describe the request rather than the principal (IAM global condition keys). */
const REQUEST_GLOBAL_KEYS = new Set([
  'aws:sourceip', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:vpcsourceip', 'aws:referer', 'aws:useragent',
  'aws:tagkeys', 'aws:calledvia', 'aws:calledviafirst', 'aws:calledvialast', 'aws:sourcearn', 'aws:sourceaccount',
  'aws:sourceorgid', 'aws:sourceorgpaths',
]);

export function isRequestKey(keyLower: string): boolean {
  return keyLower.startsWith('s3:') || keyLower.startsWith('aws:requesttag/') || keyLower.startsWith('aws:resourcetag/') || REQUEST_GLOBAL_KEYS.has(keyLower);
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

function policiesOf(set: PolicySet): CompiledPolicy[] {
  return [
    ...set.identity, ...set.session, ...(set.boundary ? [set.boundary] : []), ...(set.resource ? [set.resource] : []),
    ...set.scp.flatMap((l) => l.policies), ...set.rcp.flatMap((l) => l.policies),
  ];
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

function describe(c: CompiledCondition): string {
  const q = c.qualifier === 'all' ? 'ForAllValues:' : c.qualifier === 'any' ? 'ForAnyValue:' : '';
  return `${q}${c.base}${c.ifExists ? 'IfExists' : ''} ${c.key} ${c.rawValues.map((v) => `\`${v}\``).join(' or ')}`;
}

/** Decides a request, letting the user pick the request keys the line leaves out. */
export function decideWithFreeKeys(session: Session, req: S3Request): FreeDecision {
  const resource = resourcePolicyFor(session.project, req.resource);
  const set: PolicySet = resource ? { ...session.policies, resource } : { ...session.policies };
  const baseContext: Record<string, ContextValue> = { ...session.context, 'aws:ResourceAccount': session.project.account, ...(req.context ?? {}) };
  const given = new Set(Object.keys(baseContext).map((k) => k.toLowerCase()));
  const decide = (extra: Record<string, ContextValue>): Decision =>
    evaluate(set, prepareRequest({ principal: session.arn, action: req.action, resource: req.resource, resourceAccount: session.project.account, context: { ...baseContext, ...extra } })).decision;

  const literal = decide({});
  const action = req.action.toLowerCase();
  const lookup = (k: string): string | undefined => {
    const v = Object.entries(baseContext).find(([key]) => key.toLowerCase() === k.toLowerCase())?.[1];
    return typeof v === 'string' ? v : undefined;
  };
  const byKey = new Map<string, { key: string; values: Set<string>; multi: boolean }>();
  const conditions: string[] = [];
  for (const p of policiesOf(set)) {
    for (const st of p.statements) {
      if (actionMatches(st, action) === 0) continue;
      for (const c of st.conditions) {
        if (given.has(c.keyLower) || !isRequestKey(c.keyLower)) continue;
        conditions.push(describe(c));
        let entry = byKey.get(c.keyLower);
        if (!entry) byKey.set(c.keyLower, (entry = { key: c.key, values: new Set(), multi: c.qualifier !== 'none' }));
        for (const v of candidatesOf(c, lookup)) if (entry.values.size < MAX_CANDIDATES_PER_KEY) entry.values.add(v);
      }
    }
  }
  const unique = [...new Set(conditions)];
  if (literal === 'Allow' || byKey.size === 0) return { decision: literal, literal, conditions: unique };

  // Try combinations, absent first, until one is allowed.
  const keys = [...byKey.values()];
  const options = keys.map((k) => [undefined, ...k.values]);
  let tried = 0;
  const pick: (string | undefined)[] = new Array(keys.length).fill(undefined);
  const search = (i: number): Record<string, ContextValue> | undefined => {
    if (tried >= MAX_COMBINATIONS) return undefined;
    if (i === keys.length) {
      tried++;
      const extra: Record<string, ContextValue> = {};
      keys.forEach((k, j) => {
        const v = pick[j];
        if (v !== undefined) extra[k.key] = k.multi ? [v] : v;
      });
      return Object.keys(extra).length && decide(extra) === 'Allow' ? extra : undefined;
    }
    for (const v of options[i]!) {
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
