/**
 * Loads authorize documents (formats.md §3): one document or a list per file. Policies may be
 * inline, a relative path to a .json/.yaml file, or a URL-encoded JSON string; each becomes a
 * PolicyDocument with a Locator into the file its text lives in.
 */
import { basename, dirname, extname, resolve } from 'node:path';
import { KeycardInputError, type Diagnostic, type Location, type Locator, type PathKey } from '../diagnostics/diagnostic.js';
import type { PolicyDocument, PolicyLayers } from '../model/types.js';
import { checkReference } from './confine.js';
import { MAX_DEPTH, tooDeep } from './depth.js';
import { resourceProblem } from './request-limits.js';
import { fixedLocator, loadSourceFile, subLocator, type ParsedSource } from './source.js';

export type ExpectedDecision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** The documents of an authorize document (`session` may be one policy or, as an extension, a list). */
type AuthorizePolicies = PolicyLayers<PolicyDocument>;

interface AuthorizeRequestInput {
  principal: string;
  action: string;
  resource: string;
  resourceAccount?: string;
  context: Record<string, string | string[]>;
}

export interface AuthorizeDocument {
  id: string;
  title?: string;
  file: string;
  index: number;
  location?: Location;
  policies: AuthorizePolicies;
  request: AuthorizeRequestInput;
  expect?: ExpectedDecision;
}

/** A document that could not be read: it still gets a result line. */
export interface AuthorizeLoadError {
  id: string;
  file: string;
  index?: number;
  diagnostics: Diagnostic[];
}

const DOC_KEYS = new Set(['id', 'title', 'source', 'policies', 'request', 'expect', 'description']);
const POLICY_KEYS = new Set(['identity', 'boundary', 'session', 'resource', 'scp', 'rcp']);
const REQUEST_KEYS = new Set(['principal', 'action', 'resource', 'resourceAccount', 'context']);
const DECISIONS = new Set(['Allow', 'ExplicitDeny', 'ImplicitDeny']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads one file; every document in it becomes an AuthorizeDocument or an AuthorizeLoadError, in order. */
export function loadAuthorizeFile(file: string): (AuthorizeDocument | AuthorizeLoadError)[] {
  const fallbackId = basename(file, extname(file));
  let src: ParsedSource;
  try {
    src = loadSourceFile(file);
  } catch (e) {
    if (e instanceof KeycardInputError) return [{ id: fallbackId, file, diagnostics: e.diagnostics }];
    throw e;
  }
  const list = Array.isArray(src.value) ? src.value : [src.value];
  return list.map((value, index) => {
    const base: PathKey[] = Array.isArray(src.value) ? [index] : [];
    const id = isRecord(value) && typeof value.id === 'string' ? value.id : list.length > 1 ? `${fallbackId}#${index}` : fallbackId;
    try {
      return readDocument(value, src, base, index, id);
    } catch (e) {
      if (e instanceof KeycardInputError) return { id, file, index, diagnostics: e.diagnostics };
      throw e;
    }
  });
}

function readDocument(value: unknown, src: ParsedSource, base: PathKey[], index: number, id: string): AuthorizeDocument {
  const locate = subLocator(src.locate, base);
  const locateKey = subLocator(src.locateKey, base);
  const errors: Diagnostic[] = [];
  const err = (code: string, message: string, help: string, path: PathKey[], key = false) =>
    errors.push({
      code,
      severity: 'error',
      message,
      help,
      location: (key ? locateKey : locate)(path) ?? { file: src.file, line: 1, column: 1 },
    });
  if (!isRecord(value)) {
    throw new KeycardInputError([
      {
        code: 'authorize_not_object',
        severity: 'error',
        message: 'an authorize document must be an object',
        help: 'write `policies:`, `request:` and optionally `expect:`',
        location: locate([]),
      },
    ]);
  }
  for (const k of Object.keys(value))
    if (!DOC_KEYS.has(k))
      err('authorize_unknown_field', `unknown field \`${k}\``, 'fields are id, title, source, policies, request, expect', [k], true);
  const policies = readPolicies(value.policies, src, locate, err);
  const request = readRequest(value.request, err);
  let expect: ExpectedDecision | undefined;
  if (value.expect !== undefined) {
    if (typeof value.expect === 'string' && DECISIONS.has(value.expect)) expect = value.expect as ExpectedDecision;
    else
      err(
        'authorize_bad_expect',
        `\`expect\` must be Allow, ExplicitDeny or ImplicitDeny, not \`${String(value.expect)}\``,
        'write one of Allow, ExplicitDeny, ImplicitDeny',
        ['expect'],
      );
  }
  if (errors.length > 0 || !request) throw new KeycardInputError(errors);
  const doc: AuthorizeDocument = { id, file: src.file, index, policies, request };
  if (typeof value.title === 'string') doc.title = value.title;
  if (expect) doc.expect = expect;
  const loc = locate([]);
  if (loc) doc.location = loc;
  return doc;
}

type Err = (code: string, message: string, help: string, path: PathKey[], key?: boolean) => void;

function readPolicies(raw: unknown, src: ParsedSource, locate: Locator, err: Err): AuthorizePolicies {
  const out: AuthorizePolicies = { identity: [], session: [], scp: [], rcp: [] };
  if (raw === undefined || raw === null) return out;
  if (!isRecord(raw)) {
    err('authorize_bad_policies', '`policies` must be an object', 'write `policies: {identity: [...], resource: ...}`', ['policies']);
    return out;
  }
  for (const k of Object.keys(raw))
    if (!POLICY_KEYS.has(k))
      err(
        'authorize_unknown_field',
        `unknown policy type \`${k}\``,
        'policy types are identity, boundary, session, resource, scp, rcp',
        ['policies', k],
        true,
      );
  const one = (v: unknown, path: PathKey[], name: string) => policyDocument(v, src, locate, path, name, err);
  const many = (v: unknown, path: PathKey[], name: string): PolicyDocument[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return [one(v, path, name)].filter((d): d is PolicyDocument => d !== undefined);
    return v.map((x, i) => one(x, [...path, i], `${name} ${i}`)).filter((d): d is PolicyDocument => d !== undefined);
  };
  out.identity = many(raw.identity, ['policies', 'identity'], 'identity');
  out.session = many(raw.session, ['policies', 'session'], 'session');
  if (raw.boundary !== undefined && raw.boundary !== null) out.boundary = one(raw.boundary, ['policies', 'boundary'], 'boundary');
  if (raw.resource !== undefined && raw.resource !== null) out.resource = one(raw.resource, ['policies', 'resource'], 'resource');
  for (const kind of ['scp', 'rcp'] as const) {
    const levels = raw[kind];
    if (levels === undefined || levels === null) continue;
    if (!Array.isArray(levels)) {
      err(
        'authorize_bad_policies',
        `\`${kind}\` must be a list of {orgIdentifier, policies}`,
        `write \`${kind}: [{orgIdentifier: r-root, policies: [...]}]\``,
        ['policies', kind],
      );
      continue;
    }
    levels.forEach((level, i) => {
      const path: PathKey[] = ['policies', kind, i];
      if (!isRecord(level) || typeof level.orgIdentifier !== 'string') {
        err(
          'authorize_bad_policies',
          `\`${kind}\` level ${i} needs \`orgIdentifier\` and \`policies\``,
          `write \`{orgIdentifier: r-root, policies: [...]}\``,
          path,
        );
        return;
      }
      out[kind].push({
        orgIdentifier: level.orgIdentifier,
        policies: many(level.policies, [...path, 'policies'], `${kind} ${level.orgIdentifier}`),
      });
    });
  }
  return out;
}

/** Inline object, relative file path, or URL-encoded JSON string. */
function policyDocument(
  v: unknown,
  src: ParsedSource,
  locate: Locator,
  path: PathKey[],
  name: string,
  err: Err,
): PolicyDocument | undefined {
  if (isRecord(v)) return { name, json: v, file: src.file, locate: subLocator(locate, path) };
  if (typeof v !== 'string') {
    err(
      'authorize_bad_policy',
      `policy \`${name}\` must be a policy object, a file path or URL-encoded JSON`,
      'write the policy inline, or a path such as `policies/read.json`',
      path,
    );
    return undefined;
  }
  const text = v.trim();
  if (text.startsWith('{') || /^%7B/i.test(text)) {
    try {
      const json = JSON.parse(text.startsWith('{') ? text : decodeURIComponent(text)) as unknown;
      if (tooDeep(json)) {
        err(
          'load_too_deep',
          `policy \`${name}\` is nested more than ${MAX_DEPTH} levels deep`,
          'policies are a few levels deep; check the document',
          path,
        );
        return undefined;
      }
      return { name, json, file: src.file, locate: fixedLocator(locate(path), src.file) };
    } catch {
      err('authorize_bad_policy', `policy \`${name}\` is not valid (URL-encoded) JSON`, 'check the encoding of the policy string', path);
      return undefined;
    }
  }
  const target = resolve(dirname(src.file), text);
  try {
    checkReference(target, src.file, locate(path), `the policy file of \`${name}\``);
    const loaded = loadSourceFile(target);
    return { name: `${name} (${text})`, json: loaded.value, file: target, locate: loaded.locate };
  } catch (e) {
    const outside = e instanceof KeycardInputError && e.diagnostics[0]?.code === 'load_path_outside' ? e.diagnostics[0] : undefined;
    if (outside) {
      err(outside.code, outside.message, outside.help ?? '', path);
      return undefined;
    }
    if (e instanceof KeycardInputError) {
      err(
        'authorize_policy_file',
        `cannot read policy \`${name}\` from \`${text}\`: ${e.diagnostics[0]?.message ?? 'unreadable'}`,
        'check the path; it is relative to the authorize document',
        path,
      );
      return undefined;
    }
    throw e;
  }
}

function readRequest(raw: unknown, err: Err): AuthorizeRequestInput | undefined {
  if (!isRecord(raw)) {
    err(
      'authorize_bad_request',
      '`request` is missing or not an object',
      'write `request: {principal, action, resource, context}`',
      raw === undefined ? [] : ['request'],
    );
    return undefined;
  }
  for (const k of Object.keys(raw))
    if (!REQUEST_KEYS.has(k))
      err(
        'authorize_unknown_field',
        `unknown request field \`${k}\``,
        'request fields are principal, action, resource, resourceAccount, context',
        ['request', k],
        true,
      );
  const str = (k: string, required: boolean): string | undefined => {
    const v = raw[k];
    if (v === undefined && !required) return undefined;
    if (typeof v === 'string' && v.length > 0) return v;
    if (typeof v === 'number' && k === 'resourceAccount') return String(v);
    err(
      'authorize_bad_request',
      `\`request.${k}\` must be a non-empty string`,
      k === 'resource' ? 'use `*` for wildcard-only actions' : `give \`${k}\``,
      ['request', k],
    );
    return undefined;
  };
  const principal = str('principal', true);
  const action = str('action', true);
  const resource = str('resource', true);
  const tooLong = resource === undefined ? undefined : resourceProblem(resource);
  if (tooLong)
    err('request_resource_too_long', tooLong, 'S3 object keys are at most 1,024 bytes (UTF-8); check the request', ['request', 'resource']);
  const resourceAccount = str('resourceAccount', false);
  const context: Record<string, string | string[]> = {};
  if (raw.context !== undefined && raw.context !== null) {
    if (!isRecord(raw.context)) {
      err(
        'authorize_bad_context',
        '`request.context` must map keys to a value or a list of values',
        'write e.g. `context: {"aws:SourceIp": "203.0.113.7"}`',
        ['request', 'context'],
      );
    } else {
      for (const [k, v] of Object.entries(raw.context)) {
        const scalar = (x: unknown) =>
          typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : undefined;
        if (Array.isArray(v) && v.every((x) => scalar(x) !== undefined)) context[k] = v.map((x) => scalar(x)!);
        else if (scalar(v) !== undefined) context[k] = scalar(v)!;
        else
          err(
            'authorize_bad_context',
            `context value of \`${k}\` must be a string, number, boolean or a list of them`,
            'write a value or a list of values',
            ['request', 'context', k],
          );
      }
    }
  }
  if (!principal || !action || !resource || tooLong) return undefined;
  return { principal, action, resource, ...(resourceAccount ? { resourceAccount } : {}), context };
}
