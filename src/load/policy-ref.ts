/**
 * Resolves a policy reference: a document inline, a path to a .json/.yaml file, or URL-encoded
 * JSON (as the IAM API returns trust policies). Every result keeps a Locator into its source.
 */
import { isAbsolute, resolve } from 'node:path';
import { KeycardInputError, type Diagnostic, type PathKey } from '../diagnostics/diagnostic.js';
import type { PolicyDocument } from '../model/types.js';
import { checkReference } from './confine.js';
import { checkDepth } from './depth.js';
import { fixedLocator, loadSourceFile, subLocator, type ParsedSource } from './source.js';

export interface RefContext {
  /** The file that holds the reference. */
  src: ParsedSource;
  /** Directory that relative paths resolve against. */
  dir: string;
  /** Files read so far (for watch mode). */
  files: string[];
}

/** URL-encoded JSON starts with an encoded `{`; a file path never does. */
function looksUrlEncodedJson(s: string): boolean {
  return /^%7B/i.test(s);
}

/** Resolves the value at `path` of ctx.src into a PolicyDocument. */
export function resolvePolicyRef(ctx: RefContext, path: PathKey[], value: unknown, name: string): PolicyDocument {
  if (typeof value !== 'string') {
    return { name, json: value, file: ctx.src.file, locate: subLocator(ctx.src.locate, path) };
  }
  // Located only for a string reference (an inline document is located when a finding asks).
  const at = ctx.src.locate(path);
  const text = value.trim();
  if (looksUrlEncodedJson(text) || text.startsWith('{')) {
    let decoded = text;
    try {
      if (!text.startsWith('{')) decoded = decodeURIComponent(text.replace(/\+/g, ' '));
      const json: unknown = JSON.parse(decoded);
      checkDepth(json, `the policy of ${name}`, at);
      return { name, json, file: ctx.src.file, locate: fixedLocator(at, ctx.src.file) };
    } catch (e) {
      if (e instanceof KeycardInputError) throw e;
      throw new KeycardInputError([
        {
          code: 'load_policy_encoded',
          severity: 'error',
          message: `the policy of ${name} is not valid ${text.startsWith('{') ? '' : 'URL-encoded '}JSON`,
          help: 'give the policy document inline, as a path to a .json/.yaml file, or as URL-encoded JSON as the IAM API returns it',
          location: at,
        },
      ]);
    }
  }
  const src = loadReferencedFile(ctx, path, text, {
    code: 'load_policy_not_found',
    message: `policy file \`${text}\` of ${name} does not exist`,
    help: `paths are relative to the file that names them (${ctx.dir})`,
  });
  return { name, json: src.value, file: src.file, locate: src.locate };
}

/**
 * Loads the file that the value at `path` names, relative to ctx.dir, and records it for watch
 * mode. A missing file is reported at the reference, with the caller's code and words.
 */
export function loadReferencedFile(
  ctx: RefContext,
  path: PathKey[],
  ref: string,
  missing: Pick<Diagnostic, 'code' | 'message' | 'help'>,
): ParsedSource {
  const file = isAbsolute(ref) ? ref : resolve(ctx.dir, ref);
  checkReference(file, ctx.src.file, ctx.src.locate(path), 'the path');
  let src: ParsedSource;
  try {
    src = loadSourceFile(file);
  } catch (e) {
    if (e instanceof KeycardInputError && e.diagnostics[0]?.code === 'load_file_not_found') {
      throw new KeycardInputError([{ ...missing, severity: 'error', location: ctx.src.locate(path) }]);
    }
    throw e;
  }
  ctx.files.push(file);
  return src;
}
