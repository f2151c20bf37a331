// The public corpus (../shared/corpus), through the CLI exactly as corpus-check runs it:
// every Cognito scenario passes completely (trust, allow and deny lines included), every
// authorize document gets its expected decision.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keycard, root } from './helpers.js';

const corpus = join(root, '../shared/corpus');

describe('public corpus through the CLI', () => {
  it('is present beside the project', () => {
    expect(existsSync(join(corpus, 'cognito')) && existsSync(join(corpus, 'iam'))).toBe(true);
  });

  it('every Cognito scenario passes', () => {
    const r = keycard(['test', join(corpus, 'cognito'), '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { results: { name: string; status: string }[] };
    expect(doc.results.length).toBe(readdirSync(join(corpus, 'cognito')).filter((f) => /\.ya?ml$/.test(f)).length);
    expect(doc.results.filter((x) => x.status !== 'pass')).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('every IAM authorize document gets its expected decision', () => {
    const r = keycard(['authorize', join(corpus, 'iam'), '--format', 'json']);
    const docs = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; decision: string; expected: string });
    expect(docs.length).toBe(readdirSync(join(corpus, 'iam')).filter((f) => /\.ya?ml$/.test(f)).length);
    expect(docs.filter((d) => d.decision !== d.expected)).toEqual([]);
  });
});
