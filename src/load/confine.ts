/**
 * Which files a path written inside an input file may reach. keycard runs in CI on pull requests,
 * so a project, scenario or authorize file may be written by an attacker: a path in it must not
 * read (and echo in an error) a file outside the repository, such as ~/.aws/credentials.
 *
 * The repository of a file is the nearest directory holding `.git` above it, else the nearest one
 * holding keycard.yaml (the project's directory), else the file's own directory. Only the command
 * line widens this (`--allow-path DIR`, `KEYCARD_ALLOW_PATHS`): a pull request can edit every file.
 * Light on purpose (no parser): the reporters use it too.
 */
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { basename, delimiter, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { KeycardInputError, type Location } from '../diagnostics/diagnostic.js';

/** The environment variable that lists extra allowed directories (a path list). */
export const ALLOW_PATHS_ENV = 'KEYCARD_ALLOW_PATHS';

let commandLineRoots: string[] = [];

/** Sets the directories given with `--allow-path` (replaces the previous list). */
export function setAllowedPaths(dirs: readonly string[]): void {
  commandLineRoots = dirs.map((d) => resolve(d));
}

/** Every directory allowed beyond the repository: --allow-path and KEYCARD_ALLOW_PATHS. */
function allowedPaths(): string[] {
  const env = (process.env[ALLOW_PATHS_ENV] ?? '').split(delimiter).filter((d) => d.trim() !== '');
  return [...commandLineRoots, ...env.map((d) => resolve(d))].map(real);
}

/** The real path, following symlinks; for a missing path, that of its nearest existing ancestor. */
function real(p: string): string {
  const abs = resolve(p);
  try {
    return realpathSync.native(abs); // one system call; the JavaScript version makes one per path segment
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(real(parent), basename(abs));
  }
}

function isInside(file: string, dir: string): boolean {
  const rel = relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Repositories found, by file: every policy file a project names asks for its project file's. */
const repositories = new Map<string, string>();

/** The repository that holds `file` (see the module comment). */
function repositoryOf(file: string): string {
  let repo = repositories.get(file);
  if (repo === undefined) repositories.set(file, (repo = findRepository(file)));
  return repo;
}

function findRepository(file: string): string {
  const start = dirname(real(file));
  for (const marker of ['.git', 'keycard.yaml', 'keycard.yml']) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, marker))) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  return start;
}

/**
 * Refuses `target`, named inside `referrer` at `location`, when it resolves (symlinks included)
 * outside the referrer's repository and the allowed paths. Only the path is shown, never content.
 */
export function checkReference(target: string, referrer: string, location: Location | undefined, what: string): void {
  const resolved = real(target);
  const repo = repositoryOf(referrer);
  if (isInside(resolved, repo) || allowedPaths().some((d) => isInside(resolved, d))) return;
  throw new KeycardInputError([
    {
      code: 'load_path_outside',
      severity: 'error',
      message: `${what} \`${target}\` is outside the repository (${repo})`,
      help: `a file may only name files inside its repository; to allow another directory, pass --allow-path DIR or set ${ALLOW_PATHS_ENV}`,
      ...(location ? { location } : { location: { file: referrer, line: 1, column: 1 } }),
    },
  ]);
}

/** Refuses an entry found while walking `root` (a named directory) that leads outside it. */
export function checkWalked(entry: string, root: string): void {
  let resolved: string;
  try {
    resolved = realpathSync(entry);
  } catch (e) {
    const loop = (e as NodeJS.ErrnoException).code === 'ELOOP';
    const dangling = !loop && lstatSync(entry, { throwIfNoEntry: false })?.isSymbolicLink();
    throw new KeycardInputError([
      {
        code: loop ? 'load_symlink_loop' : dangling ? 'load_dangling_link' : 'load_unreadable_path',
        severity: 'error',
        message: loop
          ? `\`${entry}\` is a symbolic link loop`
          : dangling
            ? `\`${entry}\` is a symbolic link to a file that does not exist`
            : `cannot read \`${entry}\``,
        help: 'remove the link or point it at a scenario file',
        location: { file: entry, line: 1, column: 1 },
      },
    ]);
  }
  const repo = repositoryOf(join(root, 'x'));
  if (isInside(resolved, repo) || isInside(resolved, real(root)) || allowedPaths().some((d) => isInside(resolved, d))) return;
  throw new KeycardInputError([
    {
      code: 'load_path_outside',
      severity: 'error',
      message: `\`${entry}\` links to a file outside the repository (${repo})`,
      help: `remove the link; to allow another directory, pass --allow-path DIR or set ${ALLOW_PATHS_ENV}`,
      location: { file: entry, line: 1, column: 1 },
    },
  ]);
}

const inputFiles = new Set<string>();

/** Records a file keycard read as input: only those get a code frame under an error. */
export function markInputFile(file: string): void {
  inputFiles.add(resolve(file));
}

/** The files recorded so far, in the order first read, from the `from`-th on (worker threads report theirs). */
export function inputFilesRead(from = 0): string[] {
  return [...inputFiles].slice(from);
}

/** Whether keycard read `file` as input (so showing its lines shows nothing new). */
export function isInputFile(file: string): boolean {
  return inputFiles.has(resolve(file));
}
