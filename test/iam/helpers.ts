import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { authorize } from '../../src/iam/authorize.js';
import { corpusDir } from '../../scripts/corpus.mjs';
import { loadAuthorizeFile, type AuthorizeDocument, type AuthorizeLoadError } from '../../src/load/authorize.js';

/** The shared IAM corpus, or undefined on a clone without ../shared (scripts/corpus.mjs). */
export const CORPUS_DIR = corpusDir('iam');
export const FIXTURE_DIR = join(import.meta.dirname, '..', 'fixtures', 'iam');

export function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ya?ml|json)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export function loadDocs(files: string[]): AuthorizeDocument[] {
  return files.flatMap((f) =>
    loadAuthorizeFile(f).map((d) => {
      if ('diagnostics' in d && !('request' in d))
        throw new Error(`${f}: ${(d as AuthorizeLoadError).diagnostics.map((x) => x.message).join('; ')}`);
      return d as AuthorizeDocument;
    }),
  );
}

export { authorize };
