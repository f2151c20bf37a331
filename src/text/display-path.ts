import { relative } from 'node:path';

/** Path shown to users: relative to the working directory (or `cwd`) when that is shorter. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  if (!file.startsWith('/')) return file;
  const rel = relative(cwd, file);
  return rel.length < file.length && !rel.startsWith('../../..') ? rel : file;
}
