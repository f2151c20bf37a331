/**
 * What a statement's actions and resources can be, from the catalog (issue 13): the catalog
 * actions an Action entry covers, the ARN templates of the resource types, and whether a Resource
 * pattern can match a template. Every answer errs towards "can": a lint built on it may miss a
 * mistake but never reports a statement that works. `undefined` means "cannot tell".
 */
import { compileTextMatcher, textMatches } from '../iam/fast/text-matcher.js';
import { toPattern } from '../iam/glob.js';
import { knownServices, serviceData } from '../catalog/iam-data.js';
import { isUnresolved } from '../model/unresolved.js';
import type { PathKey } from '../diagnostics/diagnostic.js';
import type { Project } from '../model/types.js';
import type { LintContext } from './context.js';
import { elementEntries } from './json-walk.js';

/**
 * The catalog actions (lowercase `service:name`) an Action entry covers, or undefined when the
 * catalog cannot say: `*`, a wildcard in the service prefix, an unknown service or action, an
 * unresolved value, or a pattern that names no catalog action.
 */
export function expandAction(entry: string): string[] | undefined {
  if (!expandCache.has(entry)) {
    if (expandCache.size > 50_000) expandCache.clear();
    expandCache.set(entry, expandUncached(entry));
  }
  return expandCache.get(entry);
}

const expandCache = new Map<string, string[] | undefined>();

function expandUncached(entry: string): string[] | undefined {
  if (isUnresolved(entry)) return undefined;
  const lower = entry.toLowerCase();
  const colon = lower.indexOf(':');
  if (colon <= 0) return undefined;
  const service = lower.slice(0, colon);
  if (/[*?]/.test(service)) return undefined;
  const data = serviceData(service);
  if (!data) return undefined;
  const name = lower.slice(colon + 1);
  if (!/[*?]/.test(name)) return data.actions[name] ? [lower] : undefined;
  const m = compileTextMatcher(toPattern(name));
  const out = Object.keys(data.actions)
    .filter((a) => textMatches(m, a))
    .map((a) => `${service}:${a}`);
  return out.length ? out : undefined;
}

/** Every catalog action the entries cover, or undefined when any entry cannot be expanded. */
export function expandActions(entries: readonly string[]): string[] | undefined {
  const out = new Set<string>();
  for (const e of entries) {
    const got = expandAction(e);
    if (!got) return undefined;
    for (const a of got) out.add(a);
  }
  return [...out];
}

// ---------------------------------------------------------------------------------------------
// ARN patterns: tokens are one character (its UTF-16 code), ANY (`?`) or STAR (`*`, a policy
// variable, a `${…}` part of a catalog template), in an Int32Array (a pattern per Resource text is
// kept for the run: an array of one-character strings took ten times the memory). A STAR may run
// across colons, which only widens what matches.

const STAR = -1;
const ANY = -2;
const COLON = 0x3a;
type Tokens = Int32Array;

/** Tokens being made (reused; a pattern keeps a copy of the exact length). */
let building = new Int32Array(256);
function push(n: number, token: number): number {
  if (n === building.length) {
    const bigger = new Int32Array(building.length * 2);
    bigger.set(building);
    building = bigger;
  }
  building[n] = token;
  return n + 1;
}

/** A Resource entry as tokens, lowercased; `${*}` `${?}` `${$}` are literal, other variables any text. */
export function resourceTokens(text: string): Tokens {
  const lower = text.toLowerCase();
  let n = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c === 0x24 && lower.charCodeAt(i + 1) === 0x7b) {
      const end = lower.indexOf('}', i);
      if (end > 0) {
        const inner = lower.slice(i + 2, end);
        n = push(n, inner === '*' || inner === '?' || inner === '$' ? inner.charCodeAt(0) : STAR);
        i = end;
        continue;
      }
    }
    n = push(n, c === 0x2a ? STAR : c === 0x3f ? ANY : c);
  }
  return building.slice(0, n);
}

/** A catalog ARN template (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`) as tokens. */
function templateTokens(arn: string): Tokens {
  const lower = arn.toLowerCase();
  let n = 0;
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) === 0x24 && lower.charCodeAt(i + 1) === 0x7b) {
      const end = lower.indexOf('}', i);
      if (end > 0) {
        if (n === 0 || building[n - 1] !== STAR) n = push(n, STAR);
        i = end;
        continue;
      }
    }
    n = push(n, lower.charCodeAt(i));
  }
  return building.slice(0, n);
}

const compatible = (x: number, y: number): boolean => x === y || x === ANY || y === ANY;

/**
 * Whether some text matches both patterns, `a[aFrom..aTo)` and `b[bFrom..bTo)` (dynamic
 * programming over the two token lists).
 */
export function overlaps(a: Tokens, b: Tokens, aFrom = 0, aTo = a.length, bFrom = 0, bTo = b.length): boolean {
  if ((aTo - aFrom) * (bTo - bFrom) > 200_000) return true;
  // Most segments of an ARN are a lone star or literal text on one side: no search needed.
  if ((aTo - aFrom === 1 && a[aFrom] === STAR) || (bTo - bFrom === 1 && b[bFrom] === STAR)) return true;
  // Tokens before the first star and after the last one of either side must pair up one to one.
  while (aFrom < aTo && bFrom < bTo && a[aFrom] !== STAR && b[bFrom] !== STAR) if (!compatible(a[aFrom++]!, b[bFrom++]!)) return false;
  while (aTo > aFrom && bTo > bFrom && a[aTo - 1] !== STAR && b[bTo - 1] !== STAR) if (!compatible(a[--aTo]!, b[--bTo]!)) return false;
  if (aFrom === aTo && bFrom === bTo) return true;
  dpA = a;
  dpB = b;
  dpFromA = aFrom;
  dpFromB = bFrom;
  dpEndA = aTo;
  dpEndB = bTo;
  const size = (aTo - aFrom + 1) * (bTo - bFrom + 1);
  if (memo.length < size) memo = new Uint8Array(Math.max(size, memo.length * 2));
  else memo.fill(0, 0, size);
  return go(aFrom, bFrom);
}

// The state of one `overlaps` search (never re-entered): the token lists, their bounds, and the
// memo of answers per pair of positions (0 not known, 1 true, 2 false).
let dpA: Tokens = new Int32Array(0);
let dpB: Tokens = dpA;
let dpFromA = 0;
let dpFromB = 0;
let dpEndA = 0;
let dpEndB = 0;
let memo = new Uint8Array(1024);

function go(i: number, j: number): boolean {
  const a = dpA;
  const b = dpB;
  if (i === dpEndA && j === dpEndB) return true;
  const k = (i - dpFromA) * (dpEndB - dpFromB + 1) + (j - dpFromB);
  const seen = memo[k]!;
  if (seen !== 0) return seen === 1;
  let r = false;
  if (i < dpEndA && a[i] === STAR) r = go(i + 1, j) || (j < dpEndB && go(i, j + 1));
  else if (j < dpEndB && b[j] === STAR) r = go(i, j + 1) || (i < dpEndA && go(i + 1, j));
  else if (i < dpEndA && j < dpEndB) r = compatible(a[i]!, b[j]!) && go(i + 1, j + 1);
  memo[k] = r ? 1 : 2;
  return r;
}

/** The service segment of an ARN (`s3` in `arn:aws:s3:::b`), when it is written literally. */
export function arnService(text: string): string | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const from = text.indexOf(':', 4) + 1;
  if (from === 0) return undefined;
  const to = text.indexOf(':', from);
  const s = text.slice(from, to < 0 ? undefined : to).toLowerCase();
  return s && !/[*?$]/.test(s) ? s : undefined;
}

export interface ResourceTypeArn {
  service: string;
  name: string;
  arn: string;
  tokens: Tokens;
}

const typeCache = new Map<string, ResourceTypeArn | null>();

/** A resource type of a catalog service with its ARN template, or undefined when unknown. */
export function resourceType(service: string, name: string): ResourceTypeArn | undefined {
  const key = `${service}\u0000${name}`.toLowerCase();
  if (!typeCache.has(key)) {
    const types = serviceData(service)?.resourceTypes;
    const raw = types?.[name.toLowerCase()] ?? types?.[name];
    typeCache.set(key, raw?.arn ? { service: service.toLowerCase(), name: raw.key, arn: raw.arn, tokens: templateTokens(raw.arn) } : null);
  }
  return typeCache.get(key) ?? undefined;
}

let byNamespace: Map<string, ResourceTypeArn[]> | undefined;

/**
 * Every resource type of the catalog whose ARN has this service segment (the ARN namespace is not
 * always the action prefix: `ec2` instances appear under `ssm`, `s3` under `s3-object-lambda`).
 * Reads every service's data once, on first use.
 */
export function typesOfNamespace(namespace: string): ResourceTypeArn[] {
  if (!byNamespace) {
    byNamespace = new Map();
    for (const service of knownServices()) {
      for (const name of Object.keys(serviceData(service)?.resourceTypes ?? {})) {
        const t = resourceType(service, name);
        const ns = t && arnService(t.arn);
        if (!t || !ns) continue;
        if (!byNamespace.has(ns)) byNamespace.set(ns, []);
        byNamespace.get(ns)!.push(t);
      }
    }
  }
  return byNamespace.get(namespace.toLowerCase()) ?? [];
}

interface Pattern {
  tokens: Tokens;
  namespace: string | undefined;
  /** Where the six ARN segments start and end (the sixth keeps its colons), or undefined when the pattern has fewer. */
  segments: Int32Array | undefined;
}
const fitCache = new Map<string, Pattern & { fits: Map<ResourceTypeArn, boolean> }>();
const typePatterns = new WeakMap<ResourceTypeArn, Pattern>();

function typePattern(t: ResourceTypeArn): Pattern {
  let p = typePatterns.get(t);
  if (!p) typePatterns.set(t, (p = { tokens: t.tokens, namespace: arnService(t.arn), segments: arnSegments(t.tokens) }));
  return p;
}

/** Whether a Resource entry (as written) can match an ARN of the resource type; cached per entry and type. */
export function fitsType(text: string, t: ResourceTypeArn): boolean {
  let entry = fitCache.get(text);
  if (!entry) {
    if (fitCache.size > 50_000) fitCache.clear();
    const tokens = resourceTokens(text);
    entry = { tokens, namespace: arnService(text), segments: arnSegments(tokens), fits: new Map() };
    fitCache.set(text, entry);
  }
  let fits = entry.fits.get(t);
  if (fits === undefined) entry.fits.set(t, (fits = patternsFit(entry, typePattern(t))));
  return fits;
}

function patternsFit(resource: Pattern, type: Pattern): boolean {
  if (resource.namespace && type.namespace && type.namespace !== resource.namespace) return false;
  const a = resource.segments;
  const b = type.segments;
  // A pattern with fewer than six segments is matched as a whole, its stars running across colons.
  if (!a || !b) return overlaps(resource.tokens, type.tokens);
  let all = true;
  for (let k = 0; k < 12 && all; k += 2) all = overlaps(resource.tokens, type.tokens, a[k]!, a[k + 1]!, b[k]!, b[k + 1]!);
  if (all) return true;
  // "If the * wildcard is the last character of a resource ARN segment, it can expand to match
  // beyond the colon boundaries" (IAM, Resource element): `arn:aws:logs:*:*:/aws-glue/*` names
  // `…:log-group:/aws-glue/…`, whose resource part holds a colon. Only a template with more
  // colons than the pattern gives such a star a colon to cross (a resource id never does).
  return colons(type.tokens) > colons(resource.tokens) && overlaps(resource.tokens, type.tokens);
}

function colons(tokens: Tokens): number {
  let n = 0;
  for (let i = 0; i < tokens.length; i++) if (tokens[i] === COLON) n++;
  return n;
}

/** Start and end of the six segments of an ARN pattern (the sixth keeps its colons), or undefined when it has fewer. */
function arnSegments(tokens: Tokens): Int32Array | undefined {
  const out = new Int32Array(12);
  let k = 0;
  for (let i = 0; i < tokens.length && k < 10; i++) {
    if (tokens[i] !== COLON) continue;
    out[k + 1] = i;
    out[k + 2] = i + 1;
    k += 2;
  }
  if (k < 10) return undefined;
  out[11] = tokens.length;
  return out;
}

/** The entries of one element (`Action`, `Resource`) of the statement at `path`, as written, with their paths. */
export function elementAt(json: unknown, path: readonly PathKey[], key: string): { text: string; path: PathKey[] }[] {
  let node: unknown = json;
  for (const k of path) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined;
  return node && typeof node === 'object' && !Array.isArray(node) ? elementEntries(node as Record<string, unknown>, key, path) : [];
}

const guessCache = new WeakMap<object, string[]>();

/**
 * Whether a Resource entry holds an ARN the import guessed from a resource type alone (a
 * CloudFormation `Fn::GetAtt X.Arn` of a type keycard has no ARN format for): its shape says
 * nothing about what the user wrote, so the resource-type lints leave it alone.
 */
export function holdsGuessedArn(project: Project, text: string): boolean {
  let guessed = guessCache.get(project);
  if (!guessed) {
    guessed = [...(project.imports?.references.values() ?? [])].filter((r) => r.guessedArn).map((r) => r.value);
    guessCache.set(project, guessed);
  }
  return guessed.some((g) => text.includes(g));
}

const awsManagedCache = new WeakMap<object, Set<unknown>>();

/**
 * The policy documents of AWS managed policies (`arn:aws:iam::aws:policy/…`): their authors are
 * AWS, the user cannot change them, and some of their statements name actions the catalog pairs
 * differently; the catalog lints judge only the user's own policies.
 */
export function isAwsManaged(project: Project, doc: object): boolean {
  let docs = awsManagedCache.get(project);
  if (!docs) {
    docs = new Set(
      [...(project.managedPolicies?.values() ?? [])].filter((m) => /^arn:aws[\w-]*:iam::aws:policy\//.test(m.Arn)).map((m) => m.document),
    );
    awsManagedCache.set(project, docs);
  }
  return docs.has(doc);
}

/** The policies the catalog lints judge: the user's own (not AWS managed), trust policies only when asked. */
export function ownPolicies(ctx: LintContext, trust: boolean): LintContext['policies'] {
  return ctx.policies.filter((u) => (trust || u.kind !== 'trust') && !isAwsManaged(ctx.project, u.doc));
}

/**
 * Service prefixes several pages of the Service Authorization Reference share (ELB and ELB v2, SES
 * and SES v2, API Gateway and its V2, Lex V1 and V2, …). The catalog keeps one entry per action
 * name, so an action it shows may be the other version's (`elasticloadbalancing:AddTags` lists only
 * the classic `loadbalancer`): the catalog lints cannot judge these actions.
 */
const SHARED_PREFIXES = new Set([
  'apigateway',
  'aws-marketplace',
  'elasticloadbalancing',
  'greengrass',
  'kinesisanalytics',
  'lex',
  'ses',
  'sms-voice',
  'sso',
]);

/** Whether the catalog's entry for the action (lowercase `service:name`) can be trusted as the only one. */
export function singleEntry(action: string): boolean {
  return !SHARED_PREFIXES.has(action.slice(0, action.indexOf(':')));
}

/** Whether the catalog has resource types with this ARN service segment (its own prefix first, then every service's). */
export function knownNamespace(namespace: string): boolean {
  return serviceData(namespace) !== undefined || typesOfNamespace(namespace).length > 0;
}
