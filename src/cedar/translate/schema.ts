/**
 * The Cedar schema of the translated S3 world, generated from the iam-data catalog (never a hand
 * list): every S3 action with the resource types it acts on, Principal/Bucket/Object/Resource
 * entities, and a context record with one optional attribute per condition-key view the policies read.
 */
import { actionInfo, conditionKeyType } from '../../catalog/index.js';
import { serviceData } from '../../catalog/iam-data.js';
import type { ContextView } from './env.js';
import { NAMESPACE, s3Actions } from './names.js';

type TypeJson = Record<string, unknown>;

const STRING: TypeJson = { type: 'String' };
const ext = (name: string): TypeJson => ({ type: 'Extension', name });

function viewType(v: ContextView): TypeJson {
  switch (v.type) {
    case 'String':
      return STRING;
    case 'Set<String>':
      return { type: 'Set', element: STRING };
    case 'Arn':
      return { type: 'Arn' };
    default:
      return ext(v.type);
  }
}

/** Attributes every resource entity has: the ARN, its six segments, and the tails a trailing `*` may match. */
function resourceShape(): TypeJson {
  const attributes: Record<string, TypeJson> = { arn: STRING };
  for (let i = 0; i < 6; i++) attributes[`s${i}`] = STRING;
  for (let i = 1; i <= 4; i++) attributes[`tail${i}`] = STRING;
  return { type: 'Record', attributes };
}

const RESOURCE_TYPES: Record<string, string> = { bucket: 'Bucket', object: 'Object' };

/** The view under which keycard exposes a catalog condition key of a given IAM type. */
function catalogView(key: string): ContextView | undefined {
  const type = conditionKeyType(key);
  if (!type || key.includes('${')) return undefined;
  if (type.startsWith('ArrayOf')) return { key, view: 'set', type: 'Set<String>' };
  if (type === 'Numeric') return { key, view: 'num', type: 'decimal' };
  if (type === 'Date') return { key, view: 'date', type: 'datetime' };
  if (type === 'IPAddress') return { key, view: 'ip', type: 'ipaddr' };
  return { key, view: '', type: 'String' };
}

/** Every S3 condition key of the catalog, as the context attribute keycard fills for it. */
export function catalogContextViews(): Map<string, ContextView> {
  const out = new Map<string, ContextView>();
  for (const raw of Object.values(serviceData('s3')?.conditionKeys ?? {})) {
    const v = catalogView(raw.key.toLowerCase());
    if (v) out.set(v.view ? `${v.key}#${v.view}` : v.key, v);
  }
  return out;
}

/** The schema (Cedar JSON syntax) for policies reading the given context views. */
export function s3Schema(views: Iterable<ContextView & { name?: string }> | Map<string, ContextView>): Record<string, unknown> {
  const entries = views instanceof Map ? [...views.entries()] : [...views].map((v) => [v.name ?? v.key, v] as [string, ContextView]);
  const contextAttributes: Record<string, TypeJson> = {};
  for (const [name, v] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    contextAttributes[name] = { ...viewType(v), required: false };
  const actions: Record<string, unknown> = {};
  for (const action of s3Actions()) {
    const kinds = actionInfo(action)?.resourceTypes ?? [];
    const resourceTypes = [...new Set(kinds.length === 0 ? ['Resource'] : kinds.map((k) => RESOURCE_TYPES[k] ?? 'Resource'))].sort();
    actions[action] = { appliesTo: { principalTypes: ['Principal'], resourceTypes, context: { type: 'Context' } } };
  }
  const principalAttributes = Object.fromEntries(
    ['kind', 'arn', 'arnLower', 'account', 'accountArn', 'roleName', 'userArn'].map((a) => [a, STRING]),
  );
  return {
    [NAMESPACE]: {
      commonTypes: {
        Arn: { type: 'Record', attributes: Object.fromEntries([0, 1, 2, 3, 4, 5].map((i) => [`s${i}`, STRING])) },
        Context: { type: 'Record', attributes: contextAttributes },
      },
      entityTypes: {
        Principal: { shape: { type: 'Record', attributes: principalAttributes } },
        Bucket: { shape: resourceShape() },
        Object: { memberOfTypes: ['Bucket'], shape: resourceShape() },
        Resource: { shape: resourceShape() },
      },
      actions,
    },
  };
}
