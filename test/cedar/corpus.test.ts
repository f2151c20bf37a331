/**
 * Cedar as a second engine on the IAM corpus (../shared/corpus/iam, found by scripts/corpus.mjs): every translatable case must
 * reach the expected decision, agree with the native engine, and validate strictly.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareEnginesSync } from '../../src/cedar/engines.js';
import { loadCedar } from '../../src/cedar/wasm.js';
import { loadAuthorizeFile, type AuthorizeDocument } from '../../src/load/authorize.js';
import { corpusDir } from '../../scripts/corpus.mjs';

const CORPUS = corpusDir('iam');
const docs = (CORPUS ? readdirSync(CORPUS) : [])
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .flatMap((f) => loadAuthorizeFile(join(CORPUS!, f)))
  .filter((d): d is AuthorizeDocument => 'policies' in d);

beforeAll(async () => {
  await loadCedar();
});

describe.skipIf(!CORPUS)('IAM corpus through Cedar', () => {
  it.each(docs.map((d) => [d.id, d] as const))('%s', (_id, doc) => {
    const c = compareEnginesSync(doc, { validate: true });
    if (c.cedar === 'untranslatable') return;
    expect(c.cedar, c.explanation?.cedar).not.toBe('error');
    if (doc.expect) expect(c.cedar, c.explanation?.cedar).toBe(doc.expect);
    expect(c.agree, JSON.stringify(c.explanation)).toBe(true);
  });

  it('translates most of the corpus', () => {
    const counts = { translated: 0, untranslatable: 0 };
    for (const d of docs) {
      const c = compareEnginesSync(d);
      counts[c.cedar === 'untranslatable' ? 'untranslatable' : 'translated']++;
    }
    console.log(`cedar corpus: ${counts.translated} translated, ${counts.untranslatable} not comparable of ${docs.length}`);
    expect(counts.translated).toBeGreaterThan(docs.length * 0.8);
  });
});
