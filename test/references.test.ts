// Every "see ..." in keycard's messages and every local link in its docs points to a page that
// exists, and every decision number the trace can print is explained in docs/decisions.md.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => ({ file: `src/${f}`, text: readFileSync(join(root, 'src', f), 'utf8') }));
/** The code without its comments (a comment may cite the specification beside the repository). */
const code = (text: string) =>
  text
    .split('\n')
    .filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l))
    .map((l) => l.replace(/\s\/\/ .*$/, ''))
    .join('\n');
const pages = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

describe('references', () => {
  it('every page a message names exists', () => {
    const named = sources.flatMap(({ file, text }) =>
      [...code(text).matchAll(/\b((?:docs\/)?[\w.-]+\.md)\b/g)].map((m) => ({ file, page: m[1]! })),
    );
    expect(named.length).toBeGreaterThan(5);
    const missing = named.filter(
      ({ page }) => !existsSync(join(root, page.startsWith('docs/') || page === 'README.md' ? page : `docs/${page}`)),
    );
    expect(missing).toEqual([]);
  });

  it('a "see" in a message names a page by its path in the repository', () => {
    const bare = sources.flatMap(({ file, text }) =>
      [...code(text).matchAll(/['`"][^'`"\n]*\bsee ([\w.-]+\.md)/g)].map((m) => `${file}: see ${m[1]}`),
    );
    expect(bare).toEqual([]);
  });

  it('every local link in the docs points to a file that exists', () => {
    const broken = pages.flatMap((page) =>
      [...readFileSync(join(root, page), 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
        .map((m) => m[1]!)
        .filter((target) => !/^[a-z]+:/.test(target))
        .filter((target) => !existsSync(resolve(dirname(join(root, page)), target)))
        .map((target) => `${page} → ${target}`),
    );
    expect(broken).toEqual([]);
  });

  it('docs/decisions.md explains every decision number the trace can print', () => {
    // `decision: N` in trace steps, `decision #N` in messages, and a configuration problem's number (its last argument).
    const numbers = new Set(
      sources.flatMap(({ text }) =>
        [...code(text).matchAll(/\bdecision(?::| #) ?(\d+)\b|`, (\d+)\)\);/g)].map((m) => Number(m[1] ?? m[2])),
      ),
    );
    expect(numbers.size).toBeGreaterThan(8);
    const table = readFileSync(join(root, 'docs/decisions.md'), 'utf8');
    const explained = new Set([...table.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1])));
    expect([...numbers].filter((n) => !explained.has(n))).toEqual([]);
  });
});
