/**
 * ARN segment matching. IAM splits an ARN into six colon-separated segments (the sixth keeps any
 * further colons) and matches each separately, case-sensitively. For Resource elements a `*` that
 * ends the last segment written may run past colons (IAM resource docs); ARN condition operators
 * have no such rule.
 */
import { globMatch, STAR } from './glob.js';

/** Splits into at most six segments; the sixth keeps the rest, colons included. */
export function arnSegments(arn: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) break;
    out.push(arn.slice(start, colon));
    start = colon + 1;
  }
  out.push(arn.slice(start));
  return out;
}

/** The account segment of an ARN, or undefined (`arn:aws:s3:::b` has none). */
export function arnAccount(arn: string): string | undefined {
  const segs = arnSegments(arn);
  return segs.length === 6 && segs[0] === 'arn' && segs[4] ? segs[4] : undefined;
}

/**
 * Matches a compiled Resource pattern against a resource, segment by segment.
 * `resourceSegments` is `arnSegments(resource)`, computed once per request.
 */
export function resourcePatternMatch(pattern: string, resource: string, resourceSegments: readonly string[]): boolean {
  if (pattern === STAR) return true;
  if (!pattern.includes(':')) return globMatch(pattern, resource);
  return resourceSegmentsMatch(arnSegments(pattern), resourceSegments);
}

/** resourcePatternMatch with the pattern already split (static patterns are split at compile time). */
function resourceSegmentsMatch(segs: readonly string[], resourceSegments: readonly string[]): boolean {
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const last = i === segs.length - 1;
    if (last && segs.length < 6 && seg.endsWith(STAR)) {
      // A trailing star may expand beyond the colon boundaries.
      return globMatch(seg, resourceSegments.slice(i).join(':'));
    }
    if (i >= resourceSegments.length || !globMatch(seg, resourceSegments[i]!)) return false;
  }
  return segs.length === resourceSegments.length;
}

/** ArnEquals/ArnLike: every one of the six segments must match; a value with fewer segments fails. */
export function arnConditionMatch(pattern: string, value: string): boolean {
  const p = arnSegments(pattern);
  const v = arnSegments(value);
  if (p.length !== 6 || v.length !== 6) return false;
  for (let i = 0; i < 6; i++) if (!globMatch(p[i]!, v[i]!)) return false;
  return true;
}
