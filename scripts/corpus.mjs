// Where the public corpus is (../shared/corpus: cognito/ scenario files, iam/ authorize documents).
// The one place tests and benchmarks find it: KEYCARD_CORPUS, else ../shared/corpus beside the
// repository. A fresh clone has none: the suites that need it skip, and say so once.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The corpus directory, whether or not it exists. */
export const CORPUS_ROOT = process.env.KEYCARD_CORPUS ? resolve(process.env.KEYCARD_CORPUS) : join(repository, '..', 'shared', 'corpus');

/** A part of the corpus (`cognito`, `iam`), or undefined when it is absent. */
export function corpusDir(part) {
  const dir = join(CORPUS_ROOT, part);
  return existsSync(dir) ? dir : undefined;
}

/** The line printed when the corpus is absent. */
export const CORPUS_ABSENT = `corpus not found at ${CORPUS_ROOT} (set KEYCARD_CORPUS): the corpus suites are skipped`;

/**
 * The real-world projects (../shared/realworld), beside the corpus: KEYCARD_REALWORLD, else the
 * `realworld` folder next to the corpus root. Undefined when absent.
 */
export function realworldDir() {
  const dir = process.env.KEYCARD_REALWORLD ? resolve(process.env.KEYCARD_REALWORLD) : join(dirname(CORPUS_ROOT), 'realworld');
  return existsSync(dir) ? dir : undefined;
}
