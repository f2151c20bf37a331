/**
 * Which condition keys an action can carry (issue 13): the keys the Service Authorization
 * Reference lists for the action itself, for each resource type it acts on, and on each of those
 * resource types. Global keys (`aws:SourceIp`, `aws:PrincipalTag/...`) are not decided here: the
 * global keys table (docs/global-condition-keys.md) says which requests carry them.
 */
import { actionInfo } from './actions.js';
import { serviceData, type ServiceData } from './iam-data.js';

/** A key spelling of the data, matched case-insensitively; a `${TagKey}` or `<key>` part matches any text. */
interface KeyPattern {
  exact?: string;
  prefix?: string;
}

const cache = new Map<string, KeyPattern[] | null>();

/** A variable part: `${TagKey}`, `<key>`, or as some services spell it `…/tag-key` and `…/` (`ssm:resourceTag/tag-key`, `sagemaker:ResourceTag/`). */
const VARIABLE_PART = /\$\{|<|(?<=\/)tag-key$|(?<=\/)$/;

function pattern(spelling: string): KeyPattern {
  const lower = spelling.toLowerCase();
  const i = lower.search(VARIABLE_PART);
  return i < 0 ? { exact: lower } : { prefix: lower.slice(0, i) };
}

/** The key spellings the catalog lists for an action: its own, its resource types', and theirs. */
function actionSpellings(data: ServiceData, raw: ServiceData['actions'][string], into = new Set<string>()): Set<string> {
  for (const k of raw.conditionKeys ?? []) into.add(k);
  for (const rt of raw.resourceTypes ?? []) {
    for (const k of rt.conditionKeys ?? []) into.add(k);
    for (const k of data.resourceTypes[rt.name.toLowerCase()]?.conditionKeys ?? data.resourceTypes[rt.name]?.conditionKeys ?? [])
      into.add(k);
  }
  return into;
}

/** The key patterns of an action, or undefined when the catalog does not know the action. */
function patternsOf(action: string): KeyPattern[] | undefined {
  const lower = action.toLowerCase();
  if (!cache.has(lower)) {
    const info = actionInfo(lower);
    const data = info ? serviceData(info.service) : undefined;
    const raw = info && data ? data.actions[lower.slice(lower.indexOf(':') + 1)] : undefined;
    cache.set(lower, raw && data ? [...actionSpellings(data, raw)].map(pattern) : null);
  }
  return cache.get(lower) ?? undefined;
}

const servicePatterns = new Map<string, KeyPattern[]>();

/** Whether the catalog lists the key (lowercase) for some action or resource type of its own service. */
export function serviceListsKey(keyLower: string): boolean {
  const service = keyLower.slice(0, keyLower.indexOf(':'));
  let patterns = servicePatterns.get(service);
  if (!patterns) {
    const data = serviceData(service);
    const spellings = new Set<string>();
    for (const raw of Object.values(data?.actions ?? {})) actionSpellings(data!, raw, spellings);
    for (const rt of Object.values(data?.resourceTypes ?? {})) for (const k of rt.conditionKeys ?? []) spellings.add(k);
    servicePatterns.set(service, (patterns = [...spellings].map(pattern)));
  }
  return patterns.some((p) => matches(p, keyLower));
}

const matches = (p: KeyPattern, key: string): boolean => (p.exact !== undefined ? p.exact === key : key.startsWith(p.prefix!));

/**
 * Whether a request for `action` can carry `key`: true or false for a service key (`s3:prefix`)
 * and for the tag keys the catalog lists per action (`aws:RequestTag/...`, `aws:TagKeys`,
 * `aws:ResourceTag/...`); undefined for other global keys and for actions the catalog does not know.
 */
export function actionCarriesKey(action: string, key: string): boolean | undefined {
  const patterns = patternsOf(action);
  if (!patterns) return undefined;
  const k = key.toLowerCase();
  if (k.startsWith('aws:') && !isPerActionGlobalKey(k)) return undefined;
  return patterns.some((p) => matches(p, k));
}

/** Global keys that the catalog lists per action rather than for every request. */
function isPerActionGlobalKey(keyLower: string): boolean {
  return keyLower.startsWith('aws:requesttag/') || keyLower === 'aws:tagkeys' || keyLower.startsWith('aws:resourcetag/');
}
