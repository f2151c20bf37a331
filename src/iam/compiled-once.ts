/**
 * Each document compiled once per kind, for the whole process: the trust check, the session, the
 * lint rules and the explorer (which rebuilds sessions on every keystroke) share the result.
 */
import type { PolicyDocument } from '../model/types.js';
import { compilePolicy } from './compile.js';
import type { CompiledPolicy, PolicyKind } from './types.js';

const compiled = new WeakMap<PolicyDocument, Map<PolicyKind, CompiledPolicy>>();

export function compiledOnce(doc: PolicyDocument, kind: PolicyKind): CompiledPolicy {
  let byKind = compiled.get(doc);
  if (!byKind) compiled.set(doc, (byKind = new Map()));
  let c = byKind.get(kind);
  if (!c) byKind.set(kind, (c = compilePolicy(doc, { kind })));
  return c;
}
