/** Builds a PolicySet from loaded PolicyDocuments, compiling each once (with its diagnostics). */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PolicyDocument } from '../model/types.js';
import { compilePolicy } from './compile.js';
import type { CompiledPolicy, PolicyKind, PolicySet } from './types.js';

const compileFresh = (doc: PolicyDocument, kind: PolicyKind): CompiledPolicy => compilePolicy(doc, { kind });

/** The documents of a PolicySet before compilation (the shape the authorize loader produces). */
export interface PolicyDocuments {
  identity?: PolicyDocument[];
  boundary?: PolicyDocument;
  session?: PolicyDocument[];
  resource?: PolicyDocument;
  /** `trust` compiles the resource document as a role trust policy (no Resource element). */
  resourceKind?: 'resource' | 'trust';
  scp?: { orgIdentifier: string; policies: PolicyDocument[] }[];
  rcp?: { orgIdentifier: string; policies: PolicyDocument[] }[];
}

/** Compiles every document (through `compile`: authorize passes one that reuses); returns the set and all diagnostics. */
export function compilePolicySet(
  docs: PolicyDocuments,
  compile: (doc: PolicyDocument, kind: PolicyKind) => CompiledPolicy = compileFresh,
): { set: PolicySet; diagnostics: Diagnostic[] } {
  const set: PolicySet = {
    identity: (docs.identity ?? []).map((d) => compile(d, 'identity')),
    session: (docs.session ?? []).map((d) => compile(d, 'session')),
    scp: (docs.scp ?? []).map((l) => ({
      orgIdentifier: l.orgIdentifier,
      policies: l.policies.map((d) => compile(d, 'scp')),
    })),
    rcp: (docs.rcp ?? []).map((l) => ({
      orgIdentifier: l.orgIdentifier,
      policies: l.policies.map((d) => compile(d, 'rcp')),
    })),
  };
  if (docs.boundary) set.boundary = compile(docs.boundary, 'boundary');
  if (docs.resource) set.resource = compile(docs.resource, docs.resourceKind ?? 'resource');
  // Collected without intermediate lists: the one-shot authorize calls this for every document.
  const diagnostics: Diagnostic[] = [];
  const collect = (p: CompiledPolicy) => {
    for (let i = 0; i < p.diagnostics.length; i++) diagnostics.push(p.diagnostics[i]!);
  };
  set.identity.forEach(collect);
  set.session.forEach(collect);
  for (const l of set.scp) l.policies.forEach(collect);
  for (const l of set.rcp) l.policies.forEach(collect);
  if (set.boundary) collect(set.boundary);
  if (set.resource) collect(set.resource);
  return { set, diagnostics };
}
