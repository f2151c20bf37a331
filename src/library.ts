/**
 * The library's policy entry points (re-exported by src/index.ts): `authorize`, `compilePolicy`,
 * `compilePolicySet` and `evaluate` as a program calls them, with plain AWS JSON policies. Each
 * policy becomes the engine's PolicyDocument here; names and file locations are optional.
 */
import type { Diagnostic, Location } from './diagnostics/diagnostic.js';
import {
  authorize as authorizeDocument,
  compilePolicy as compileDocument,
  compilePolicySet as compileDocuments,
  evaluate as evaluatePrepared,
  prepareRequest,
  type AuthorizeResult,
  type CompileOptions,
  type CompiledPolicy,
  type EvaluationResult,
  type Explain,
  type PolicySet,
  type PreparedRequest,
  type Request,
} from './iam/index.js';
import type { AuthorizeDocument, ExpectedDecision } from './load/authorize.js';
import type { PolicyDocument } from './model/types.js';

/** A plain AWS policy document, as IAM and S3 print it: `{ Version, Statement }`. */
export type PolicyJson = Record<string, unknown>;

/**
 * A policy as the library takes it: a plain document, the same with a name (shown in explanations
 * and diagnostics), or a PolicyDocument that keycard loaded from a file (with locations).
 */
export type PolicyInput = PolicyJson | { name?: string; json: unknown } | PolicyDocument;

/** The policies of one request, by where they apply (formats.md §3 `policies`). */
export interface PolicyInputs {
  identity?: PolicyInput[];
  boundary?: PolicyInput;
  session?: PolicyInput[];
  resource?: PolicyInput;
  /** `trust` decides the resource document as a role trust policy (no Resource element). */
  resourceKind?: 'resource' | 'trust';
  scp?: { orgIdentifier: string; policies: PolicyInput[] }[];
  rcp?: { orgIdentifier: string; policies: PolicyInput[] }[];
}

/** The request of `authorize` (formats.md §3 `request`); `context` values are strings or lists of strings. */
export interface AuthorizeRequest {
  principal: string;
  action: string;
  resource: string;
  resourceAccount?: string;
  context?: Record<string, string | string[]>;
}

/** What `authorize` takes: the policies and the request; `id` names the result, `expect` checks it. */
export interface AuthorizeInput {
  id?: string;
  policies: PolicyInputs;
  request: AuthorizeRequest;
  expect?: ExpectedDecision;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const noLocation = (): Location | undefined => undefined;

/** The engine's PolicyDocument for any PolicyInput (a loaded document is passed on as it is). */
function toPolicyDocument(input: PolicyInput, name: string): PolicyDocument {
  const fields: Record<string, unknown> = isRecord(input) ? input : {};
  if (typeof fields.locate === 'function' && 'json' in fields) return input as PolicyDocument;
  if ('json' in fields && !('Statement' in fields)) {
    const named = input as { name?: string; json: unknown };
    return { name: named.name ?? name, json: named.json, file: '', locate: noLocation };
  }
  return { name, json: input, file: '', locate: noLocation };
}

function toDocuments(p: PolicyInputs): AuthorizeDocument['policies'] & { resourceKind?: 'resource' | 'trust' } {
  const level = (kind: string) => (l: { orgIdentifier: string; policies: PolicyInput[] }, i: number) => ({
    orgIdentifier: l.orgIdentifier,
    policies: l.policies.map((d, j) => toPolicyDocument(d, `${kind} ${i + 1}.${j + 1}`)),
  });
  return {
    identity: (p.identity ?? []).map((d, i) => toPolicyDocument(d, `identity policy ${i + 1}`)),
    session: (p.session ?? []).map((d, i) => toPolicyDocument(d, `session policy ${i + 1}`)),
    scp: (p.scp ?? []).map(level('scp')),
    rcp: (p.rcp ?? []).map(level('rcp')),
    ...(p.boundary ? { boundary: toPolicyDocument(p.boundary, 'permissions boundary') } : {}),
    ...(p.resource ? { resource: toPolicyDocument(p.resource, p.resourceKind === 'trust' ? 'trust policy' : 'resource policy') } : {}),
    ...(p.resourceKind ? { resourceKind: p.resourceKind } : {}),
  };
}

/** Decides one request against plain policies, with the explanation; never throws for a bad policy. */
export function authorize(input: AuthorizeInput | AuthorizeDocument): AuthorizeResult {
  if ('file' in input && 'index' in input) return authorizeDocument(input);
  const doc: AuthorizeDocument = {
    id: input.id ?? 'request',
    file: '',
    index: 0,
    policies: toDocuments(input.policies),
    // authorize prepares the request from a copy of its fields; one without a context gets an empty one.
    request: input.request.context ? (input.request as AuthorizeDocument['request']) : Object.assign({}, input.request, { context: {} }),
    ...(input.expect ? { expect: input.expect } : {}),
  };
  return authorizeDocument(doc);
}

/** Compiles one policy; read `diagnostics` (and `broken`, when nothing of it can be trusted). */
export function compilePolicy(input: PolicyInput, opts: CompileOptions & { name?: string } = {}): CompiledPolicy {
  return compileDocument(toPolicyDocument(input, opts.name ?? `${opts.kind ?? 'identity'} policy`), opts);
}

/** Compiles the policies of a request once, for many `evaluate` calls. */
export function compilePolicySet(inputs: PolicyInputs): { set: PolicySet; diagnostics: Diagnostic[] } {
  return compileDocuments(toDocuments(inputs));
}

/** `evaluate` with `{ explain: true }`: the decision and the explanation of every step. */
export type ExplainedResult = EvaluationResult & { explain: Explain };

/** Decides a request (plain, or prepared once with `prepareRequest`) against a compiled set. */
export function evaluate(set: PolicySet, request: Request | PreparedRequest, opts: { explain: true }): ExplainedResult;
export function evaluate(set: PolicySet, request: Request | PreparedRequest, opts?: { explain?: boolean }): EvaluationResult;
export function evaluate(set: PolicySet, request: Request | PreparedRequest, opts: { explain?: boolean } = {}): EvaluationResult {
  const prepared = typeof request.principal === 'string' ? prepareRequest(request as Request) : (request as PreparedRequest);
  return evaluatePrepared(set, prepared, opts);
}
