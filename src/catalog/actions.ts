/** The action catalog: names, access levels and resource types, straight from iam-data. */
import { closest } from '../text/edit-distance.js';
import { knownServices, serviceData } from './iam-data.js';

type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging' | string;

export interface ActionInfo {
  /** Canonical spelling, e.g. `s3:GetObject`. */
  action: string;
  service: string;
  accessLevel: AccessLevel;
  /** Resource types the action acts on (`bucket`, `object`...); empty for wildcard-only actions. */
  resourceTypes: string[];
  /** Action-specific condition keys (as spelled in the data, e.g. `s3:prefix`). */
  conditionKeys: string[];
}

const infoCache = new Map<string, ActionInfo | null>();

function splitAction(action: string): [string, string] | undefined {
  const i = action.indexOf(':');
  return i <= 0 ? undefined : [action.slice(0, i).toLowerCase(), action.slice(i + 1).toLowerCase()];
}

/** Catalog entry of an action (case-insensitive), or undefined when iam-data does not know it. */
export function actionInfo(action: string): ActionInfo | undefined {
  const key = action.toLowerCase();
  if (!infoCache.has(key)) {
    const parts = splitAction(key);
    const raw = parts ? serviceData(parts[0])?.actions[parts[1]] : undefined;
    infoCache.set(
      key,
      raw && parts
        ? {
            action: `${parts[0]}:${raw.name}`,
            service: parts[0],
            accessLevel: raw.accessLevel,
            resourceTypes: raw.resourceTypes.map((r) => r.name),
            conditionKeys: raw.conditionKeys,
          }
        : null,
    );
  }
  return infoCache.get(key) ?? undefined;
}

/** Whether iam-data knows the service prefix (`s3`, `iam`...). */
export function isKnownService(prefix: string): boolean {
  return knownServices().has(prefix.toLowerCase());
}

/** Every action of a service, canonical spelling. */
function serviceActions(prefix: string): string[] {
  const data = serviceData(prefix);
  return data ? Object.values(data.actions).map((a) => `${data.prefix}:${a.name}`) : [];
}

/** Every S3 action, canonical spelling (`s3:GetObject`...). */
export function allS3Actions(): string[] {
  return serviceActions('s3');
}

/**
 * True for actions that act on no resource type, e.g. `s3:ListAllMyBuckets`: IAM matches them
 * only with `Resource: "*"`. Unknown actions are not wildcard-only.
 */
export function isWildcardOnly(action: string): boolean {
  const info = actionInfo(action);
  return info !== undefined && info.resourceTypes.length === 0;
}

/** "Did you mean": the closest known action of the same service, or undefined. */
export function suggestAction(name: string): string | undefined {
  const parts = splitAction(name);
  if (!parts) return undefined;
  if (!isKnownService(parts[0])) {
    const service = closest(parts[0], knownServices(), 2);
    return service ? (suggestAction(`${service}:${parts[1]}`) ?? `${service}:${parts[1]}`) : undefined;
  }
  return closest(name, serviceActions(parts[0]), 3);
}
