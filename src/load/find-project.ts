/** Finding keycard.yaml: the nearest one in a directory or above (light: no parser loaded). */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function findProjectFile(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, 'keycard.yaml');
    if (existsSync(candidate)) return candidate;
    const alt = join(dir, 'keycard.yml');
    if (existsSync(alt)) return alt;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
