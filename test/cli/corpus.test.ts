// The public corpus (../shared/corpus, found by scripts/corpus.mjs), through the CLI exactly as corpus-check runs it:
// every Cognito scenario passes completely (trust, allow and deny lines included), every
// authorize document gets its expected decision.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusDir } from '../../scripts/corpus.mjs';
import { keycard } from './helpers.js';

const cognito = corpusDir('cognito');
const iam = corpusDir('iam');

describe.skipIf(!cognito || !iam)('public corpus through the CLI', () => {
  it('every Cognito scenario passes', async () => {
    const r = await keycard(['test', cognito!, '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { results: { name: string; status: string }[] };
    expect(doc.results.length).toBe(readdirSync(cognito!).filter((f) => /\.ya?ml$/.test(f)).length);
    expect(doc.results.filter((x) => x.status !== 'pass')).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('every IAM authorize document gets its expected decision', async () => {
    const r = await keycard(['authorize', iam!, '--format', 'json']);
    const docs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; decision: string; expected: string });
    expect(docs.length).toBe(readdirSync(iam!).filter((f) => /\.ya?ml$/.test(f)).length);
    expect(docs.filter((d) => d.decision !== d.expected)).toEqual([]);
  });
});
