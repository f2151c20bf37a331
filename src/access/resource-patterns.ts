/**
 * The Resource (and NotResource) patterns of a policy document, read as the compiler reads them
 * (iam/compile.ts `compileResources`) but without compiling the rest. The access map's columns
 * are the prefixes every policy of the project names; at 1,000 roles, compiling 4,000 documents
 * (conditions and all) only to read their ARNs cost more than the map itself. The test
 * test/access/resource-patterns.test.ts checks that both readings agree.
 */
import { compileTemplate, variableBeforeResourcePart, type Template } from '../iam/variables.js';
import type { PolicyDocument } from '../model/types.js';
import { isUnresolved } from '../model/unresolved.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const cache = new WeakMap<PolicyDocument, Template[]>();

/** The templates of every entry of the document's Resource/NotResource elements that the compiler keeps. */
export function resourceTemplates(doc: PolicyDocument): Template[] {
  let out = cache.get(doc);
  if (!out) cache.set(doc, (out = read(doc.json)));
  return out;
}

function read(json: unknown): Template[] {
  const out: Template[] = [];
  if (!isRecord(json)) return out;
  const version = json.Version;
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') return out; // a broken policy
  const variables = version === '2012-10-17';
  const raw = json.Statement;
  if (raw === undefined || (!Array.isArray(raw) && !isRecord(raw))) return out;
  for (const s of Array.isArray(raw) ? raw : [raw]) {
    if (!isRecord(s)) continue;
    if (s.Resource !== undefined && s.NotResource !== undefined) continue;
    const value = s.Resource ?? s.NotResource;
    if (value === undefined) continue;
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0 || !list.every((x) => typeof x === 'string')) continue;
    for (const r of list as string[]) {
      if (isUnresolved(r)) continue;
      if (!/^\*+$/.test(r) && !r.startsWith('arn:')) continue;
      const t = compileTemplate(r, { variables, wildcards: true });
      if (!variableBeforeResourcePart(t)) out.push(t);
    }
  }
  return out;
}
