/**
 * Policy variables, resolved against the request when translating (Cedar patterns must be
 * literals and Cedar has no string concatenation, so per-request substitution is the exact
 * encoding). Substituted values and escapes are literal; `*`/`?` typed in the policy are wildcards.
 */
import type { PathKey } from '../../diagnostics/diagnostic.js';
import { untranslatable, type TranslateEnv } from './env.js';

/** A resolved policy string: literal runs, and wildcard characters the policy author typed. */
export type Piece = { text: string } | { wildcard: '*' | '?' };

const VARIABLE = /\$\{([^}]*)\}/g;
const DEFAULTED = /^\s*([^,\s][^,]*?)\s*,\s*'([^']*)'\s*$/;

function literalPieces(text: string, wildcards: boolean): Piece[] {
  if (!wildcards) return text ? [{ text }] : [];
  const out: Piece[] = [];
  let run = '';
  for (const c of text) {
    if (c === '*' || c === '?') {
      if (run) out.push({ text: run });
      run = '';
      out.push({ wildcard: c });
    } else {
      run += c;
    }
  }
  if (run) out.push({ text: run });
  return out;
}

/**
 * Resolves a policy string for this request: undefined when a variable has no value and no
 * default (the value then matches nothing, as in IAM).
 */
export function resolvePolicyString(text: string, wildcards: boolean, env: TranslateEnv, path: PathKey[]): Piece[] | undefined {
  if (!env.variables || !text.includes('${')) return literalPieces(text, wildcards);
  const out: Piece[] = [];
  let last = 0;
  for (const m of text.matchAll(VARIABLE)) {
    out.push(...literalPieces(text.slice(last, m.index), wildcards));
    last = m.index + m[0].length;
    const inner = m[1]!;
    if (inner === '*' || inner === '?' || inner === '$') {
      out.push({ text: inner });
      continue;
    }
    const defaulted = DEFAULTED.exec(inner);
    const key = (defaulted ? defaulted[1]! : inner).trim().toLowerCase();
    if (!env.request) {
      untranslatable(
        env,
        path,
        `policy variable \`\${${inner}}\` has no value without a request`,
        'export for one user (`keycard export cedar --scenario FILE#NAME --out DIR`) so variables can be substituted',
      );
      return undefined;
    }
    const values = env.request.get(key);
    const value = values && values.length === 1 ? values[0] : defaulted ? defaulted[2] : undefined;
    if (value === undefined) return undefined;
    out.push({ text: value });
  }
  out.push(...literalPieces(text.slice(last), wildcards));
  return out;
}

/** The plain text of pieces that hold no wildcard, else undefined. */
export function plainText(pieces: readonly Piece[]): string | undefined {
  let s = '';
  for (const p of pieces) {
    if ('wildcard' in p) return undefined;
    s += p.text;
  }
  return s;
}
