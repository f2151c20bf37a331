/**
 * Parses and validates a PolicyDocument once into a CompiledPolicy. Problems become diagnostics
 * located at the statement or element (`doc.locate`); a statement with a problem never grants.
 */
import { actionInfo, isKnownService, suggestAction } from '../catalog/index.js';
import type { Diagnostic, PathKey } from '../diagnostics/diagnostic.js';
import type { PolicyDocument } from '../model/types.js';
import { newFastPolicy } from './fast/policy-fast.js';
import { compileFastStatement } from './fast/statement-fast.js';
import { compileTextMatcher, type TextMatcher } from './fast/text-matcher.js';
import { isUnresolved, unresolvedNames, unresolvedNamesIn } from '../model/unresolved.js';
import { compileConditions, type ConditionIssue } from './compile-condition.js';
import { hasWildcard, STAR, toPattern } from './glob.js';
import type { CompiledPolicy, CompiledStatement, PolicyKind, PrincipalEntry, ResourceEntry } from './types.js';
import { compileTemplate, variableBeforeResourcePart, type TemplateProblem } from './variables.js';

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);
const POLICY_KEYS = new Set(['Version', 'Id', 'Statement']);
const PRINCIPAL_KINDS: readonly PolicyKind[] = ['resource', 'rcp', 'trust'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): string[] | undefined {
  const list = Array.isArray(v) ? v : [v];
  return list.length > 0 && list.every((x) => typeof x === 'string') ? (list as string[]) : undefined;
}

export interface CompileOptions {
  /** Where the policy sits; decides whether Principal is required or forbidden. Default `identity`. */
  kind?: PolicyKind;
}

/** Compiles a policy document. Never throws; read `diagnostics` and `broken`. */
export function compilePolicy(doc: PolicyDocument, opts: CompileOptions = {}): CompiledPolicy {
  const kind = opts.kind ?? 'identity';
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Diagnostic['severity'], code: string, message: string, help: string, path: PathKey[]) => {
    const d: Diagnostic = { code, severity, message, help };
    const loc = doc.locate(path);
    if (loc) d.location = loc;
    diagnostics.push(d);
  };
  // `statements` is added last, as a value or as the lazy accessor: turning a value into an accessor
  // puts the object in V8's slow dictionary mode (about 800 bytes more, slower reads).
  const policy = {
    name: doc.name,
    file: doc.file,
    kind,
    diagnostics,
    fast: newFastPolicy(),
  } as Omit<CompiledPolicy, 'statements'> as CompiledPolicy;
  // Found in the source only when shown, as a statement's (see LAZY_LOCATION).
  Object.defineProperty(policy, LOCATE, { value: doc.locate, configurable: true });
  Object.defineProperty(policy, 'location', LAZY_POLICY_LOCATION);
  const json = doc.json;
  if (!isRecord(json)) {
    policy.broken = 'the policy is not a JSON object';
    report(
      'error',
      'iam_malformed_policy',
      `policy \`${doc.name}\` is not a JSON object`,
      'a policy is an object with `Version` and `Statement`',
      [],
    );
    policy.statements = [];
    return policy;
  }
  checkPolicyGrammar(json, kind, report);
  const version = json.Version;
  if (version === undefined) {
    report(
      'warning',
      'iam_missing_version',
      'the policy has no `Version`: policy variables are treated as literal text',
      "add `Version: '2012-10-17'`",
      [],
    );
  } else if (version !== '2012-10-17' && version !== '2008-10-17') {
    policy.broken = `unknown policy version \`${String(version)}\``;
    report(
      'error',
      'iam_bad_version',
      `unknown policy version \`${String(version)}\``,
      "use `'2012-10-17'` (YAML: quote it, or it becomes a date)",
      ['Version'],
    );
    policy.statements = [];
    return policy;
  } else {
    policy.version = version;
    if (version === '2008-10-17')
      report(
        'info',
        'iam_old_version',
        'Version `2008-10-17`: policy variables are treated as literal text',
        "use `'2012-10-17'` to enable policy variables",
        ['Version'],
      );
  }
  const variables = version === '2012-10-17';
  const raw = json.Statement;
  if (raw === undefined || (!Array.isArray(raw) && !isRecord(raw))) {
    policy.broken = 'the policy has no readable `Statement`';
    report(
      'error',
      'iam_malformed_policy',
      'the policy has no `Statement` (an object or a list of objects)',
      'add `Statement: [{Effect: Allow, Action: ..., Resource: ...}]`',
      raw === undefined ? [] : ['Statement'],
    );
    policy.statements = [];
    return policy;
  }
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0)
    report('error', 'iam_empty_statement', 'the policy has an empty `Statement`', 'AWS refuses a policy without statements; add one', [
      'Statement',
    ]);
  // A plain statement (see `isPlain`) cannot produce a diagnostic, so its compilation waits until
  // the index first sends a request to it, or until `statements` is read (explanations, lint).
  const compiled: (CompiledStatement | undefined)[] = new Array(list.length);
  const compileAt = (i: number): CompiledStatement =>
    (compiled[i] ??= compileStatement(list[i], i, Array.isArray(raw) ? ['Statement', i] : ['Statement'], kind, variables, doc, report));
  const plain = PLAIN_KINDS.has(kind);
  let pending = 0;
  const actionsSeen = new Map<string, TextMatcher | undefined>();
  for (let i = 0; i < list.length; i++) {
    if (plain && isPlain(list[i], actionsSeen)) pending++;
    else compileAt(i);
  }
  policy.fast.lazy = { raw: list, compiled, compileAt, actionMatchers: actionsSeen };
  if (pending === 0) policy.statements = compiled as CompiledStatement[];
  else Object.defineProperty(policy, 'statements', LAZY_STATEMENTS);
  checkSids(list, Array.isArray(raw), kind, report);
  checkSize(json, kind, doc.customerManaged === true, report);
  // AWS refuses to store a policy with any malformed part, so such a policy grants nothing (and,
  // as keycard cannot know what is deployed instead, it blocks every Allow it takes part in).
  const refused = diagnostics.find((d) => d.severity === 'error');
  if (refused) policy.broken = `AWS would refuse this policy: ${refused.message}`;
  return policy;
}

/**
 * `statements` of a policy whose plain statements wait: compiled, all of them, when first read. The
 * same functions for every policy (Node 20 makes objects with their own accessor closures costly).
 */
const LAZY_STATEMENTS: PropertyDescriptor = {
  get(this: CompiledPolicy) {
    const lazy = this.fast.lazy!;
    for (let i = 0; i < lazy.raw.length; i++) lazy.compileAt(i);
    Object.defineProperty(this, 'statements', { value: lazy.compiled, writable: true, enumerable: true, configurable: true });
    return lazy.compiled;
  },
  enumerable: true,
  configurable: true,
};

/** Kinds whose statements need no Principal (a plain statement has none). */
const PLAIN_KINDS = new Set<PolicyKind>(['identity', 'boundary', 'session', 'scp']);
const PLAIN_ACTION = /^[A-Za-z0-9*?-]+:[A-Za-z0-9*?-]*$|^\*$/;
const ALL_STARS = /^\*+$/;
const NOT_PLAIN_IN_ARN = /[$\u27EA\uE000\uE001]/;
/** An ARN without variables, unresolved values (⟪) or the wildcard markers of glob.ts. */
function plainResource(r: unknown): boolean {
  if (typeof r !== 'string') return false;
  if (!r.startsWith('arn:')) return ALL_STARS.test(r);
  return !NOT_PLAIN_IN_ARN.test(r);
}

/**
 * A statement with only Sid, Effect (Allow/Deny), Action and Resource, whose entries are well
 * formed, known actions or wildcards, and ARNs or stars without variables or unresolved values:
 * compiling it can produce no diagnostic, so it may be compiled later. `actions` remembers the
 * action texts checked (their lowercase matchers, for the index).
 */
function isPlain(s: unknown, actions: Map<string, TextMatcher | undefined>): boolean {
  if (!isRecord(s)) return false;
  let keys = 0;
  for (const key in s) {
    if (key !== 'Sid' && key !== 'Effect' && key !== 'Action' && key !== 'Resource') return false;
    keys++;
  }
  if (s.Sid !== undefined) keys--;
  if (keys !== 3 || (s.Effect !== 'Allow' && s.Effect !== 'Deny')) return false;
  const a = s.Action;
  if (typeof a === 'string') {
    if (!plainAction(a, actions)) return false;
  } else if (Array.isArray(a) && a.length > 0) {
    for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'string' || !plainAction(a[i], actions)) return false;
  } else return false;
  const r = s.Resource;
  if (!Array.isArray(r)) return plainResource(r);
  if (r.length === 0) return false;
  for (let i = 0; i < r.length; i++) if (!plainResource(r[i])) return false;
  return true;
}

function plainAction(action: string, seen: Map<string, TextMatcher | undefined>): boolean {
  if (seen.has(action)) return seen.get(action) !== undefined;
  let m: TextMatcher | undefined;
  if (!isUnresolved(action) && PLAIN_ACTION.test(action)) {
    const pattern = toPattern(action.toLowerCase());
    if (hasWildcard(pattern) || actionInfo(action)) m = compileTextMatcher(pattern);
  }
  seen.set(action, m);
  return m !== undefined;
}

const STATEMENT_ONLY = new Set([
  'Condition',
  'Principal',
  'NotPrincipal',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Sid',
]);

/** Top-level keys, and a string `Id` (the grammar AWS enforces when it stores a policy). */
function checkPolicyGrammar(json: Record<string, unknown>, kind: PolicyKind, report: Report): void {
  for (const key of Object.keys(json)) {
    if (POLICY_KEYS.has(key)) continue;
    if (STATEMENT_ONLY.has(key)) {
      report(
        'error',
        'iam_misplaced_field',
        `\`${key}\` is placed at the top level of the policy; it belongs inside a statement`,
        `move \`${key}\` into the statement it should apply to (at the top level AWS refuses the policy; it is never applied to every statement)`,
        [key],
      );
    } else {
      report(
        'error',
        'iam_unknown_policy_field',
        `unknown policy field \`${key}\``,
        'a policy has only `Version`, `Id` and `Statement`; AWS refuses any other',
        [key],
      );
    }
  }
  if (json.Id !== undefined && typeof json.Id !== 'string')
    report('error', 'iam_bad_id', '`Id` must be a string', 'write `Id: my-policy` or remove it', ['Id']);
  void kind;
}

/**
 * Sids: strings, unique within the policy, and for IAM policies (identity, boundary, session,
 * trust) and organization policies only ASCII letters and digits ("The Sid element supports ASCII
 * uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)", IAM JSON policy elements:
 * Sid). Resource-based policies of other services (S3, KMS) accept spaces and punctuation.
 */
const SID_CHARS = /^[A-Za-z0-9]*$/;

function checkSids(list: unknown[], isList: boolean, kind: PolicyKind, report: Report): void {
  const seen = new Map<string, number>();
  list.forEach((st, i) => {
    if (!isRecord(st) || st.Sid === undefined) return;
    if (typeof st.Sid === 'string' && SID_CHARS.test(st.Sid) && !seen.has(st.Sid)) return void seen.set(st.Sid, i); // the usual case, without allocating
    const at: PathKey[] = [...(isList ? ['Statement', i] : ['Statement']), 'Sid'];
    if (typeof st.Sid !== 'string')
      return report('error', 'iam_bad_sid', '`Sid` must be a string', 'write `Sid: AllowReads` or remove it', at);
    if (kind !== 'resource' && !SID_CHARS.test(st.Sid)) {
      report(
        'error',
        'iam_bad_sid',
        `\`Sid\` \`${st.Sid}\` has characters a${kind === 'identity' ? 'n' : ''} ${kind} policy does not allow`,
        'use only ASCII letters and digits (A-Z, a-z, 0-9)',
        at,
      );
    }
    const first = seen.get(st.Sid);
    if (first !== undefined)
      report(
        'error',
        'iam_duplicate_sid',
        `\`Sid\` \`${st.Sid}\` is used by statements ${first} and ${i}`,
        'Sids must be unique within a policy; rename one',
        at,
      );
    else seen.set(st.Sid, i);
  });
}

/**
 * Size limits, counted as AWS counts them: characters without the whitespace outside strings.
 * IAM and STS quotas: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 * (managed policy 6,144; role trust policy 2,048, raisable to 4,096; inline role policies 10,240
 * in aggregate per role). An identity policy is refused here above 10,240 (no identity policy may
 * be larger), a customer managed one above 6,144 ("Managed policy size: 6,144 characters", the
 * same page; AWS managed policies are AWS's own and not held to it); the per-role aggregate of
 * inline policies is checked by the lint rule `inline-policy-size`.
 * S3 bucket policies: 20 KB (https://docs.aws.amazon.com/AmazonS3/latest/userguide/BucketRestrictions.html).
 * SCPs and RCPs: 5,120 characters (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html).
 */
export const SIZE_LIMITS: Partial<Record<PolicyKind, number>> = {
  identity: 10_240,
  boundary: 6_144,
  session: 2_048,
  trust: 4_096,
  resource: 20_480,
  scp: 5_120,
  rcp: 5_120,
};
const TRUST_DEFAULT_LIMIT = 2_048;
export const MANAGED_POLICY_LIMIT = 6_144;

/**
 * The size AWS counts: the JSON without whitespace outside strings. Equal to
 * `JSON.stringify(json).length`, counted without building the text (a 20,000-statement set would
 * otherwise make megabytes of garbage).
 */
export function policySize(json: unknown): number {
  return jsonLength(json) ?? 0;
}

// eslint-disable-next-line no-control-regex -- JSON escapes control characters, so they count toward the size
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function jsonLength(v: unknown): number | undefined {
  if (typeof v === 'string') return NEEDS_ESCAPE.test(v) ? JSON.stringify(v).length : v.length + 2;
  if (typeof v !== 'object' || v === null) return JSON.stringify(v)?.length;
  if (Array.isArray(v)) {
    let n = 1 + (v.length === 0 ? 1 : v.length);
    for (let i = 0; i < v.length; i++) n += jsonLength(v[i]) ?? 4; // undefined in a list is `null`
    return n;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return JSON.stringify(v)?.length; // Dates and the like
  let n = 2;
  let fields = 0;
  for (const key of Object.keys(v)) {
    const len = jsonLength((v as Record<string, unknown>)[key]);
    if (len === undefined) continue;
    n += (jsonLength(key) ?? 0) + 1 + len;
    fields++;
  }
  return n + Math.max(fields - 1, 0);
}

function checkSize(json: Record<string, unknown>, kind: PolicyKind, customerManaged: boolean, report: Report): void {
  const limit = customerManaged && kind === 'identity' ? MANAGED_POLICY_LIMIT : SIZE_LIMITS[kind];
  const size = policySize(json);
  if (limit !== undefined && size > limit) {
    report(
      'error',
      'iam_policy_too_large',
      `the ${customerManaged && kind === 'identity' ? 'customer managed' : kind} policy is ${size} characters; AWS accepts at most ${limit}`,
      'split it into several policies (whitespace outside strings does not count)',
      [],
    );
  } else if (kind === 'trust' && size > TRUST_DEFAULT_LIMIT) {
    report(
      'warning',
      'iam_policy_too_large',
      `the trust policy is ${size} characters; the default limit is ${TRUST_DEFAULT_LIMIT} (${limit} once the quota is raised)`,
      'ask AWS to raise the "Role trust policy length" quota, or shorten the policy',
      [],
    );
  }
}

type Report = (severity: Diagnostic['severity'], code: string, message: string, help: string, path: PathKey[]) => void;

type Draft = Omit<CompiledStatement, 'matcher'>;

function compileStatement(
  s: unknown,
  index: number,
  path: PathKey[],
  kind: PolicyKind,
  variables: boolean,
  doc: PolicyDocument,
  report: Report,
): CompiledStatement {
  const st = draftStatement(s, index, path, kind, variables, doc, report);
  if (st.unresolved.names.length === 0) {
    const names = new Set<string>();
    for (const c of st.conditions) for (const n of c.unresolved ?? []) names.add(n);
    st.unresolved.names = [...names];
  }
  const compiled = st as CompiledStatement;
  compiled.matcher = compileFastStatement(st);
  return compiled;
}

/** Records the unresolved values (imports.md §4) of one element's entry; true when it holds any. */
function unresolvedEntry(st: Draft, element: 'action' | 'resource' | 'principal', text: string): boolean {
  if (!isUnresolved(text)) return false;
  st.unresolved[element] = true;
  for (const n of unresolvedNames(text)) if (!st.unresolved.names.includes(n)) st.unresolved.names.push(n);
  return true;
}

/**
 * The statement's `location` accessor, the same functions for every statement (a getter written in
 * the literal makes new closures per statement, which Node 20 makes costly, mostly in the garbage
 * collector); the statement keeps its locator under a hidden symbol.
 */
const LOCATE = Symbol('locate');
type Locating = { [LOCATE]: PolicyDocument['locate']; location?: unknown };

/** A `location` accessor that locates `pathOf(this)` when first read, then holds the value. */
function lazyLocation(pathOf: (self: Locating) => readonly PathKey[]): PropertyDescriptor {
  const hold = (self: Locating, location: unknown) =>
    Object.defineProperty(self, 'location', { value: location, writable: true, enumerable: true, configurable: true });
  return {
    get(this: Locating) {
      const location = this[LOCATE](pathOf(this) as PathKey[]);
      hold(this, location);
      return location;
    },
    set(this: Locating, location: unknown) {
      hold(this, location);
    },
    enumerable: true,
    configurable: true,
  };
}

/** A statement's `location`. */
const LAZY_LOCATION = lazyLocation((self) => (self as Locating & Pick<Draft, 'path'>).path);
/** The policy's `location`: at the document's root. */
const LAZY_POLICY_LOCATION = lazyLocation(() => []);

function draftStatement(
  s: unknown,
  index: number,
  path: PathKey[],
  kind: PolicyKind,
  variables: boolean,
  doc: PolicyDocument,
  report: Report,
): Draft {
  const st: Draft = {
    index,
    actionPatterns: [],
    actionMatchers: [],
    notAction: false,
    notResource: false,
    notPrincipal: false,
    conditions: [],
    problems: [],
    path,
    // `location` is the lazy accessor below, added rather than redefined (see compilePolicy).
    unclear: { action: false, resource: false, principal: false },
    unresolved: { action: false, resource: false, principal: false, names: [] },
  };
  // Found in the source only when shown (explanations, coverage, lint): most compilations never ask.
  Object.defineProperty(st, LOCATE, { value: doc.locate, configurable: true });
  Object.defineProperty(st, 'location', LAZY_LOCATION);
  const problem = (code: string, message: string, help: string, at: PathKey[]) => {
    st.problems.push(message);
    const element = at[path.length];
    if (element === 'Action' || element === 'NotAction') st.unclear.action = true;
    if (element === 'Resource' || element === 'NotResource') st.unclear.resource = true;
    if (element === 'Principal' || element === 'NotPrincipal') st.unclear.principal = true;
    report('error', code, message, help, at);
  };
  if (!isRecord(s)) {
    problem(
      'iam_malformed_statement',
      `statement ${index} is not an object`,
      'a statement is an object with `Effect`, `Action` and `Resource`',
      path,
    );
    st.unclear = { action: true, resource: true, principal: true };
    return st;
  }
  if (typeof s.Sid === 'string') st.sid = s.Sid;
  for (const key of Object.keys(s)) {
    if (STATEMENT_KEYS.has(key)) continue;
    const near = [...STATEMENT_KEYS].find((k) => k.toLowerCase() === key.toLowerCase() || (key === 'Statement' && k === 'Effect'));
    problem(
      'iam_unknown_statement_field',
      `unknown statement field \`${key}\`${key === 'Version' || key === 'Id' || key === 'Statement' ? ' (it belongs at the top level of the policy)' : ''}`,
      near
        ? `did you mean \`${near}\`?`
        : 'statement fields are Sid, Effect, Action, NotAction, Resource, NotResource, Principal, NotPrincipal and Condition',
      [...path, key],
    );
  }
  if (s.Effect === 'Allow' || s.Effect === 'Deny') st.effect = s.Effect;
  else
    problem(
      'iam_bad_effect',
      `\`Effect\` must be \`Allow\` or \`Deny\`, not \`${String(s.Effect)}\``,
      'write `Effect: Allow` or `Effect: Deny` (case-sensitive)',
      [...path, 'Effect'],
    );

  compileActions(s, st, path, problem, report);
  compileResources(s, st, path, kind, variables, problem, report);
  compilePrincipals(s, st, path, kind, problem);
  if (s.Condition !== undefined) {
    const issues: ConditionIssue[] = [];
    st.conditions = compileConditions(s.Condition, variables, [...path, 'Condition'], issues);
    for (const i of issues) report(i.severity, i.code, i.message, i.help, i.path);
    const names = new Set<string>();
    for (const c of st.conditions) {
      const inCondition = unresolvedNamesIn([c.key, ...c.rawValues]);
      if (inCondition.size > 0) c.unresolved = [...inCondition];
      for (const n of inCondition) names.add(n);
    }
    for (const n of names) if (!st.unresolved.names.includes(n)) st.unresolved.names.push(n);
  }
  return st;
}

type Problem = (code: string, message: string, help: string, at: PathKey[]) => void;

function pick(
  s: Record<string, unknown>,
  a: string,
  b: string,
  path: PathKey[],
  problem: Problem,
  required: boolean,
): { key: string; negated: boolean; value: unknown } | undefined {
  if (s[a] !== undefined && s[b] !== undefined) {
    problem('iam_malformed_statement', `a statement cannot have both \`${a}\` and \`${b}\``, `keep one of \`${a}\` and \`${b}\``, [
      ...path,
      b,
    ]);
    return undefined;
  }
  if (s[a] !== undefined) return { key: a, negated: false, value: s[a] };
  if (s[b] !== undefined) return { key: b, negated: true, value: s[b] };
  if (required) problem('iam_malformed_statement', `the statement has neither \`${a}\` nor \`${b}\``, `add \`${a}\``, [...path, a]);
  return undefined;
}

function compileActions(s: Record<string, unknown>, st: Draft, path: PathKey[], problem: Problem, report: Report): void {
  const el = pick(s, 'Action', 'NotAction', path, problem, true);
  if (!el) return;
  st.notAction = el.negated;
  const list = stringList(el.value);
  if (!list)
    return problem('iam_malformed_statement', `\`${el.key}\` must be a string or a list of strings`, 'write e.g. `s3:GetObject`', [
      ...path,
      el.key,
    ]);
  list.forEach((action, i) => {
    const at = Array.isArray(el.value) ? [...path, el.key, i] : [...path, el.key];
    if (unresolvedEntry(st, 'action', action)) return;
    if (action !== '*' && !/^[A-Za-z0-9*?-]+:[A-Za-z0-9*?-]*$/.test(action)) {
      problem('iam_bad_action', `\`${action}\` is not an action`, 'write `service:Action`, e.g. `s3:GetObject`, or `*`', at);
      return;
    }
    const pattern = toPattern(action.toLowerCase());
    st.actionPatterns.push(pattern);
    st.actionMatchers.push(compileTextMatcher(pattern));
    if (hasWildcard(pattern)) return;
    const service = action.slice(0, action.indexOf(':'));
    if (!isKnownService(service)) {
      const guess = suggestAction(action);
      report(
        'warning',
        'iam_unknown_service',
        `unknown service prefix \`${service}\` in \`${action}\``,
        guess ? `did you mean \`${guess}\`?` : 'check the service prefix',
        at,
      );
    } else if (!actionInfo(action)) {
      const guess = suggestAction(action);
      report(
        'warning',
        'iam_unknown_action',
        `unknown action \`${action}\``,
        guess ? `did you mean \`${guess}\`?` : `check the action name in the Service Authorization Reference`,
        at,
      );
    }
  });
}

function compileResources(
  s: Record<string, unknown>,
  st: Draft,
  path: PathKey[],
  kind: PolicyKind,
  variables: boolean,
  problem: Problem,
  report: Report,
): void {
  const el = pick(s, 'Resource', 'NotResource', path, problem, kind !== 'trust');
  if (!el) {
    if (kind !== 'trust') st.resources = [];
    return;
  }
  st.notResource = el.negated;
  const list = stringList(el.value);
  if (!list)
    return problem(
      'iam_malformed_statement',
      `\`${el.key}\` must be a string or a list of strings`,
      'write an ARN such as `arn:aws:s3:::bucket/*`, or `*`',
      [...path, el.key],
    );
  st.resources = [];
  list.forEach((r, i) => {
    const at = Array.isArray(el.value) ? [...path, el.key, i] : [...path, el.key];
    if (unresolvedEntry(st, 'resource', r)) return;
    if (!/^\*+$/.test(r) && !r.startsWith('arn:')) {
      problem(
        'iam_bad_resource',
        `\`${r}\` is neither \`*\` nor an ARN`,
        /^[a-z0-9][a-z0-9.-]*(\/.*)?$/.test(r)
          ? `did you mean \`arn:aws:s3:::${r}\`?`
          : 'write an ARN such as `arn:aws:s3:::bucket/*`, or `*`',
        at,
      );
      return;
    }
    const problems: TemplateProblem[] = [];
    const template = compileTemplate(r, { variables, wildcards: true }, problems);
    for (const p of problems) problem('iam_bad_variable', p.message, p.help, at);
    if (variableBeforeResourcePart(template)) {
      // "You can use a policy variable in the Resource element, but only in the resource portion
      // of the ARN. This portion of the ARN appears after the fifth colon." (IAM User Guide,
      // policy variables). Such an entry matches nothing.
      report(
        'warning',
        'iam_variable_outside_resource_part',
        `\`${r}\` has a policy variable before the fifth colon, so it matches nothing`,
        'policy variables work only in the resource part of an ARN (after the fifth colon); write the partition, service, region and account literally',
        at,
      );
      return;
    }
    const text = template.isStatic ? (template.parts[0] as string) : '';
    const entry: ResourceEntry = { template, pureStar: template.isStatic && text.length > 0 && text.split(STAR).every((c) => c === '') };
    if (template.isStatic && text.includes(':')) {
      // Fewer than six segments and the last ends with a star: it may run past colons.
      let colons = 0;
      for (let at = text.indexOf(':'); at >= 0 && colons < 5; at = text.indexOf(':', at + 1)) colons++;
      entry.tailCrossesColons = colons < 5 && text.endsWith(STAR);
    }
    st.resources!.push(entry);
  });
}

const PRINCIPAL_TYPES = new Set(['AWS', 'Federated', 'Service', 'CanonicalUser']);

function compilePrincipals(s: Record<string, unknown>, st: Draft, path: PathKey[], kind: PolicyKind, problem: Problem): void {
  const allowed = PRINCIPAL_KINDS.includes(kind);
  const el = pick(s, 'Principal', 'NotPrincipal', path, problem, allowed);
  if (!el) return;
  if (!allowed) {
    problem(
      'iam_principal_not_allowed',
      `\`${el.key}\` is not allowed in a${kind === 'identity' ? 'n' : ''} ${kind} policy`,
      `remove \`${el.key}\`; only resource-based policies name principals`,
      [...path, el.key],
    );
    return;
  }
  st.notPrincipal = el.negated;
  const entries: PrincipalEntry[] = [];
  if (el.value === '*') {
    entries.push({ type: '*', value: '*' });
  } else if (isRecord(el.value)) {
    for (const [type, v] of Object.entries(el.value)) {
      const values = stringList(v);
      if (!PRINCIPAL_TYPES.has(type) || !values) {
        problem(
          'iam_bad_principal',
          `\`${el.key}\` entry \`${type}\` is not understood`,
          'use `AWS`, `Federated`, `Service` or `CanonicalUser` with a string or a list of strings',
          [...path, el.key, type],
        );
        continue;
      }
      for (const value of values)
        if (!unresolvedEntry(st, 'principal', value)) entries.push({ type: type as PrincipalEntry['type'], value });
    }
  } else {
    problem(
      'iam_bad_principal',
      `\`${el.key}\` must be \`*\` or an object such as \`{AWS: arn}\``,
      'write e.g. `Principal: {AWS: arn:aws:iam::111122223333:root}`',
      [...path, el.key],
    );
  }
  st.principals = entries;
}
