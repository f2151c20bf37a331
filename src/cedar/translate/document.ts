/**
 * An authorize document (formats.md §3) → one Cedar policy set and request. Each IAM statement
 * becomes one policy; the IAM decision procedure (iam-reference §3.1–3.2) is encoded in how the
 * permits are conjoined: an identity Allow also needs the boundary, the session policy, every SCP
 * and RCP level (and, across accounts, the resource policy); a resource-policy Allow needs what
 * its way of naming the caller requires. Deny statements are forbids, so Cedar's own
 * forbid-overrides-permit is IAM's explicit deny, and a Deny with no reasons is an implicit deny.
 */
import type { Location, PathKey } from '../../diagnostics/diagnostic.js';
import { needsExplicitAllow } from '../../iam/decide.js';
import { classifyPrincipal } from '../../iam/principal.js';
import type { AuthorizeDocument } from '../../load/authorize.js';
import type { PolicyDocument } from '../../model/types.js';
import type { CedarEntity, CedarRequest } from '../wasm.js';
import { contextViews } from './conditions.js';
import { untranslatable, type TranslateEnv, type ContextView, type Untranslatable } from './env.js';
import { and, FALSE, or, TRUE } from './expr.js';
import { ACTION_TYPE, canonicalS3Action, PRINCIPAL_TYPE, resourceTypeOf, wildcardOnlyS3Actions } from './names.js';
import { translateStatement, type TranslatedStatement } from './statement.js';
import { arnParts, scalar } from './values.js';

type PolicyKind = 'identity' | 'boundary' | 'session' | 'resource' | 'scp' | 'rcp';

/** What a generated Cedar policy stands for, to explain Cedar's determining policies in IAM terms. */
export interface PolicyOrigin {
  policy: string;
  kind: PolicyKind;
  statement: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** For permits: which IAM path grants (identity side, or a resource grant by how it names the caller). */
  path?: 'identity' | 'direct' | 'role' | 'any';
}

export interface DocumentProblem extends Untranslatable {
  document?: PolicyDocument;
  /** For problems with the request itself: where the authorize document is. */
  location?: Location;
}

export interface CedarTranslation {
  /** Cedar policies by id. */
  policies: Record<string, string>;
  origins: Record<string, PolicyOrigin>;
  request: CedarRequest;
  /** Context attributes the policies read (for the generated schema). */
  views: Map<string, ContextView>;
  problems: DocumentProblem[];
}

interface Translated {
  doc: PolicyDocument;
  kind: PolicyKind;
  label: string;
  statements: TranslatedStatement[];
}

/** Request context by lowercase key, values as text; empty lists count as absent (as in IAM). */
export function requestContext(context: Record<string, unknown>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(context)) {
    const list = (Array.isArray(value) ? value : [value]).map((v) => scalar(v) ?? JSON.stringify(v));
    if (list.length > 0) out.set(key.toLowerCase(), list);
  }
  return out;
}

export function translateDocument(doc: AuthorizeDocument): CedarTranslation {
  const problems: DocumentProblem[] = [];
  const views = new Map<string, ContextView>();
  const context = requestContext(doc.request.context ?? {});
  const principal = classifyPrincipal(doc.request.principal);
  const hasBoundary = doc.policies.boundary !== undefined;
  const hasIdentitySide = !['anonymous', 'service', 'federated'].includes(principal.kind);
  const action = canonicalS3Action(doc.request.action);
  const resource = doc.request.resource;
  const segments = arnParts(resource);
  const wildcardOnlyRequest = action !== undefined && isWildcardOnlyAction(action);
  const noteRequest = (message: string, help: string) =>
    problems.push({ message, help, path: [], ...(doc.location ? { location: doc.location } : {}) });
  if (!action) noteRequest(`\`${doc.request.action}\` is not an S3 action of the catalog`, 'the Cedar translation covers S3 actions only');
  if (!segments && !wildcardOnlyRequest)
    noteRequest(`resource \`${resource}\` is not an ARN`, 'give the full ARN, or `*` for wildcard-only actions');
  const keys = Object.keys(doc.request.context ?? {});
  if (new Set(keys.map((k) => k.toLowerCase())).size !== keys.length) {
    noteRequest('the request context has keys that differ only in case', 'condition keys are case-insensitive; give each key once');
  }

  const translate = (pd: PolicyDocument, kind: PolicyKind, label: string): Translated => {
    const env: TranslateEnv = { request: context, variables: false, problems: [], views };
    const statements: TranslatedStatement[] = [];
    const json = pd.json;
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      untranslatable(env, [], `policy \`${pd.name}\` is not a JSON object`, 'a policy is an object with `Version` and `Statement`');
    } else {
      const version = (json as Record<string, unknown>).Version;
      if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') {
        untranslatable(env, ['Version'], `unknown policy version \`${String(version)}\``, "use `'2012-10-17'`");
      }
      env.variables = version === '2012-10-17';
      const raw = (json as Record<string, unknown>).Statement;
      const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
      if (raw === undefined) untranslatable(env, [], 'the policy has no `Statement`', 'add a `Statement` list');
      list.forEach((s, i) => {
        const path: PathKey[] = Array.isArray(raw) ? ['Statement', i] : ['Statement'];
        // RCPs name principals like resource policies do (Principal is required in them).
        const st = translateStatement(s, i, path, env, { resourcePolicy: kind === 'resource' || kind === 'rcp', hasBoundary });
        if (st) statements.push(st);
      });
    }
    for (const p of env.problems) problems.push({ ...p, document: pd });
    return { doc: pd, kind, label, statements };
  };

  const identity = doc.policies.identity.map((pd, i) => translate(pd, 'identity', `identity${i}`));
  const boundary = doc.policies.boundary ? translate(doc.policies.boundary, 'boundary', 'boundary') : undefined;
  const session = doc.policies.session.map((pd, i) => translate(pd, 'session', `session${i}`));
  const resourcePolicy = doc.policies.resource ? translate(doc.policies.resource, 'resource', 'resource') : undefined;
  const scp = doc.policies.scp.map((l, li) => l.policies.map((pd, i) => translate(pd, 'scp', `scp${li}.${i}`)));
  const rcp = doc.policies.rcp.map((l, li) => l.policies.map((pd, i) => translate(pd, 'rcp', `rcp${li}.${i}`)));

  const namesCaller = (s: TranslatedStatement) =>
    s.principal ? and([s.match, or([s.principal.direct, s.principal.role, s.principal.account])]) : s.match;
  const allows = (t: Translated | undefined) => or((t?.statements ?? []).filter((s) => s.effect === 'Allow').map(namesCaller));
  const boundaryOk = boundary ? allows(boundary) : TRUE;
  const sessionOk =
    principal.kind !== 'role-session' && principal.kind !== 'federated-user'
      ? TRUE
      : session.length === 0
        ? principal.kind === 'role-session'
          ? TRUE
          : FALSE
        : or(session.map(allows));
  const levels = (ls: Translated[][]) => and(ls.map((l) => or(l.map(allows))));
  const scpOk = hasIdentitySide ? levels(scp) : TRUE;
  // RCPs only deny: RCPFullAWSAccess allows at every level and cannot be detached (src/iam/decide.ts).
  const rcpOk = TRUE;
  const resourceAllows = (resourcePolicy?.statements ?? []).filter((s) => s.effect === 'Allow');
  const anyGrant = (s: TranslatedStatement) => and([s.match, or([s.principal!.direct, s.principal!.role, s.principal!.account])]);
  const resourceAccount = doc.request.resourceAccount ?? arnAccount(resource) ?? principal.account;
  const crossAccount =
    hasIdentitySide && principal.account !== undefined && resourceAccount !== undefined && principal.account !== resourceAccount;

  const policies: Record<string, string> = {};
  const origins: Record<string, PolicyOrigin> = {};
  const emit = (t: Translated, s: TranslatedStatement, effect: 'permit' | 'forbid', body: string, path?: PolicyOrigin['path']) => {
    const id = `${t.label}#${s.index}${path ? `/${path}` : ''}`;
    if (body === FALSE) return;
    const annotations = [`@source(${JSON.stringify(t.doc.name)})`, `@statement("${s.sid ?? s.index}")`];
    policies[id] = `${annotations.join(' ')}\n${effect}(principal, action, resource)${body === TRUE ? '' : ` when {\n  ${body}\n}`};`;
    origins[id] = {
      policy: t.doc.name,
      kind: t.kind,
      statement: s.index,
      effect: s.effect,
      ...(s.sid !== undefined ? { sid: s.sid } : {}),
      ...(path ? { path } : {}),
    };
  };

  // Explicit denies: every Deny statement of every policy that applies to this principal.
  const applying = [
    ...(hasIdentitySide ? [...identity, ...(boundary ? [boundary] : []), ...session, ...scp.flat()] : []),
    ...rcp.flat(),
    ...(resourcePolicy ? [resourcePolicy] : []),
  ];
  for (const t of applying) {
    for (const s of t.statements) {
      if (s.effect !== 'Deny') continue;
      emit(t, s, 'forbid', namesCaller(s));
    }
  }

  if (!hasIdentitySide) {
    // Anonymous callers, identity providers and services: only the resource policy can grant.
    for (const s of resourceAllows) emit(resourcePolicy!, s, 'permit', and([anyGrant(s), rcpOk]), 'any');
  } else {
    const principalGates = [boundaryOk, sessionOk, scpOk, rcpOk];
    // Cross-account, and for KMS keys and role trust policies, the resource policy must allow too.
    const crossGate = crossAccount || needsExplicitAllow(doc.request.action.toLowerCase()) ? [or(resourceAllows.map(anyGrant))] : [];
    for (const t of identity) {
      for (const s of t.statements)
        if (s.effect === 'Allow') emit(t, s, 'permit', and([s.match, ...principalGates, ...crossGate]), 'identity');
    }
    // The account root user has full access on its own side.
    if (principal.kind === 'account') {
      const body = and([...principalGates, ...crossGate]);
      if (body !== FALSE) {
        policies['root'] = `@source("account root")\npermit(principal, action, resource)${body === TRUE ? '' : ` when {\n  ${body}\n}`};`;
        origins['root'] = { policy: 'account root', kind: 'identity', statement: -1, effect: 'Allow' };
      }
    }
    if (!crossAccount) {
      for (const s of resourceAllows) {
        emit(resourcePolicy!, s, 'permit', and([s.match, s.principal!.direct, scpOk, rcpOk]), 'direct');
        emit(resourcePolicy!, s, 'permit', and([s.match, s.principal!.role, boundaryOk, sessionOk, scpOk, rcpOk]), 'role');
      }
    }
  }

  const request = cedarRequest(principal, action ?? doc.request.action, resource, segments, context, views);
  return { policies, origins, request, views, problems };
}

let wildcardSet: Set<string> | undefined;
function isWildcardOnlyAction(action: string): boolean {
  wildcardSet ??= new Set(wildcardOnlyS3Actions());
  return wildcardSet.has(action);
}

function arnAccount(arn: string): string | undefined {
  const parts = arnParts(arn);
  return parts && parts[0] === 'arn' && parts[4] ? parts[4] : undefined;
}

/** The Cedar request: the caller, the action, the resource split into segments, and the context views the policies read. */
function cedarRequest(
  principal: ReturnType<typeof classifyPrincipal>,
  action: string,
  resource: string,
  segments: string[] | undefined,
  context: Map<string, string[]>,
  views: Map<string, ContextView>,
): CedarRequest {
  const principalUid = { type: PRINCIPAL_TYPE, id: principal.arn };
  const segs = segments ?? [resource, '', '', '', '', ''];
  const resourceUid = { type: resourceTypeOf(resource), id: resource };
  const resourceAttrs: Record<string, string> = { arn: resource };
  segs.forEach((s, i) => (resourceAttrs[`s${i}`] = s));
  for (let i = 1; i <= 4; i++) resourceAttrs[`tail${i}`] = segs.slice(i).join(':');
  const entities: CedarEntity[] = [
    {
      uid: principalUid,
      attrs: {
        kind: principal.kind,
        arn: principal.arn,
        arnLower: principal.arn.toLowerCase(),
        account: principal.account ?? '',
        accountArn: principal.accountArn ?? '',
        roleName: principal.roleName ?? '',
        userArn: principal.userArn ?? '',
      },
      parents: [],
    },
    { uid: resourceUid, attrs: resourceAttrs, parents: [] },
  ];
  // Only the views the policies read are converted: each attribute value costs time in the wasm bridge.
  const wanted = new Map<string, Set<string>>();
  for (const { key, view } of views.values()) {
    if (!wanted.has(key)) wanted.set(key, new Set());
    wanted.get(key)!.add(view);
  }
  const cedarContext: Record<string, unknown> = {};
  for (const [key, want] of wanted) Object.assign(cedarContext, contextViews(key, context.get(key) ?? [], want));
  return {
    principal: principalUid,
    action: { type: ACTION_TYPE, id: action },
    resource: resourceUid,
    context: cedarContext as CedarRequest['context'],
    entities,
  };
}
