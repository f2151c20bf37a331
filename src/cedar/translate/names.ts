/** Cedar names of the translated S3 world (one namespace; action ids keep the catalog's spelling). */
import { allS3Actions, isWildcardOnly } from '../../catalog/index.js';
import { cedarString } from '../wasm.js';

export const NAMESPACE = 'AwsS3';
export const PRINCIPAL_TYPE = `${NAMESPACE}::Principal`;
const BUCKET_TYPE = `${NAMESPACE}::Bucket`;
const OBJECT_TYPE = `${NAMESPACE}::Object`;
/** Every other resource, and `*` for wildcard-only actions. */
const RESOURCE_TYPE = `${NAMESPACE}::Resource`;
export const ACTION_TYPE = `${NAMESPACE}::Action`;

let actions: string[] | undefined;
let byLower: Map<string, string> | undefined;

/** Every S3 action of the catalog (iam-data), canonical spelling. */
export function s3Actions(): string[] {
  actions ??= allS3Actions().sort();
  return actions;
}

/** Canonical spelling of an S3 action (case-insensitive), or undefined. */
export function canonicalS3Action(name: string): string | undefined {
  byLower ??= new Map(s3Actions().map((a) => [a.toLowerCase(), a]));
  return byLower.get(name.toLowerCase());
}

let wildcardOnly: string[] | undefined;
export function wildcardOnlyS3Actions(): string[] {
  wildcardOnly ??= s3Actions().filter((a) => isWildcardOnly(a));
  return wildcardOnly;
}

export function actionRef(action: string): string {
  return `${ACTION_TYPE}::${cedarString(action)}`;
}

/** The resource entity type for an ARN (S3 buckets and objects get their own types). */
export function resourceTypeOf(arn: string): string {
  const m = /^arn:[^:]*:s3:::([^/]+)(\/.*)?$/s.exec(arn);
  if (!m) return RESOURCE_TYPE;
  return m[2] === undefined ? BUCKET_TYPE : OBJECT_TYPE;
}
