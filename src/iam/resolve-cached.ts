/** Variable templates resolved once per prepared request (policy text compiles once; values per request). */
import type { PreparedRequest } from './types.js';
import { resolveTemplate, type Template } from './variables.js';

export function resolveCached(t: Template, req: PreparedRequest): string | undefined {
  if (t.isStatic) return t.parts[0] as string;
  if (req.resolved.has(t)) return req.resolved.get(t);
  const v = resolveTemplate(t, req.lookup);
  req.resolved.set(t, v);
  return v;
}
