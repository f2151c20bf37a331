/**
 * Splits a .cedar file into its policies without parsing Cedar: a policy ends at a `;` outside
 * strings and comments. Each policy keeps its offset in the file, so Cedar's positions (relative
 * to the policy text) map back to file:line:col.
 */
import type { CedarSource } from './wasm.js';

export interface PolicySlice {
  text: string;
  source: CedarSource;
}

export function splitPolicies(file: string, fileText: string): PolicySlice[] {
  const out: PolicySlice[] = [];
  let start = -1;
  let i = 0;
  while (i < fileText.length) {
    const c = fileText[i]!;
    if (c === '/' && fileText[i + 1] === '/') {
      const nl = fileText.indexOf('\n', i);
      i = nl < 0 ? fileText.length : nl + 1;
      continue;
    }
    if (start < 0 && !/\s/.test(c)) start = i;
    if (c === '"') {
      i++;
      while (i < fileText.length && fileText[i] !== '"') i += fileText[i] === '\\' ? 2 : 1;
    } else if (c === ';' && start >= 0) {
      out.push({ text: fileText.slice(start, i + 1), source: { file, fileText, start } });
      start = -1;
    }
    i++;
  }
  if (start >= 0) out.push({ text: fileText.slice(start), source: { file, fileText, start } });
  return out;
}

/** Line of a character index (1-based), for policy ids. */
export function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The `@id("...")` annotation of a policy text, if any (the FFI ignores it; keycard honours it like the CLI). */
export function idAnnotation(policy: string): string | undefined {
  const m = /^(?:\s*@\w+\s*\(\s*"(?:[^"\\]|\\.)*"\s*\))*?\s*@id\s*\(\s*"((?:[^"\\]|\\.)*)"\s*\)/.exec(policy);
  return m ? (JSON.parse(`"${m[1]}"`) as string) : undefined;
}
