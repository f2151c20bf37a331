// Runs once before the suite: says in one line when the corpus suites will be skipped.
import { CORPUS_ABSENT, corpusDir } from '../scripts/corpus.mjs';

export default function setup(): void {
  if (!corpusDir('cognito') || !corpusDir('iam')) console.log(`keycard: ${CORPUS_ABSENT}`);
}
