/**
 * The directory of an installed package, found as Node finds it: in node_modules/ of this file's
 * directory or of one above it. A look at a few paths: resolving the package through its exports
 * map (require.resolve) costs several milliseconds at start-up, and the exports of iam-data and
 * cedar-wasm do not name the files keycard reads (data/, package.json). Falls back to resolving
 * `entry` (a path the package exports) and walking up to the folder that holds `marker`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageDir(name: string, marker: string, entry = name): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', ...name.split('/'));
    if (existsSync(join(candidate, marker))) return candidate;
    if (dirname(dir) === dir) break;
  }
  let dir = dirname(createRequire(import.meta.url).resolve(entry));
  while (!existsSync(join(dir, marker)) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
