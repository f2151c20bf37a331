/** `like` and equality tests for resolved policy strings. */
import type { PathKey } from '../../diagnostics/diagnostic.js';
import { cedarPattern, cedarString, WILDCARD } from '../wasm.js';
import { untranslatable, type TranslateEnv } from './env.js';
import { plainText, type Piece } from './template.js';
import { FALSE } from './expr.js';

/**
 * `subject like "pattern"`, or `==` when there is no wildcard. A `?` wildcard has no Cedar
 * equivalent (`like` knows only `*`), so it is reported, never approximated.
 */
export function matchPieces(subject: string, pieces: readonly Piece[], env: TranslateEnv, path: PathKey[]): string {
  const plain = plainText(pieces);
  if (plain !== undefined) return `${subject} == ${cedarString(plain)}`;
  if (pieces.some((p) => 'wildcard' in p && p.wildcard === '?')) {
    untranslatable(
      env,
      path,
      'the `?` wildcard cannot be expressed in Cedar',
      'Cedar `like` supports only `*`; this statement is not compared',
    );
    return FALSE;
  }
  if (pieces.every((p) => 'wildcard' in p)) return 'true';
  return `${subject} like ${cedarPattern(pieces.map((p) => ('wildcard' in p ? WILDCARD : p.text)))}`;
}
