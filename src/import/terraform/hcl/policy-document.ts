/**
 * The data source `aws_iam_policy_document` (imports.md §2): its `json` as the AWS provider builds
 * it, from `statement` blocks, `source_policy_documents` (statements first, same `sid` replaced)
 * and `override_policy_documents` (same `sid` replaced, others appended). `&{...}` is the
 * provider's way of writing a literal IAM variable `${...}`.
 */
import { isObj, isWhollyUnknown, unknownNames, unknownOf, type Obj } from './values.js';

type Statement = Record<string, unknown>;

const iamVars = (s: string): string => s.replace(/&\{/g, '${');
const strings = (v: unknown): string[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]).map((x) => iamVars(String(x)));
/** One value alone is written as a string, as the provider writes it. */
const oneOrMany = (l: string[]): string | string[] => (l.length === 1 ? l[0]! : l);
const dedupe = (l: string[]): string[] => [...new Set(l)];
const docs = (...vs: unknown[]): string[] =>
  vs.flatMap((v) => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v])).map(String);

function principals(blocks: unknown): Record<string, unknown> | string | undefined {
  if (!Array.isArray(blocks) || blocks.length === 0) return undefined;
  const out: Record<string, string[]> = {};
  for (const b of blocks.filter(isObj)) {
    const type = String(b.type);
    out[type] = dedupe([...(out[type] ?? []), ...strings(b.identifiers)]);
  }
  if (Object.keys(out).length === 1 && out['*']?.length === 1 && out['*'][0] === '*') return '*';
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, oneOrMany(v)]));
}

function conditions(blocks: unknown): Record<string, Record<string, unknown>> | undefined {
  if (!Array.isArray(blocks) || blocks.length === 0) return undefined;
  const out: Record<string, Record<string, string[]>> = {};
  for (const b of blocks.filter(isObj)) {
    const test = (out[String(b.test)] ??= {});
    const key = iamVars(String(b.variable));
    test[key] = [...(test[key] ?? []), ...strings(b.values)];
  }
  return Object.fromEntries(
    Object.entries(out).map(([t, keys]) => [t, Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, oneOrMany(v)]))]),
  );
}

function statement(b: Obj): Statement {
  const s: Statement = {};
  if (typeof b.sid === 'string' && b.sid !== '') s.Sid = b.sid;
  s.Effect = typeof b.effect === 'string' && b.effect !== '' ? b.effect : 'Allow';
  const lists: [string, string][] = [
    ['actions', 'Action'],
    ['not_actions', 'NotAction'],
    ['resources', 'Resource'],
    ['not_resources', 'NotResource'],
  ];
  for (const [attr, key] of lists) {
    const l = dedupe(strings(b[attr]));
    if (b[attr] !== undefined && b[attr] !== null) s[key] = oneOrMany(l);
  }
  const p = principals(b.principals);
  if (p) s.Principal = p;
  const np = principals(b.not_principals);
  if (np) s.NotPrincipal = np;
  const c = conditions(b.condition);
  if (c) s.Condition = c;
  return s;
}

/** Merges statements: one with the same non-empty Sid is replaced in place, others appended. */
function mergeInto(base: Statement[], more: Statement[]): Statement[] {
  const out = [...base];
  for (const s of more) {
    const i = typeof s.Sid === 'string' && s.Sid !== '' ? out.findIndex((o) => o.Sid === s.Sid) : -1;
    if (i >= 0) out[i] = s;
    else out.push(s);
  }
  return out;
}

function statementsOf(doc: unknown): Statement[] {
  const parsed = typeof doc === 'string' ? (JSON.parse(doc) as unknown) : doc;
  const st = isObj(parsed) ? parsed.Statement : undefined;
  return (Array.isArray(st) ? st : st ? [st] : []).filter(isObj);
}

/** The `json` attribute; an unknown source document makes it unknown. */
export function policyDocumentJson(values: Obj): string {
  const unknown = docs(values.source_json, values.source_policy_documents, values.override_json, values.override_policy_documents).filter(
    isWhollyUnknown,
  );
  if (unknown.length > 0) return unknownOf(unknownNames(...unknown));
  let statements: Statement[] = [];
  for (const d of docs(values.source_json, values.source_policy_documents)) statements = mergeInto(statements, statementsOf(d));
  statements = mergeInto(statements, (Array.isArray(values.statement) ? values.statement : []).filter(isObj).map(statement));
  for (const d of docs(values.override_json, values.override_policy_documents)) statements = mergeInto(statements, statementsOf(d));
  const doc: Obj = { Version: typeof values.version === 'string' && values.version !== '' ? values.version : '2012-10-17' };
  if (typeof values.policy_id === 'string' && values.policy_id !== '') doc.Id = values.policy_id;
  doc.Statement = statements;
  return JSON.stringify(doc, null, 2);
}
