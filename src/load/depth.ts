/** The nesting limit for every document keycard reads, whatever it came from (file, JWT, inline JSON). */
import { KeycardInputError, type Location } from '../diagnostics/diagnostic.js';

/** Deeper documents are refused (AWS documents are a few levels deep; deeper ones overflow the stack). */
export const MAX_DEPTH = 64;

/** Whether a parsed value nests deeper than MAX_DEPTH (iterative: never overflows itself). */
export function tooDeep(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_DEPTH) return true;
    for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push([x, depth + 1]);
  }
  return false;
}

/** Throws an input error at `location` when `value` nests too deeply. */
export function checkDepth(value: unknown, what: string, location: Location | undefined): void {
  if (!tooDeep(value)) return;
  throw new KeycardInputError([
    {
      code: 'load_too_deep',
      severity: 'error',
      message: `${what} is nested more than ${MAX_DEPTH} levels deep`,
      help: 'keycard documents are a few levels deep; check the input',
      ...(location ? { location } : {}),
    },
  ]);
}
