/**
 * Limits AWS puts on a request's resource: an S3 object key is at most 1,024 bytes of UTF-8, and
 * no ARN keycard is asked about is longer than 2,048 characters. Longer ones cannot reach AWS, so
 * they are input errors (and they keep hostile input from making matching slow).
 */
import { KeycardInputError, type Location } from '../diagnostics/diagnostic.js';

const MAX_S3_KEY_BYTES = 1024;
const MAX_ARN_LENGTH = 2048;

/** Why AWS would never see this resource, or undefined when it could. */
export function resourceProblem(resource: string): string | undefined {
  if (resource.length > MAX_ARN_LENGTH)
    return `the resource ARN is ${resource.length} characters long, over the limit of ${MAX_ARN_LENGTH}`;
  const key = /^arn:[^:]*:s3:::[^/]*\/(.*)$/s.exec(resource)?.[1];
  const bytes = key === undefined ? 0 : Buffer.byteLength(key, 'utf8');
  if (bytes > MAX_S3_KEY_BYTES) return `the S3 object key is ${bytes} bytes long, over S3's limit of ${MAX_S3_KEY_BYTES}`;
  return undefined;
}

/** Throws an input error at `location` for a resource AWS would never see. */
export function checkResource(resource: unknown, location: Location | undefined): void {
  const problem = typeof resource === 'string' ? resourceProblem(resource) : undefined;
  if (!problem) return;
  throw new KeycardInputError([
    {
      code: 'request_resource_too_long',
      severity: 'error',
      message: problem,
      help: 'S3 object keys are at most 1,024 bytes (UTF-8); check the request',
      ...(location ? { location } : {}),
    },
  ]);
}
