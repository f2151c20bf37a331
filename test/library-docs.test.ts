// Every example of docs/library.md runs as written against the library entry point, and prints
// what its `// →` comments say.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './temp.js';

const root = join(import.meta.dirname, '..');
const page = readFileSync(join(root, 'docs/library.md'), 'utf8');
const examples = [...page.matchAll(/^## (.+)\n[\s\S]*?```js\n([\s\S]*?)```/gm)].map((m) => ({ title: m[1]!, code: m[2]! }));
const entry = pathToFileURL(join(root, 'src/index.ts')).href;
const dir = tempDir('keycard-library-');

declare global {
  var __print: (...values: unknown[]) => void;
}

describe('docs/library.md', () => {
  it('has an example for each entry point', () => {
    const code = examples.map((e) => e.code).join('\n');
    for (const name of [
      'authorize',
      'compilePolicy',
      'compilePolicySet',
      'evaluate',
      'loadProject',
      'resolveRole',
      'buildSession',
      'accessMap',
      'runScenarioPaths',
    ]) {
      expect(code).toMatch(new RegExp(`\\b${name}\\(`));
    }
  });

  it.each(examples.map((e, i) => [e.title, e, i] as const))('%s', async (_title, example, i) => {
    const printed: string[] = [];
    globalThis.__print = (...values) => printed.push(values.map(String).join(' '));
    const file = join(dir, `example-${i}.mjs`);
    writeFileSync(file, example.code.replaceAll("from 'keycard'", `from '${entry}'`).replaceAll('console.log(', 'globalThis.__print('));
    await import(pathToFileURL(file).href);
    const expected = [...example.code.matchAll(/\/\/ → (.+)$/gm)].map((m) => m[1]!.trim());
    expect(expected.length).toBeGreaterThan(0);
    for (const text of expected) expect(printed.join('\n')).toContain(text);
  });
});
