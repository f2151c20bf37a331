// Every document of the shared IAM corpus, read straight from its directory.
import { describe, expect, it } from 'vitest';
import { authorize, CORPUS_DIR, loadDocs, yamlFiles } from './helpers.js';

const docs = CORPUS_DIR ? loadDocs(yamlFiles(CORPUS_DIR)) : [];

describe.skipIf(!CORPUS_DIR)('shared IAM corpus', () => {
  it('has documents to run', () => {
    expect(docs.length).toBeGreaterThan(90);
  });
  it.each(docs.map((d) => [d.id, d] as const))('%s', (_id, doc) => {
    const result = authorize(doc);
    expect(doc.expect).toBeDefined();
    expect(result.decision, result.explain.summary).toBe(doc.expect);
  });
});
