/** Hand-off types of the access stage: what a session can do in S3. */
import type { Decision } from '../iam/index.js';
import type { ContextValue } from '../model/types.js';

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';
export const ACCESS_LEVELS: readonly AccessLevel[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

/** A resource the map evaluates: a bucket, an object prefix, `*`, or another S3 resource type. */
export interface AccessTarget {
  kind: 'bucket' | 'object' | 'wildcard' | 'other';
  /** The concrete ARN evaluated (for prefixes: a representative object under the prefix). */
  arn: string;
  /** What a person reads, e.g. `photoshare-media/private/<you>/*`. */
  label: string;
  bucket?: string;
  /** `own`: the prefix carries this user's identity id; `others`: another user's. */
  owner?: 'own' | 'others';
  /** Set for a request through an access point: its ARN (the target's `bucket` is the bucket it fronts). */
  accessPoint?: string;
  /** For `other`: the resource type (accesspoint, job, ...). */
  resourceType?: string;
}

export interface AccessEntry {
  action: string;
  level: AccessLevel;
  target: AccessTarget;
  /** Allow when some request the user can send is allowed (see free-keys.ts). */
  decision: Decision;
  /** The decision when every request key the map does not know is absent. */
  literal: Decision;
  /** Allowed only for some values of request keys (s3:prefix, object tags, source IP...). */
  conditional: boolean;
  /** The conditions on request keys that decide it, as text. */
  conditions: string[];
  /** Request keys that make a conditional entry allowed. */
  witness?: Record<string, ContextValue>;
}

/** What an entry says about its cell, without the action and target (one per distinct answer in a row). */
export type AccessCell = Omit<AccessEntry, 'action' | 'level' | 'target'>;

/**
 * The cells of one action, without an object per cell: target `targets[i]` has the answer
 * `cells[cellOf[i]]`. A large map has hundreds of thousands of cells and a few hundred answers.
 */
export interface AccessRow {
  action: string;
  level: AccessLevel;
  targets: readonly AccessTarget[];
  cells: readonly AccessCell[];
  cellOf: ArrayLike<number>;
}

export interface AccessMap {
  role: string;
  sessionArn: string;
  identityId: string;
  targets: AccessTarget[];
  /** Every S3 action of the catalog × every target it applies to (made when first read: prefer `rows`). */
  entries: AccessEntry[];
  /** The same cells by action (map.ts `rowsOf` reads them from any map). Not enumerable: not in JSON. */
  rows?: AccessRow[];
  counts: {
    allow: number;
    conditional: number;
    explicitDeny: number;
    implicitDeny: number;
    /** Cells that depend on an unresolved value (only when some do). */ unknown?: number;
  };
}
