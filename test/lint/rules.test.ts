// Every lint rule, from fixtures: the bad project reports the code at file:line:col, the good one does not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { diagnosticUrl } from '../../src/diagnostics/diagnostic.js';
import { lintCodes } from '../../src/lint/registry.js';
import { validateProject } from '../../src/lint/validate.js';

const fixtures = join(import.meta.dirname, '../fixtures/lint');
interface Case {
  dir: string;
  code: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  help?: string;
}
const cases = parse(readFileSync(join(fixtures, 'cases.yaml'), 'utf8')) as Case[];

describe('lint rules', () => {
  it.each(cases)('$dir/bad reports $code at $file:$line:$column', (c) => {
    const { result, invalidInput } = validateProject(join(fixtures, c.dir, 'bad', 'keycard.yaml'));
    expect(invalidInput).toBe(false);
    const found = result.diagnostics.filter((d) => d.code === c.code);
    expect(found).toHaveLength(1);
    const d = found[0]!;
    expect(d).toMatchObject({ severity: c.severity, url: diagnosticUrl(c.code) });
    expect(d.location).toMatchObject({ file: join(fixtures, c.dir, 'bad', c.file), line: c.line, column: c.column });
    expect(d.message).not.toMatch(/\.$/);
    expect(d.help).toBeTruthy();
    if (c.help) expect(d.help).toContain(c.help);
  });

  it.each(cases)('$dir/good does not report $code', (c) => {
    const { result, invalidInput } = validateProject(join(fixtures, c.dir, 'good', 'keycard.yaml'));
    expect(invalidInput).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).not.toContain(c.code);
  });

  it('covers every code the registry declares', () => {
    const tested = new Set(cases.map((c) => c.code));
    const untested = lintCodes()
      .map((c) => c.code)
      .filter((code) => !tested.has(code) && !code.startsWith('lint_suppression_'));
    // cognito_match_on_list_claim and cognito_user_pool_name_invalid are covered in units.test.ts.
    expect(untested.sort()).toEqual(['cognito_match_on_list_claim', 'cognito_user_pool_name_invalid']);
  });

  it('declares each code with the severity it reports', () => {
    const declared = new Map(lintCodes().map((c) => [c.code, c.severity]));
    for (const c of cases) if (declared.has(c.code)) expect(declared.get(c.code), c.code).toBe(c.severity);
  });
});

describe('the bundled example', () => {
  it('has no errors', () => {
    const { result, invalidInput } = validateProject(join(import.meta.dirname, '../../keycard.yaml'));
    expect(invalidInput).toBe(false);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.summary.errors).toBe(0);
  });
});
