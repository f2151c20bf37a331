/**
 * What kind of S3 resource a Resource pattern can match. A bucket ARN never contains `/` and an
 * object ARN always does, so a literal `/` after `arn:aws:s3:::` rules buckets out, and a pattern
 * without `/`, wildcards or variables rules objects out. Anything less certain is `any`.
 */
export type S3Shape = 'bucket' | 'object' | 'any' | 'other';

const S3_ARN = /^arn:[^:]*:s3:::(.*)$/s;

export function s3Shape(resource: string): S3Shape {
  if (/^\*+$/.test(resource)) return 'any';
  const m = S3_ARN.exec(resource);
  if (!m) return resource.startsWith('arn:') && /[*?]/.test(resource) && !/^arn:[^:*?]*:[^:*?]+:/.test(resource) ? 'any' : 'other';
  // Escapes `${*}` `${?}` `${$}` are literal; other variables could hold anything.
  const rest = m[1]!.replace(/\$\{[*?$]\}/g, 'x');
  if (rest.replace(/\$\{[^}]*\}/g, '').includes('/')) return 'object';
  if (/[*?]/.test(rest) || rest.includes('${')) return 'any';
  return 'bucket';
}

/** The S3 resource shapes an action acts on, from the catalog's resource types. */
export function actionShapes(resourceTypes: readonly string[]): { bucket: boolean; object: boolean } {
  return { bucket: resourceTypes.includes('bucket'), object: resourceTypes.includes('object') };
}
