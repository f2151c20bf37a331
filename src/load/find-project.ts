/** Finding keycard.yaml: the nearest one in a directory or above (light: no parser loaded). */
import { existsSync, statSync } from 'node:fs';
import { KeycardUsageError } from '../diagnostics/diagnostic.js';
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

/**
 * The project a command line names, the same for every command: a file, a directory holding
 * keycard.yaml (or keycard.yml), or nothing for the nearest keycard.yaml here or above.
 */
export function projectFileArg(arg: string | undefined): string {
  if (arg === undefined || arg === '') {
    const found = findProjectFile(process.cwd());
    if (!found)
      throw new KeycardUsageError(
        'no keycard.yaml found in this directory or above',
        'run keycard in a project, or name it: keycard DIR, or --project path/to/keycard.yaml',
      );
    return found;
  }
  const p = resolve(arg);
  if (!existsSync(p))
    throw new KeycardUsageError(`project \`${arg}\` does not exist`, 'name a keycard.yaml, or a directory that holds one');
  if (!statSync(p).isDirectory()) return p;
  const inside = ['keycard.yaml', 'keycard.yml'].map((n) => join(p, n)).find((f) => existsSync(f));
  if (!inside)
    throw new KeycardUsageError(`no keycard.yaml in \`${arg}\``, 'name the project file itself, or a directory that holds keycard.yaml');
  return inside;
}

/** A command's project from its `[project]` argument or `--project` (the same thing, either way). */
export function projectOption(arg: string | undefined, option: string | undefined): string | undefined {
  if (arg !== undefined && option !== undefined && resolve(arg) !== resolve(option)) {
    throw new KeycardUsageError(`two projects given: \`${arg}\` and --project \`${option}\``, 'name the project once');
  }
  return arg ?? option;
}
