/**
 * The principal side of a role's permissions as a standalone Cedar policy set (for export):
 * identity Allows gated by the boundary, session policies and SCPs; every Deny a forbid. Policies
 * are scoped to the role's sessions. Without a request context, variables cannot be substituted
 * and statements using them are reported; with a user's session context they are.
 */
import type { PathKey } from '../../diagnostics/diagnostic.js';
import type { ContextValue, PolicyDocument } from '../../model/types.js';
import { cedarString } from '../wasm.js';
import type { DocumentProblem } from './document.js';
import { requestContext } from './document.js';
import type { ContextView, TranslateEnv } from './env.js';
import { and, FALSE, or, TRUE } from './expr.js';
import { translateStatement, type TranslatedStatement } from './statement.js';

export interface PrincipalSideInput {
  /** Used in policy ids and annotations, e.g. the role name. */
  label: string;
  roleArn: string;
  identity: PolicyDocument[];
  boundary?: PolicyDocument;
  session: PolicyDocument[];
  scp: PolicyDocument[];
  /** The session's request context (a user export): variables are substituted from it. */
  context?: Record<string, ContextValue>;
}

export interface PrincipalSideTranslation {
  policies: Record<string, string>;
  /** Statements left out because Cedar cannot express them, as `// ...` lines for the file. */
  omitted: string[];
  views: Map<string, ContextView>;
  problems: (DocumentProblem & { effect?: 'Allow' | 'Deny' })[];
}

interface Doc {
  doc: PolicyDocument;
  kind: string;
  label: string;
  statements: { st: TranslatedStatement; ok: boolean }[];
}

export function translatePrincipalSide(input: PrincipalSideInput): PrincipalSideTranslation {
  const views = new Map<string, ContextView>();
  const problems: PrincipalSideTranslation['problems'] = [];
  const omitted: string[] = [];
  const request = input.context ? requestContext(input.context) : undefined;

  const translate = (doc: PolicyDocument, kind: string, label: string): Doc => {
    const json = doc.json as Record<string, unknown> | null;
    const raw = json && typeof json === 'object' ? json.Statement : undefined;
    const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    const statements: Doc['statements'] = [];
    list.forEach((s, i) => {
      const env: TranslateEnv = { ...(request ? { request } : {}), variables: json?.Version === '2012-10-17', problems: [], views };
      const path: PathKey[] = Array.isArray(raw) ? ['Statement', i] : ['Statement'];
      const st = translateStatement(s, i, path, env, { resourcePolicy: false, hasBoundary: input.boundary !== undefined });
      const ok = env.problems.length === 0 && st !== undefined;
      const effect = (s as { Effect?: unknown })?.Effect === 'Deny' ? 'Deny' : 'Allow';
      for (const p of env.problems) problems.push({ ...p, document: doc, effect });
      if (st) statements.push({ st, ok });
      if (!ok) omitted.push(`// not translated: ${kind} \`${doc.name}\` statement ${i} (${env.problems.map((p) => p.message).join('; ')})`);
    });
    return { doc, kind, label, statements };
  };

  const identity = input.identity.map((d, i) => translate(d, 'identity', `identity${i}`));
  const boundary = input.boundary ? translate(input.boundary, 'boundary', 'boundary') : undefined;
  const session = input.session.map((d, i) => translate(d, 'session', `session${i}`));
  const scp = input.scp.map((d, i) => translate(d, 'scp', `scp${i}`));
  const allows = (d: Doc) => or(d.statements.filter((s) => s.ok && s.st.effect === 'Allow').map((s) => s.st.match));
  const scope = roleScope(input.roleArn);

  const policies: Record<string, string> = {};
  const render = (
    id: string,
    annotations: Record<string, string>,
    effect: 'permit' | 'forbid',
    keyword: 'when' | 'unless',
    body: string,
  ) => {
    const notes = Object.entries({ id, ...annotations })
      .map(([k, v]) => `@${k}(${cedarString(v)})`)
      .join('\n');
    const condition = keyword === 'when' ? `when {\n  ${and([scope, body])}\n}` : `when {\n  ${scope}\n} unless {\n  ${body}\n}`;
    policies[id] = `${notes}\n${effect}(principal, action, resource) ${condition};`;
  };
  const emit = (d: Doc, st: TranslatedStatement, effect: 'permit' | 'forbid', body: string) => {
    if (body === FALSE) return;
    render(`${input.label}/${d.label}#${st.index}`, { source: d.doc.name, statement: st.sid ?? String(st.index) }, effect, 'when', body);
  };
  for (const d of [...identity, ...(boundary ? [boundary] : []), ...session, ...scp]) {
    for (const { st, ok } of d.statements) if (ok && st.effect === 'Deny') emit(d, st, 'forbid', st.match);
  }
  for (const d of identity) {
    for (const { st, ok } of d.statements) if (ok && st.effect === 'Allow') emit(d, st, 'permit', st.match);
  }
  // Intersections (boundary, session policies, SCPs): a forbid unless one of their Allows matches.
  // Such a forbid stands for an implicit deny; `@gate` marks it so.
  const gate = (name: string, docs: Doc[]) => {
    if (docs.length)
      render(
        `${input.label}/${name}`,
        { gate: name, source: docs.map((d) => d.doc.name).join(', ') },
        'forbid',
        'unless',
        or(docs.map(allows)),
      );
  };
  if (boundary) gate('boundary', [boundary]);
  gate('session', session);
  for (const [i, d] of scp.entries()) gate(`scp${i}`, [d]);
  return { policies, omitted, views, problems };
}

/** The role's sessions: `arn:aws:sts::<account>:assumed-role/<name>/...`. */
function roleScope(roleArn: string): string {
  const m = /^arn:[^:]*:iam::([^:]*):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  if (!m) return TRUE;
  return and([
    `principal.kind == "role-session"`,
    `principal.account == ${cedarString(m[1]!)}`,
    `principal.roleName == ${cedarString(m[2]!)}`,
  ]);
}
