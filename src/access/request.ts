/**
 * The one place where keycard builds an S3 request of a session, as AWS builds it: which
 * evaluations it needs (one, or two through an access point), which resource policy and resource
 * account each has, and the request keys the resource fixes (docs/global-condition-keys.md).
 * `test`, `can`, `access`, `diff`, `explore` and the library all decide through here.
 */
import { actionInfo } from '../catalog/index.js';
import { evaluate, prepareRequest } from '../iam/index.js';
import type { CompiledPolicy, Decision, EvaluationResult, Explain, PolicySet, PreparedRequest } from '../iam/index.js';
import { retarget } from '../iam/request.js';
import type { AccessPoint, ContextValue, Project } from '../model/types.js';
import { bucketArnOf } from './context.js';
import { compiledOnce } from '../iam/index.js';
import type { S3Request, Session } from './session.js';

/** One authorization AWS makes for the request. */
interface RequestPart {
  /** `bucket` for the bucket (or any other resource), `access point` for the access point's own check. */
  via: 'bucket' | 'access point';
  /** The ARN this evaluation is made on. */
  resource: string;
  /** The account that owns it. */
  resourceAccount: string;
  /** Request keys the resource fixes. */
  keys: Record<string, ContextValue>;
  policy?: CompiledPolicy;
  /** Set when keycard cannot make this evaluation (it then denies, never allows). */
  blocked?: string;
}

const AP_ARN = /^(arn:([^:]+):s3:([^:]*):(\d{12}):accesspoint\/([^/]+))(?:\/object\/(.*))?$/;

/** `arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME[/object/KEY]` → its parts. */
function parseAccessPointArn(arn: string): { arn: string; account: string; name: string; key?: string } | undefined {
  const m = AP_ARN.exec(arn);
  if (!m) return undefined;
  return { arn: m[1]!, account: m[4]!, name: m[5]!, ...(m[6] !== undefined ? { key: m[6] } : {}) };
}

/** The account that owns a bucket: its `{Account, Policy}` entry, else the project's. */
function bucketAccount(project: Project, bucketArn: string): string {
  return project.resourceAccounts?.get(bucketArn) ?? project.account;
}

function resourceKeys(account: string): Record<string, ContextValue> {
  return { 'aws:ResourceAccount': account, 's3:ResourceAccount': account };
}

function policyOf(project: Project, arn: string): CompiledPolicy | undefined {
  const doc = project.resourcePolicies.get(arn);
  return doc ? compiledOnce(doc, 'resource') : undefined;
}

/** Whether an action reads or writes data through an access point (rather than managing it). */
function isDataAction(action: string): boolean {
  const types = actionInfo(action)?.resourceTypes ?? [];
  return types.includes('object') || types.includes('bucket');
}

function accessPointParts(
  project: Project,
  action: string,
  resource: string,
  ap: NonNullable<ReturnType<typeof parseAccessPointArn>>,
): RequestPart[] {
  const point: AccessPoint | undefined = project.accessPoints?.get(ap.arn);
  const apKeys: Record<string, ContextValue> = { 's3:DataAccessPointArn': ap.arn, 's3:DataAccessPointAccount': ap.account };
  if (point) apKeys['s3:AccessPointNetworkOrigin'] = point.NetworkOrigin;
  const own: RequestPart = {
    via: 'access point',
    resource,
    resourceAccount: ap.account,
    keys: { ...resourceKeys(ap.account), ...apKeys },
    ...(policyOf(project, ap.arn) ? { policy: policyOf(project, ap.arn)! } : {}),
  };
  // "both the access point and the underlying bucket must permit the request" (S3/access-points-policies.html)
  if (ap.key === undefined && !isDataAction(action)) return [own];
  if (!point) {
    return [
      own,
      {
        via: 'bucket',
        resource,
        resourceAccount: ap.account,
        keys: own.keys,
        blocked: `the access point \`${ap.arn}\` is not in the project (accessPoints), so keycard does not know which bucket it fronts`,
      },
    ];
  }
  const bucketArn = `arn:aws:s3:::${point.Bucket}`;
  const account = point.BucketAccountId ?? project.resourceAccounts?.get(bucketArn) ?? ap.account;
  const bucketPolicy = policyOf(project, bucketArn);
  return [
    own,
    {
      via: 'bucket',
      resource: ap.key === undefined ? bucketArn : `${bucketArn}/${ap.key}`,
      resourceAccount: account,
      keys: { ...resourceKeys(account), ...apKeys },
      ...(bucketPolicy ? { policy: bucketPolicy } : {}),
    },
  ];
}

/** The evaluations AWS makes for an action on a resource of the project. */
function requestParts(project: Project, action: string, resource: string): RequestPart[] {
  const ap = parseAccessPointArn(resource);
  if (ap) return accessPointParts(project, action, resource, ap);
  const bucket = bucketArnOf(resource);
  if (bucket) {
    const account = bucketAccount(project, bucket);
    const policy = policyOf(project, bucket);
    return [{ via: 'bucket', resource, resourceAccount: account, keys: resourceKeys(account), ...(policy ? { policy } : {}) }];
  }
  const account = project.resourceAccounts?.get(resource) ?? /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(resource)?.[1] ?? project.account;
  const policy = policyOf(project, resource);
  return [{ via: 'bucket', resource, resourceAccount: account, keys: resourceKeys(account), ...(policy ? { policy } : {}) }];
}

/** A part ready to evaluate: its policy set and prepared request. */
export interface PreparedPart {
  part: RequestPart;
  set: PolicySet;
  prepared: PreparedRequest;
}

interface SessionCache {
  base: PreparedRequest;
  sets: Map<CompiledPolicy | undefined, PolicySet>;
  /** Prepared requests per part, before the request's own keys. */
  byPart: WeakMap<RequestPart, PreparedRequest>;
  parts: Map<string, RequestPart[]>;
}
const caches = new WeakMap<Session, SessionCache>();

function cacheOf(session: Session): SessionCache {
  let c = caches.get(session);
  if (!c) {
    const base = prepareRequest({
      principal: session.arn,
      action: 's3:GetObject',
      resource: '*',
      resourceAccount: session.project.account,
      context: session.context,
    });
    caches.set(session, (c = { base, sets: new Map(), byPart: new WeakMap(), parts: new Map() }));
  }
  return c;
}

/**
 * Builds the request a session makes: the session's keys, then the keys the resource fixes, then
 * the keys the caller gives (a scenario line, `--context`, a free-key witness).
 */
export function prepareInSession(session: Session, req: S3Request): PreparedPart[] {
  const c = cacheOf(session);
  // The action matters only through an access point (data or management action).
  const partsKey = req.resource.includes(':accesspoint/') ? `${isDataAction(req.action)}\n${req.resource}` : req.resource;
  let parts = c.parts.get(partsKey);
  if (!parts) {
    if (c.parts.size > 8192) c.parts.clear();
    c.parts.set(partsKey, (parts = requestParts(session.project, req.action, req.resource)));
  }
  return parts.map((part) => {
    let set = c.sets.get(part.policy);
    if (!set) c.sets.set(part.policy, (set = part.policy ? { ...session.policies, resource: part.policy } : { ...session.policies }));
    let forResource = c.byPart.get(part);
    if (!forResource) c.byPart.set(part, (forResource = retarget(c.base, req.action, part.resource, part.keys, part.resourceAccount)));
    const given = req.context && Object.keys(req.context).length ? req.context : undefined;
    return { part, set, prepared: retarget(forResource, req.action, part.resource, given) };
  });
}

/** The same parts with extra request keys (the free-key search). */
export function withKeys(parts: PreparedPart[], extra: Record<string, ContextValue>): PreparedPart[] {
  return parts.map((p) => ({ ...p, prepared: retarget(p.prepared, p.prepared.request.action, p.part.resource, extra) }));
}

/** Combines the decisions of the parts: a Deny in any wins; every part must allow. */
function combineDecisions(decisions: Decision[]): Decision {
  if (decisions.includes('ExplicitDeny')) return 'ExplicitDeny';
  return decisions.every((d) => d === 'Allow') ? 'Allow' : 'ImplicitDeny';
}

/** Decides prepared parts (fast, no explanation). */
export function decideParts(parts: PreparedPart[]): Decision {
  if (parts.length === 1 && !parts[0]!.part.blocked) return evaluate(parts[0]!.set, parts[0]!.prepared).decision;
  return combineDecisions(parts.map((p) => (p.part.blocked ? 'ImplicitDeny' : evaluate(p.set, p.prepared).decision)));
}

/** Decides prepared parts with one explanation that covers them all. */
export function explainParts(parts: PreparedPart[], opts: { explain?: boolean } = {}): EvaluationResult {
  if (parts.length === 1 && !parts[0]!.part.blocked) return evaluate(parts[0]!.set, parts[0]!.prepared, opts);
  const results = parts.map((p) => (p.part.blocked ? undefined : evaluate(p.set, p.prepared, opts)));
  const decision = combineDecisions(results.map((r) => r?.decision ?? 'ImplicitDeny'));
  if (!opts.explain) return { decision };
  return { decision, explain: mergeExplains(parts, results, decision) };
}

function mergeExplains(parts: PreparedPart[], results: (EvaluationResult | undefined)[], decision: Decision): Explain {
  const first = results.find((r) => r?.explain)?.explain;
  const deciding = results.find((r) => r && r.decision === decision)?.explain ?? first;
  const p0 = parts[0]!.prepared;
  const out: Explain = {
    ...(deciding ?? {
      decision,
      summary: '',
      principal: { arn: p0.principal.arn, kind: p0.principal.kind },
      action: p0.request.action,
      resource: p0.resource,
      crossAccount: false,
      indeterminate: false,
    }),
    decision,
    steps: [],
    policies: [],
    notes: [],
  };
  out.resource = p0.request.resource;
  parts.forEach((p, i) => {
    const r = results[i];
    const label = p.part.via === 'access point' ? `access point (${p.part.resource})` : `underlying bucket (${p.part.resource})`;
    if (!r?.explain) {
      out.steps.push({
        step: p.part.via === 'access point' ? 'access-point' : 'bucket',
        outcome: 'fail',
        message: `${label}: ${p.part.blocked ?? 'not evaluated'}`,
      });
      out.notes.push(p.part.blocked ?? `${label} not evaluated`);
      return;
    }
    out.steps.push({
      step: p.part.via === 'access point' ? 'access-point' : 'bucket',
      outcome: r.decision === 'Allow' ? 'pass' : r.decision === 'ExplicitDeny' ? 'deny' : 'fail',
      message: `${label}: ${r.decision}`,
    });
    out.steps.push(...r.explain.steps);
    out.policies.push(...r.explain.policies);
    out.notes.push(...r.explain.notes);
    if (r.explain.crossAccount) out.crossAccount = true;
    if (r.explain.indeterminate) out.indeterminate = true;
  });
  out.notes.unshift(
    'through an access point, both the access point and the underlying bucket must permit the request (S3/access-points-policies.html)',
  );
  if (decision !== deciding?.decision || !deciding)
    out.summary = `${decision}: ${out.notes.find((n) => n.includes('not in the project')) ?? 'see the access point and bucket evaluations'}`;
  return out;
}
