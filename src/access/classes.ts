/**
 * Classes of access-map targets that every policy of a session treats alike, so the map decides
 * one representative per class instead of every prefix of the project (issue 17: at 1,000 roles a
 * map has 14,000 prefixes, and most of them are only named by other roles' policies).
 *
 * Two object targets of one bucket get the same decision, the same conditions and the same
 * witness for every action when each statement that can apply to the session (its own policies
 * and the bucket's policy, less the statements whose Principal rules the session out) matches
 * both of them or neither: the matcher (iam/fast/statement-fast.ts) reads the resource only
 * through that Resource/NotResource hit, and everything else of the request (the bucket's policy,
 * account and keys) is the bucket's. When that cannot be shown (access points, a Resource whose
 * variable a request key could fill), targets stay apart: never under-report.
 *
 * Actions are grouped the same way, per bucket: two actions get the same answer on a class when
 * every such statement gives both the same Action result and their requests can carry the same
 * request keys (free-keys.ts). Most of S3's 180 actions are named by no statement but `s3:*`.
 */
import { isWildcardOnly } from '../catalog/index.js';
import { exemptByNotPrincipal, GRANT_RANK, matchPrincipal } from '../iam/principal.js';
import { resourceHit } from '../iam/fast/resource-fast.js';
import type { FastStatement } from '../iam/fast/statement-fast.js';
import type { CompiledPolicy } from '../iam/index.js';
import type { PreparedRequest, PrincipalInfo } from '../iam/types.js';
import { arnSegments } from '../iam/arn.js';
import { bucketArnOf } from './context.js';
import { actionTri } from '../iam/fast/statement-fast.js';
import { isFreeKey, isRequestKey } from './free-keys.js';
import { prepareInSession } from './request.js';
import { ownPolicies, type Session } from './session.js';
import type { AccessTarget } from './types.js';

export interface TargetClasses {
  /** The class of each target; targets of one class get the same answer for every action. */
  classOf: Map<AccessTarget, number>;
  /** How many classes there are (class ids run from 0). */
  count: number;
  /**
   * A key for an action on a class: two actions with the same key get the same answer (decision,
   * conditions, witness) on every target of the class. The action itself when keycard cannot tell.
   */
  actionKey(classId: number, action: string): string;
}

/** Whether the statement's Principal can name the session's caller (matchStatement's Principal step, resource aside). */
function mayNameCaller(s: FastStatement, principal: PrincipalInfo, hasBoundary: boolean): boolean {
  if (s.principals === undefined) return true;
  if (s.notPrincipal) return !exemptByNotPrincipal(s.principals, principal, hasBoundary);
  if (s.unresolvedPrincipal || s.unclearPrincipal) return true;
  const g = matchPrincipal(s.principals, principal);
  return g !== undefined && GRANT_RANK[g] > 0;
}

/**
 * The statements that can apply to a bucket's requests: the session's and the bucket policy's,
 * less those whose Principal rules the session out and those whose Resource names only other
 * buckets (matchStatement settles them as not applying, whatever the action and key).
 */
interface BucketStatements {
  /** The request of the bucket's first target, with the bucket's policy, account and keys. */
  base: PreparedRequest;
  /** A copy of it whose resource changes from target to target. */
  scratch: PreparedRequest;
  statements: FastStatement[];
  /** The request keys their conditions test (lowercase, in order). */
  keys: string[];
  /** A Resource holds a variable the request could fill (a key the session does not fix), or the request is not one evaluation: no classes. */
  open: boolean;
  /** actionKey's answers (shared by buckets whose statements name the same actions and keys). */
  actionKeys: Map<string, string>;
}

function statementsOf(policy: CompiledPolicy): FastStatement[] {
  return policy.statements.map((s) => s.matcher);
}

/** Whether the Resource element can let the statement apply to a resource of the bucket (FastResource.bucket pins the bucket when it can). */
function mayApplyToBucket(s: FastStatement, bucket: string): boolean {
  if (s.resources === undefined || s.notResource || s.unclearResource || s.unresolvedResource) return true;
  return s.resources.some((r) => r.bucket === undefined || r.bucket === bucket);
}

/** What a statement's Action result depends on (statement-fast.ts actionTri). */
function actionIdOf(s: FastStatement): string {
  let id = `${s.notAction ? 'N' : ''}${s.unclearAction ? 'C' : ''}${s.unresolvedAction ? 'R' : ''}`;
  for (const m of s.actions) id += `\u0001${m.kind}${m.text}`;
  return id;
}

// Buckets whose statements name the same actions and keys share their action keys (most
// buckets of a project do): a cache by that signature, for every map of the process (bounded).
const actionKeysBySignature = new Map<string, Map<string, string>>();

function actionKeysFor(statements: readonly FastStatement[], keys: readonly string[]): Map<string, string> {
  const signature = `${statements.map(actionIdOf).join('\u0002')}\u0003${keys.join('\u0002')}`;
  let map = actionKeysBySignature.get(signature);
  if (!map) {
    if (actionKeysBySignature.size >= 4096) actionKeysBySignature.clear();
    actionKeysBySignature.set(signature, (map = new Map()));
  }
  return map;
}

function actionKeyIn(b: BucketStatements, action: string): string {
  let key = b.actionKeys.get(action);
  if (key === undefined) {
    const lower = action.toLowerCase();
    key = '';
    for (const s of b.statements) key += actionTri(s, lower);
    key += isWildcardOnly(action) ? ':*:' : ':';
    for (const k of b.keys) key += isFreeKey(lower, k) ? '1' : '0';
    b.actionKeys.set(action, key);
  }
  return key;
}

export function targetClasses(session: Session, targets: readonly AccessTarget[]): TargetClasses {
  const classOf = new Map<AccessTarget, number>();
  const ids = new Map<string, number>();
  /** The statements of each class (undefined: a class of one target whose actions stay apart). */
  const groups: (BucketStatements | undefined)[] = [];
  const alone = (t: AccessTarget) => {
    classOf.set(t, groups.length);
    groups.push(undefined);
  };
  const hasBoundary = session.policies.boundary !== undefined;
  const own: FastStatement[] = ownPolicies(session.policies).flatMap(statementsOf);
  const byBucket = new Map<string, BucketStatements>();
  for (const t of targets) {
    const bucketArn = t.kind === 'object' || t.kind === 'bucket' ? bucketArnOf(t.arn) : undefined;
    if (bucketArn === undefined || t.accessPoint) {
      alone(t);
      continue;
    }
    // A bucket's requests differ only in the resource: its policy, account and keys are the
    // bucket's (request.ts requestParts), so one request is prepared per bucket.
    let b = byBucket.get(bucketArn);
    let req: PreparedRequest;
    if (!b) {
      const parts = prepareInSession(session, { action: t.kind === 'object' ? 's3:GetObject' : 's3:ListBucket', resource: t.arn });
      const part = parts[0]!;
      req = part.prepared;
      const bucket = req.resourceBucket!;
      const policy = part.set.resource;
      const statements = [...own, ...(policy ? statementsOf(policy) : [])].filter(
        (s) => mayApplyToBucket(s, bucket) && mayNameCaller(s, req.principal, hasBoundary),
      );
      const keys = [...new Set(statements.flatMap((s) => s.conditions.map((c) => c.keyLower)).filter(isRequestKey))];
      const open =
        parts.length !== 1 ||
        part.part.blocked !== undefined ||
        statements.some((s) =>
          (s.resources ?? []).some((r) => r.template !== undefined && r.template.keys.some((k) => !req.context.has(k))),
        );
      byBucket.set(
        bucketArn,
        (b = { base: req, scratch: { ...req }, statements, keys, open, actionKeys: actionKeysFor(statements, keys) }),
      );
    } else {
      // Only the resource is read (resourceHit): one request object per bucket, retargeted.
      req = b.scratch;
      req.resource = t.arn;
      req.resourceSegments = arnSegments(t.arn);
    }
    if (b.open) {
      alone(t);
      continue;
    }
    const bucket = b.base.resourceBucket!;
    // The class: the target's kind and bucket, and the statements whose Resource element it hits.
    let key = `${t.kind} ${bucket}`;
    const statements = b.statements;
    for (let i = 0; i < statements.length; i++) {
      const resources = statements[i]!.resources;
      if (resources === undefined) continue;
      for (const r of resources) {
        if (resourceHit(r, req, bucket)) {
          key += ` ${i}`;
          break;
        }
      }
    }
    let id = ids.get(key);
    if (id === undefined) {
      ids.set(key, (id = groups.length));
      groups.push(b);
    }
    classOf.set(t, id);
  }
  return {
    classOf,
    count: groups.length,
    actionKey: (c, action) => {
      const b = groups[c];
      return b ? actionKeyIn(b, action) : action;
    },
  };
}
