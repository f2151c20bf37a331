/**
 * The S3 access map of a session: every S3 action of the catalog on every target it applies to
 * (buckets, the prefixes the policies mention, `*`, other resource types), each Allow,
 * ExplicitDeny or ImplicitDeny, with the request-key conditions that still decide it.
 */
import { actionInfo, allS3Actions } from '../catalog/index.js';
import { decideWithFreeKeys } from './free-keys.js';
import type { Session } from './session.js';
import { accessTargets, otherTarget } from './targets.js';
import { ACCESS_LEVELS, type AccessEntry, type AccessLevel, type AccessMap, type AccessTarget } from './types.js';

export interface AccessMapOptions {
  /** Restrict to these actions (default: every S3 action in the catalog). */
  actions?: string[];
  /** Evaluate these targets instead of the session's own (diff compares two sessions on one list). */
  targets?: AccessTarget[];
}

function levelOf(level: string): AccessLevel {
  return (ACCESS_LEVELS as readonly string[]).includes(level) ? (level as AccessLevel) : 'Write';
}

/** The targets an action applies to, by the resource types the catalog gives it. */
function targetsFor(types: string[], targets: AccessTarget[], session: Session): AccessTarget[] {
  if (types.length === 0) return targets.filter((t) => t.kind === 'wildcard');
  // Through an access point only when the action supports its resource types.
  if (types.includes('object'))
    return targets.filter((t) => t.kind === 'object' && (!t.accessPoint || types.includes('accesspointobject')));
  if (types.includes('bucket')) return targets.filter((t) => t.kind === 'bucket' && (!t.accessPoint || types.includes('accesspoint')));
  return [otherTarget(types[0]!, session)];
}

export function accessMap(session: Session, opts: AccessMapOptions = {}): AccessMap {
  const targets = opts.targets ?? accessTargets(session);
  const entries: AccessEntry[] = [];
  const counts: AccessMap['counts'] = { allow: 0, conditional: 0, explicitDeny: 0, implicitDeny: 0 };
  // Actions with the same resource types share one target list (the filter is linear in targets).
  const byTypes = new Map<string, AccessTarget[]>();
  for (const action of opts.actions ?? allS3Actions()) {
    const info = actionInfo(action);
    if (!info) continue;
    const level = levelOf(info.accessLevel);
    const typesKey = info.resourceTypes.join(',');
    let forAction = byTypes.get(typesKey);
    if (!forAction) byTypes.set(typesKey, (forAction = targetsFor(info.resourceTypes, targets, session)));
    for (const target of forAction) {
      const d = decideWithFreeKeys(session, { action: info.action, resource: target.arn });
      const conditional = d.decision === 'Allow' && d.literal !== 'Allow';
      entries.push({
        action: info.action,
        level,
        target,
        decision: d.decision,
        literal: d.literal,
        conditional,
        // Read through: the text is made only when the entry is shown (free-keys.ts).
        get conditions() {
          return d.conditions;
        },
        ...(d.witness ? { witness: d.witness } : {}),
      });
      if (conditional) counts.conditional++;
      else if (d.decision === 'Allow') counts.allow++;
      else if (d.decision === 'ExplicitDeny') counts.explicitDeny++;
      else if (d.decision === 'Unknown')
        counts.unknown = (counts.unknown ?? 0) + 1; // depends on an unresolved value
      else counts.implicitDeny++;
    }
  }
  const others = new Map<string, AccessTarget>();
  for (const e of entries) if (e.target.kind === 'other') others.set(e.target.arn, e.target);
  return {
    role: session.roleArn,
    sessionArn: session.arn,
    identityId: session.resolution.identityId,
    targets: [...targets, ...others.values()],
    entries,
    counts,
  };
}
