/**
 * The S3 access map of a session: every S3 action of the catalog on every target it applies to
 * (buckets, the prefixes the policies mention, `*`, other resource types), each Allow,
 * ExplicitDeny or ImplicitDeny, with the request-key conditions that still decide it.
 */
import { actionInfo, allS3Actions } from '../catalog/index.js';
import { targetClasses } from './classes.js';
import { decideWithFreeKeys, type FreeDecision } from './free-keys.js';
import type { Session } from './session.js';
import { accessTargets, otherTarget } from './targets.js';
import {
  ACCESS_LEVELS,
  type AccessCell,
  type AccessEntry,
  type AccessLevel,
  type AccessMap,
  type AccessRow,
  type AccessTarget,
} from './types.js';

export interface AccessMapOptions {
  /** Restrict to these actions (default: every S3 action in the catalog). */
  actions?: string[];
  /** Evaluate these targets instead of the session's own (diff compares two sessions on one list). */
  targets?: AccessTarget[];
  /** Called before each action (and once at the end) with the actions done and their total. */
  onProgress?: (done: number, total: number) => void;
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
  // One decision per class of targets and group of actions that every policy treats alike
  // (classes.ts), not per cell.
  const classes = targetClasses(session, targets);
  /** Per class, the decision of each group of actions that the class's policies treat alike. */
  const decided: Map<string, FreeDecision>[] = [];
  const rows: AccessRow[] = [];
  const counts: AccessMap['counts'] = { allow: 0, conditional: 0, explicitDeny: 0, implicitDeny: 0 };
  // Actions with the same resource types share one target list (the filter is linear in targets),
  // and the classes of its targets.
  const byTypes = new Map<string, { targets: AccessTarget[]; classIds: Int32Array }>();
  const actions = opts.actions ?? allS3Actions();
  const cellOfClass = new Int32Array(classes.count);
  let done = 0;
  for (const action of actions) {
    opts.onProgress?.(done++, actions.length);
    const info = actionInfo(action);
    if (!info) continue;
    const typesKey = info.resourceTypes.join(',');
    let forAction = byTypes.get(typesKey);
    if (!forAction) {
      const list = targetsFor(info.resourceTypes, targets, session);
      byTypes.set(typesKey, (forAction = { targets: list, classIds: Int32Array.from(list, (t) => classes.classOf.get(t) ?? -1) }));
    }
    const { targets: list, classIds } = forAction;
    const cells: AccessCell[] = [];
    const cellOf = new Int32Array(list.length);
    /** Cells per answer, counted once per row. */
    const tally: number[] = [];
    cellOfClass.fill(-1);
    for (let i = 0; i < list.length; i++) {
      const c = classIds[i]!;
      let k = c < 0 ? -1 : cellOfClass[c]!;
      if (k < 0) {
        let d: FreeDecision | undefined;
        const request = { action: info.action, resource: list[i]!.arn };
        if (c < 0) d = decideWithFreeKeys(session, request);
        else {
          const byKey = (decided[c] ??= new Map());
          const key = classes.actionKey(c, info.action);
          d = byKey.get(key);
          if (!d) byKey.set(key, (d = decideWithFreeKeys(session, request)));
        }
        k = cells.length;
        cells.push(cellFor(d));
        if (c >= 0) cellOfClass[c] = k;
      }
      cellOf[i] = k;
      tally[k] = (tally[k] ?? 0) + 1;
    }
    cells.forEach((cell, k) => {
      const n = tally[k]!;
      if (cell.conditional) counts.conditional += n;
      else if (cell.decision === 'Allow') counts.allow += n;
      else if (cell.decision === 'ExplicitDeny') counts.explicitDeny += n;
      else if (cell.decision === 'Unknown')
        counts.unknown = (counts.unknown ?? 0) + n; // depends on an unresolved value
      else counts.implicitDeny += n;
    });
    rows.push({ action: info.action, level: levelOf(info.accessLevel), targets: list, cells, cellOf });
  }
  opts.onProgress?.(done, actions.length);
  const others = new Map<string, AccessTarget>();
  for (const r of rows) for (const t of r.targets) if (t.kind === 'other') others.set(t.arn, t);
  const map = {
    role: session.roleArn,
    sessionArn: session.arn,
    identityId: session.resolution.identityId,
    targets: [...targets, ...others.values()],
    // An object per cell is made only when read (a map at 1,000 roles has 620,000 cells).
    get entries(): AccessEntry[] {
      const entries = entriesOf(rows);
      Object.defineProperty(map, 'entries', { value: entries, writable: true, enumerable: true, configurable: true });
      return entries;
    },
    set entries(value: AccessEntry[]) {
      Object.defineProperty(map, 'entries', { value, writable: true, enumerable: true, configurable: true });
    },
    counts,
  };
  Object.defineProperty(map, 'rows', { value: rows, enumerable: false, writable: true, configurable: true });
  return map;
}

/** One decision's answer, as the entries of its cells show it. */
function cellFor(d: FreeDecision): AccessCell {
  // The condition text is made once per answer and shared by its cells.
  const cell: AccessCell = {
    decision: d.decision,
    literal: d.literal,
    conditional: d.decision === 'Allow' && d.literal !== 'Allow',
    conditions: d.conditions,
  };
  if (d.witness) cell.witness = d.witness;
  return cell;
}

/** The map's rows: its own, or made from its entries (a map built by hand). */
export function rowsOf(map: AccessMap): AccessRow[] {
  if (map.rows) return map.rows;
  const byAction = new Map<string, AccessEntry[]>();
  for (const e of map.entries) {
    const list = byAction.get(e.action);
    if (list) list.push(e);
    else byAction.set(e.action, [e]);
  }
  return [...byAction.values()].map((es) => ({
    action: es[0]!.action,
    level: es[0]!.level,
    targets: es.map((e) => e.target),
    cells: es,
    cellOf: es.map((_, i) => i),
  }));
}

/** The entries of the cells that `keep` accepts (every cell by default), in the map's order. */
export function entriesOf(
  rows: readonly AccessRow[],
  keep?: (action: string, target: AccessTarget, cell: AccessCell) => boolean,
): AccessEntry[] {
  const out: AccessEntry[] = [];
  for (const { action, level, targets, cells, cellOf } of rows) {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[i]!;
      const c = cells[cellOf[i]!]!;
      if (keep && !keep(action, target, c)) continue;
      out.push(
        c.witness
          ? {
              action,
              level,
              target,
              decision: c.decision,
              literal: c.literal,
              conditional: c.conditional,
              conditions: c.conditions,
              witness: c.witness,
            }
          : { action, level, target, decision: c.decision, literal: c.literal, conditional: c.conditional, conditions: c.conditions },
      );
    }
  }
  return out;
}
