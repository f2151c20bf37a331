// docs/diagnostics.md has a section, at the anchor diagnosticUrl links to, for every code validate can report.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticUrl } from '../../src/diagnostics/diagnostic.js';
import { LINT_RULES, lintCodes } from '../../src/lint/registry.js';

const root = join(import.meta.dirname, '../..');
const docs = readFileSync(join(root, 'docs/diagnostics.md'), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Codes written as string literals in src/ with the prefixes `validate` and the loader use. */
function sourceCodes(): string[] {
  const codes = new Set<string>();
  for (const file of sourceFiles(join(root, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/'((?:load|schema|iam|token|project|cognito|s3|lint)_[a-z0-9_]+)'/g))
      codes.add(m[1]!);
  }
  // Claim names and fallbacks that look like codes but are not reported as diagnostics.
  for (const notACode of ['token_use', 'load_error']) codes.delete(notACode);
  return [...codes].sort();
}

describe('docs/diagnostics.md', () => {
  it.each([...new Set([...sourceCodes(), ...lintCodes().map((c) => c.code)])])('documents %s', (code) => {
    const anchor = diagnosticUrl(code).split('#')[1]!;
    expect(docs).toContain(`<a id="${anchor}"></a>\n\n### ${code}\n`);
  });

  it('counts the lint rules and their codes', () => {
    const m = /runs (\d+) lint rules, which report (\d+) codes/.exec(docs);
    expect(m && [Number(m[1]), Number(m[2])]).toEqual([LINT_RULES.length, lintCodes().length]);
  });

  it('states the severity each lint code is reported with', () => {
    for (const { code, severity } of lintCodes()) {
      const section = docs.slice(docs.indexOf(`### ${code}\n`));
      expect(section.split('\n')[2], code).toMatch(new RegExp(`^\\*${severity}\\.\\* `));
    }
  });
});
