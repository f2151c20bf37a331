// keycard's own authorize fixtures: operators, principals, resources and the no-false-Allow rules.
import { describe, expect, it } from 'vitest';
import { compilePolicySet, evaluate, prepareRequest } from '../../src/iam/index.js';
import { authorize, CORPUS_DIR, FIXTURE_DIR, loadDocs, yamlFiles } from './helpers.js';

const docs = loadDocs(yamlFiles(FIXTURE_DIR));

describe('IAM fixtures', () => {
  it('every fixture has an expectation', () => {
    expect(docs.length).toBeGreaterThan(40);
    for (const d of docs) expect(d.expect, d.id).toBeDefined();
  });
  it.each(docs.map((d) => [d.id, d] as const))('%s', (_id, doc) => {
    const result = authorize(doc);
    expect(result.decision, result.explain.summary).toBe(doc.expect);
  });
});

describe('hot-loop path', () => {
  const all = [...docs, ...(CORPUS_DIR ? loadDocs(yamlFiles(CORPUS_DIR)) : [])];
  it.each(all.map((d) => [d.id, d] as const))('%s: evaluate without explanation agrees', (_id, doc) => {
    const { set } = compilePolicySet(doc.policies);
    const req = prepareRequest(doc.request);
    expect(evaluate(set, req).decision).toBe(evaluate(set, req, { explain: true }).decision);
    expect(evaluate(set, req).decision).toBe(doc.expect);
  });
});
