/**
 * Checks a request written by a person (a scenario `allow:`/`deny:` line, `keycard can`): the
 * action must exist in the catalog and the resource must be `*` or an ARN. A typo such as
 * `s3:DeleteObjekt` would otherwise never match anything, so a `deny:` line could never fail.
 */
import { actionInfo, suggestAction } from './actions.js';
import type { Diagnostic, Location } from '../diagnostics/diagnostic.js';

/** An ARN's six colon-separated parts (the sixth keeps further colons), as IAM splits it. */
function arnSegments(arn: string): string[] {
  const parts = arn.split(':');
  return parts.length <= 6 ? parts : [...parts.slice(0, 5), parts.slice(5).join(':')];
}

export function checkRequest(action: unknown, resource: unknown, location?: Location): Diagnostic[] {
  const at = location ? { location } : {};
  const out: Diagnostic[] = [];
  if (typeof action !== 'string' || !/^[A-Za-z0-9-]+:[A-Za-z0-9-]+$/.test(action)) {
    out.push({
      code: 'request_bad_action',
      severity: 'error',
      message: `\`${String(action)}\` is not an action`,
      help: 'write `service:Action`, e.g. `s3:GetObject` (a request names one action: no wildcards)',
      ...at,
    });
  } else if (!actionInfo(action)) {
    const guess = suggestAction(action);
    out.push({
      code: 'request_unknown_action',
      severity: 'error',
      message: `unknown action \`${action}\``,
      help: guess ? `did you mean \`${guess}\`?` : 'check the name in the Service Authorization Reference',
      ...at,
    });
  }
  if (typeof resource !== 'string' || !validResource(resource)) {
    out.push({
      code: 'request_bad_resource',
      severity: 'error',
      message: `\`${String(resource)}\` is not an ARN`,
      help: resourceHelp(resource),
      ...at,
    });
  }
  return out;
}

function validResource(r: string): boolean {
  if (r === '*') return true;
  const segs = arnSegments(r);
  return (
    segs.length === 6 &&
    segs[0] === 'arn' &&
    /^aws(-[a-z-]+)?$/.test(segs[1]!) &&
    /^[a-z0-9-]+$/.test(segs[2]!) &&
    segs[5]!.length > 0 &&
    !/\s/.test(r)
  );
}

function resourceHelp(r: unknown): string {
  if (typeof r === 'string' && /^[a-z0-9][a-z0-9.-]*(\/.*)?$/.test(r)) return `did you mean \`arn:aws:s3:::${r}\`?`;
  if (typeof r === 'string' && r.startsWith('arn:') && arnSegments(r).length < 6)
    return 'an ARN has six colon-separated parts: `arn:partition:service:region:account:resource` (S3: `arn:aws:s3:::bucket/key`)';
  return 'write an ARN such as `arn:aws:s3:::bucket/key`, or `*`';
}
