/**
 * The Cedar schema of the translated S3 world, generated from the iam-data catalog (never a hand
 * list): every S3 action with the resource types it acts on, Principal/Bucket/Object/Resource
 * entities, and a context record with one optional attribute per condition-key view the policies read.
 */
import { actionInfo } from '../../catalog/index.js';
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

/** The schema (Cedar JSON syntax) for policies reading the given context views. */
export function s3Schema(views: Iterable<ContextView & { name?: string }> | Map<string, ContextView>): Record<string, unknown> {
  const entries = views instanceof Map ? [...views.entries()] : [...views].map((v) => [v.name ?? v.key, v] as [string, ContextView]);
  const contextAttributes: Record<string, TypeJson> = {};
  for (const [name, v] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) contextAttributes[name] = { ...viewType(v), required: false };
  const actions: Record<string, unknown> = {};
  for (const action of s3Actions()) {
    const kinds = actionInfo(action)?.resourceTypes ?? [];
    const resourceTypes = [...new Set(kinds.length === 0 ? ['Resource'] : kinds.map((k) => RESOURCE_TYPES[k] ?? 'Resource'))].sort();
    actions[action] = { appliesTo: { principalTypes: ['Principal'], resourceTypes, context: { type: 'Context' } } };
  }
  const principalAttributes = Object.fromEntries(['kind', 'arn', 'arnLower', 'account', 'accountArn', 'roleName', 'userArn'].map((a) => [a, STRING]));
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
