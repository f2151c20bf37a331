/**
 * App authorization exactly as Amazon Verified Permissions does it for a Cognito identity source
 * (cedar-reference §3, docs/cedar.md): principal `<principalEntityType>::"<userPoolId>|<sub>"`;
 * each `cognito:groups` entry is a parent `<groupEntityType>::"<userPoolId>|<group>"`; ID-token
 * claims are principal attributes and access-token claims `context.token`, in both cases only as
 * the schema declares them (bracket or dot notation). token.ts refuses the tokens AVP refuses.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { AppRequestLine, Claims } from '../model/types.js';
import type { CedarApp } from './project.js';
import { actionContext, entityAttributes, resolveType, shapeValue, type SchemaJson, type SchemaType } from './schema-shape.js';
import { authorizePrepared, type CedarEntity, type CedarUid, type CedarValue } from './wasm.js';

export type TokenUse = 'id' | 'access';

export interface AppDecision {
  decision: 'Allow' | 'Deny';
  /** Determining policy ids: the permits that allowed, or the forbids that denied (empty: nothing permitted it). */
  determining: string[];
  errors: Diagnostic[];
}

/** Splits `Ns::Type::"id"` into type and id. */
function parseEntityRef(text: string): CedarUid | undefined {
  const m = /^\s*((?:[A-Za-z_][A-Za-z0-9_]*::)*[A-Za-z_][A-Za-z0-9_]*)::"((?:[^"\\]|\\.)*)"\s*$/s.exec(text);
  return m ? { type: m[1]!, id: JSON.parse(`"${m[2]}"`) as string } : undefined;
}

/**
 * Parses `Action::"viewPhoto" on Photo::"vacation.jpg"`, optionally followed by
 * `with {"key": value}` (a JSON object for the context).
 */
export function parseAppRequestLine(text: string, location?: AppRequestLine['location']): AppRequestLine | Diagnostic {
  const bad = (message: string): Diagnostic => ({
    code: 'cedar_bad_request_line',
    severity: 'error',
    message,
    help: 'write `Action::"viewPhoto" on Photo::"vacation.jpg"`, optionally followed by `with {"key": "value"}`',
    ...(location ? { location } : {}),
  });
  const m = /^\s*(\S+)\s+on\s+(.+?)(?:\s+with\s+(\{.*\}))?\s*$/s.exec(text);
  if (!m || !parseEntityRef(m[1]!) || !parseEntityRef(m[2]!)) return bad(`cannot read the app request \`${text}\``);
  let context: Record<string, unknown> = {};
  if (m[3]) {
    try {
      context = JSON.parse(m[3]) as Record<string, unknown>;
    } catch {
      return bad(`the context of \`${text}\` is not a JSON object`);
    }
  }
  return { action: m[1]!.trim(), resource: m[2]!.trim(), context, text, ...(location ? { location } : {}) };
}

function namespaceOf(type: string): string {
  const i = type.lastIndexOf('::');
  return i < 0 ? '' : type.slice(0, i);
}

/** `Photo::"x"` in a namespaced schema means `PhotoApp::Photo::"x"` (the principal type's namespace). */
function qualify(uid: CedarUid, app: CedarApp): CedarUid {
  const ns = namespaceOf(app.config.principalEntityType);
  if (!ns || uid.type.startsWith(`${ns}::`)) return uid;
  const local = uid.type;
  const declared = app.schemaJson[ns]?.entityTypes?.[local] !== undefined || local === 'Action';
  return declared ? { type: `${ns}::${local}`, id: uid.id } : uid;
}

const PREFIXED = /^(cognito|custom):(.+)$/s;

/**
 * Token claims as the record the schema declares: a claim goes in under its own name when the
 * schema declares that name (bracket notation, `principal["custom:plan"]`), and a `cognito:` or
 * `custom:` claim also goes into the `cognito` / `custom` record when the schema declares one with
 * that attribute (dot notation, `principal.custom.plan`). Undeclared claims are left out.
 */
function claimsRecord(schema: SchemaJson, declared: Record<string, SchemaType>, claims: Claims): Record<string, CedarValue> {
  const out: Record<string, CedarValue> = {};
  const nested: Record<string, Record<string, CedarValue>> = {};
  for (const [k, v] of Object.entries(claims)) {
    // `cognito:groups` always becomes parents; it is an attribute too only where the schema
    // declares one (dot notation documents `principal.cognito.groups`).
    if (Object.hasOwn(declared, k)) {
      const value = shapeValue(schema, declared[k], v);
      if (value !== undefined) out[k] = value;
    }
    const m = PREFIXED.exec(k);
    if (!m) continue;
    const record = resolveType(schema, declared[m[1]!]);
    const inner = record?.type === 'Record' ? (record.attributes ?? {}) : undefined;
    if (!inner || !Object.hasOwn(inner, m[2]!)) continue;
    const value = shapeValue(schema, inner[m[2]!], v);
    if (value !== undefined) (nested[m[1]!] ??= {})[m[2]!] = value;
  }
  for (const [prefix, record] of Object.entries(nested)) out[prefix] = record;
  return out;
}

/** The `sub` claim as the principal id spells it; a malformed non-string sub keeps its JSON text, not `[object Object]`. */
function subText(sub: unknown): string {
  if (sub === undefined || sub === null) return '';
  return typeof sub === 'string' ? sub : JSON.stringify(sub);
}

function groupsOf(claims: Claims): string[] {
  const g = claims['cognito:groups'];
  return Array.isArray(g) ? g.filter((x): x is string => typeof x === 'string') : typeof g === 'string' ? [g] : [];
}

/**
 * The principal entity and its group parents, built from the token as AVP builds them: ID-token
 * claims become principal attributes as the schema declares them; an access token gives the
 * principal no attributes (its claims go to `context.token`, see `tokenContext`).
 */
export function tokenEntities(app: CedarApp, claims: Claims, tokenUse: TokenUse): { principal: CedarUid; entities: CedarEntity[] } {
  const { principalEntityType, groupEntityType, userPoolId } = app.config;
  const principal = { type: principalEntityType, id: `${userPoolId}|${subText(claims.sub)}` };
  const parents = groupsOf(claims).map((g) => ({ type: groupEntityType, id: `${userPoolId}|${g}` }));
  const attrs = tokenUse === 'id' ? claimsRecord(app.schemaJson, entityAttributes(app.schemaJson, principalEntityType), claims) : {};
  return { principal, entities: [{ uid: principal, attrs, parents }, ...parents.map((uid) => ({ uid, attrs: {}, parents: [] }))] };
}

/**
 * `context.token` for an access token: its claims, as the action's context declares the `token`
 * record. Undefined when the token is an ID token or the context declares no
 * `token` (AVP's console adds none: "This isn't the case for access token claims").
 */
export function tokenContext(app: CedarApp, claims: Claims, tokenUse: TokenUse, action: CedarUid): Record<string, CedarValue> | undefined {
  if (tokenUse !== 'access') return undefined;
  const token = resolveType(app.schemaJson, actionContext(app.schemaJson, action)?.attributes?.token);
  if (token?.type !== 'Record') return undefined;
  return claimsRecord(app.schemaJson, token.attributes ?? {}, claims);
}

/** The resource and everything it inherits from (parents, transitively) in the entities file. */
function sliceEntities(all: CedarEntity[], start: CedarUid): CedarEntity[] {
  const byKey = new Map(all.map((e) => [key(e.uid as CedarUid), e]));
  const out: CedarEntity[] = [];
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const uid = stack.pop()!;
    const k = key(uid);
    if (seen.has(k)) continue;
    seen.add(k);
    const e = byKey.get(k);
    if (!e) continue;
    out.push(e);
    for (const p of e.parents) stack.push(p as CedarUid);
  }
  return out;
}

function key(uid: CedarUid | { __entity: CedarUid }): string {
  const u = '__entity' in uid ? uid.__entity : uid;
  return `${u.type}::${JSON.stringify(u.id)}`;
}

/** Decides one app request for one user, as Verified Permissions' IsAuthorizedWithToken would. */
export function authorizeApp(app: CedarApp, claims: Claims, tokenUse: TokenUse, line: AppRequestLine): AppDecision {
  const fail = (message: string, help: string): AppDecision => ({
    decision: 'Deny',
    determining: [],
    errors: [{ code: 'cedar_app_request', severity: 'error', message, help, ...(line.location ? { location: line.location } : {}) }],
  });
  // The scenario loader splits `A on R with {...}` at ` on ` only: read the `with` context here.
  if (Object.keys(line.context).length === 0 && /\swith\s*\{/.test(line.resource)) {
    const parsed = parseAppRequestLine(line.text, line.location);
    if ('code' in parsed) return { decision: 'Deny', determining: [], errors: [parsed] };
    line = parsed;
  }
  const actionRef = parseEntityRef(line.action);
  const resourceRef = parseEntityRef(line.resource);
  if (!actionRef || !resourceRef)
    return fail(`cannot read the app request \`${line.text}\``, 'write `Action::"viewPhoto" on Photo::"vacation.jpg"`');
  const action = qualify(actionRef, app);
  const resource = qualify(resourceRef, app);
  const { principal, entities } = tokenEntities(app, claims, tokenUse);
  const context: Record<string, CedarValue> = { ...(line.context as Record<string, CedarValue>) };
  const token = tokenContext(app, claims, tokenUse, action);
  if (token) context.token = token;
  const resourceEntities = sliceEntities(app.entities, resource).filter(
    (e) => !entities.some((t) => key(t.uid as CedarUid) === key(e.uid as CedarUid)),
  );
  const answer = authorizePrepared(
    app.policySetId,
    { principal, action, resource, context, entities: [...entities, ...resourceEntities] },
    app.schemaName,
  );
  if ('failure' in answer)
    return fail(
      `Cedar rejected the request \`${line.text}\`: ${answer.failure.join('; ')}`,
      'check the action, resource and context against the schema',
    );
  return {
    decision: answer.decision === 'allow' ? 'Allow' : 'Deny',
    determining: answer.reasons,
    errors: answer.errors.map((e) => ({
      code: 'cedar_policy_error',
      severity: 'warning' as const,
      message: `policy \`${e.policyId}\` errored and was skipped: ${e.message}`,
      help: 'guard optional attributes with `has`; strict validation catches most of these',
      ...(line.location ? { location: line.location } : {}),
    })),
  };
}
