/** Builds a PolicySet from loaded PolicyDocuments, compiling each once (with its diagnostics). */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PolicyDocument } from '../model/types.js';
import { compilePolicy } from './compile.js';
import type { PolicySet } from './types.js';

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

/** Compiles every document; returns the set and all diagnostics. */
export function compilePolicySet(docs: PolicyDocuments): { set: PolicySet; diagnostics: Diagnostic[] } {
  const set: PolicySet = {
    identity: (docs.identity ?? []).map((d) => compilePolicy(d, { kind: 'identity' })),
    session: (docs.session ?? []).map((d) => compilePolicy(d, { kind: 'session' })),
    scp: (docs.scp ?? []).map((l) => ({
      orgIdentifier: l.orgIdentifier,
      policies: l.policies.map((d) => compilePolicy(d, { kind: 'scp' })),
    })),
    rcp: (docs.rcp ?? []).map((l) => ({
      orgIdentifier: l.orgIdentifier,
      policies: l.policies.map((d) => compilePolicy(d, { kind: 'rcp' })),
    })),
  };
  if (docs.boundary) set.boundary = compilePolicy(docs.boundary, { kind: 'boundary' });
  if (docs.resource) set.resource = compilePolicy(docs.resource, { kind: docs.resourceKind ?? 'resource' });
  const all = [
    ...set.identity,
    ...set.session,
    ...set.scp.flatMap((l) => l.policies),
    ...set.rcp.flatMap((l) => l.policies),
    ...(set.boundary ? [set.boundary] : []),
    ...(set.resource ? [set.resource] : []),
  ];
  return { set, diagnostics: all.flatMap((p) => p.diagnostics) };
}
