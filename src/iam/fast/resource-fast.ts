/**
 * Resource entries compiled for the hot loop, with the same answers as `resourcePatternMatch` on
 * the resolved pattern. Most patterns start with literal text that holds all five ARN colons
 * (`arn:aws:s3:::bucket/private/${sub}/*`): such a pattern matches exactly the resources that
 * start with that text and whose remainder matches the rest, so nothing is split per request and
 * only the rest is resolved. The bucket (text up to the first slash) is compared first, as
 * canonical strings, which rejects other buckets without reading characters.
 */
import { arnSegments, resourcePatternMatch } from '../arn.js';
import { ANY_ONE, STAR } from '../glob.js';
import { resolveCached } from '../resolve-cached.js';
import type { PreparedRequest, ResourceEntry } from '../types.js';
import type { Template } from '../variables.js';
import { bucketOf } from './intern.js';
import { compileTextMatcher, textMatches, textMatchesFrom, type TextMatcher } from './text-matcher.js';

/** Only stars: matches every resource (and is the one form that matches wildcard-only actions). */
const ANY = 0;
/** Literal text with five colons, then a static or variable rest. */
const LITERAL_HEAD = 1;
/** Other static ARN patterns: one matcher per segment. */
const SEGMENTS = 2;
/** Static pattern without a colon: matched against the whole resource. */
const WHOLE = 3;
/** Other patterns with variables: resolved per request, then matched as `resourcePatternMatch` does. */
const TEMPLATE = 4;

export interface FastResource {
  kind: 0 | 1 | 2 | 3 | 4;
  pureStar: boolean;
  /** Text every matching resource starts with: the pattern up to its first wildcard or variable. */
  literalPrefix: string;
  /** The bucket of every matching resource (canonical), when the literal prefix pins it. */
  bucket: string | undefined;
  /** LITERAL_HEAD: the literal prefix after the bucket, compared from `bucket.length`. */
  afterBucket: string;
  /** LITERAL_HEAD (static): the rest after the literal prefix; WHOLE: the pattern; SEGMENTS: per segment. */
  matchers: TextMatcher[];
  tailCrossesColons: boolean;
  /** LITERAL_HEAD with variables: the rest as a template; TEMPLATE: the whole pattern. */
  template: Template | undefined;
  /** LITERAL_HEAD with variables: matchers of the resolved rests seen so far (a cache of this entry). */
  rests?: Map<string, TextMatcher>;
}

function wildcardCut(text: string): number {
  let cut = text.length;
  const star = text.indexOf(STAR);
  const one = text.indexOf(ANY_ONE);
  if (star >= 0) cut = star;
  if (one >= 0 && one < cut) cut = one;
  return cut;
}

function colons(text: string): number {
  let n = 0;
  for (let at = text.indexOf(':'); at >= 0; at = text.indexOf(':', at + 1)) n++;
  return n;
}

export function compileResource(e: ResourceEntry): FastResource {
  const t = e.template;
  const head = typeof t.parts[0] === 'string' ? t.parts[0] : '';
  const literalPrefix = head.slice(0, wildcardCut(head));
  const exact = t.isStatic && literalPrefix.length === head.length;
  const bucket = exact || literalPrefix.includes('/') ? bucketOf(literalPrefix) : undefined;
  const r: FastResource = {
    kind: TEMPLATE,
    pureStar: e.pureStar,
    literalPrefix,
    bucket,
    afterBucket: literalPrefix.slice(bucket?.length ?? 0),
    matchers: [],
    tailCrossesColons: false,
    template: undefined,
  };
  if (e.pureStar) r.kind = ANY;
  else if (colons(literalPrefix) >= 5) {
    r.kind = LITERAL_HEAD;
    const rest = head.slice(literalPrefix.length);
    if (t.isStatic) r.matchers = [compileTextMatcher(rest)];
    else r.template = { source: t.source, parts: [rest, ...t.parts.slice(1)], isStatic: false, keys: t.keys };
  } else if (!t.isStatic) {
    r.template = t;
  } else if (head.includes(':')) {
    r.kind = SEGMENTS;
    r.matchers = arnSegments(head).map(compileTextMatcher);
    r.tailCrossesColons = e.tailCrossesColons === true;
  } else {
    r.kind = WHOLE;
    r.matchers = [compileTextMatcher(head)];
  }
  return r;
}

/** Whether the entry matches the request's resource, whose bucket (`bucketOf`) is `bucket`. */
export function resourceHit(r: FastResource, req: PreparedRequest, bucket: string): boolean {
  if (req.wildcardOnly) return r.pureStar; // wildcard-only actions are matched only by `*`
  if (r.bucket !== undefined && r.bucket !== bucket) return false;
  const resource = req.resource;
  switch (r.kind) {
    case ANY:
      return true;
    case LITERAL_HEAD: {
      if (!resource.startsWith(r.afterBucket, r.bucket === undefined ? 0 : r.bucket.length)) return false;
      if (r.template === undefined) return textMatchesFrom(r.matchers[0]!, resource, r.literalPrefix.length);
      const rest = resolveCached(r.template, req);
      return rest !== undefined && textMatchesFrom(restMatcher(r, rest), resource, r.literalPrefix.length);
    }
    case SEGMENTS: {
      const m = r.matchers;
      const segs = req.resourceSegments;
      const n = m.length;
      if (r.tailCrossesColons) {
        // A trailing star in the last segment written may run past colons.
        if (n - 1 >= segs.length) return false;
        for (let i = 0; i < n - 1; i++) if (!textMatches(m[i]!, segs[i]!)) return false;
        return textMatches(m[n - 1]!, n === segs.length ? segs[n - 1]! : segs.slice(n - 1).join(':'));
      }
      if (n !== segs.length) return false;
      for (let i = 0; i < n; i++) if (!textMatches(m[i]!, segs[i]!)) return false;
      return true;
    }
    case WHOLE:
      return textMatches(r.matchers[0]!, resource);
    default: {
      const pattern = resolveCached(r.template!, req);
      return pattern !== undefined && resourcePatternMatch(pattern, resource, req.resourceSegments);
    }
  }
}

// Resolved rests repeat across the requests of one user: classify each once, in a cache owned by
// the compiled entry (bounded).
function restMatcher(r: FastResource, rest: string): TextMatcher {
  const cache = (r.rests ??= new Map());
  let m = cache.get(rest);
  if (m === undefined) {
    if (cache.size >= 1024) cache.clear();
    cache.set(rest, (m = compileTextMatcher(rest)));
  }
  return m;
}
