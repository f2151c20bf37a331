// `# keycard-ignore CODE: reason` in project files, end to end (fixtures in test/fixtures/lint/suppression).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateProject } from '../../src/lint/validate.js';

const dir = join(import.meta.dirname, '../fixtures/lint/suppression');
const run = (file: string) => validateProject(join(dir, file));
const codes = (file: string) => run(file).result.diagnostics.map((d) => d.code);

describe('keycard-ignore', () => {
  it('silences a finding in an inline YAML policy from the line above, and counts it', () => {
    const { result, suppressed } = run('inline.yaml');
    expect(codes('inline.yaml')).not.toContain('iam_guest_s3_write');
    expect(result.summary).toMatchObject({ errors: 0, warnings: 0, suppressed: 1 });
    expect(suppressed).toEqual([
      expect.objectContaining({
        code: 'iam_guest_s3_write',
        reason: 'uploads/ is a drop box scanned by a Lambda',
        location: expect.objectContaining({ line: 29 }),
      }),
    ]);
  });

  it('silences a finding in a JSON policy from the project line that names the file', () => {
    const { suppressed } = run('reference.yaml');
    expect(codes('reference.yaml')).not.toContain('iam_trust_missing_aud');
    expect(suppressed.map((s) => [s.code, s.location!.file, s.reason])).toEqual([
      ['iam_trust_missing_aud', join(dir, 'trust-no-aud.json'), 'legacy role created before 2025-08-01'],
    ]);
  });

  it('warns about a suppression without a reason, but still applies it', () => {
    const { result, suppressed } = run('no-reason.yaml');
    expect(suppressed.map((s) => s.code)).toEqual(['iam_trust_missing_aud']);
    expect(result.diagnostics.find((d) => d.code === 'lint_suppression_without_reason')).toMatchObject({
      severity: 'warning',
      location: { file: join(dir, 'no-reason.yaml'), line: 15, column: 5 },
    });
  });

  it('warns about a suppression that silences nothing', () => {
    expect(run('unused.yaml').result.diagnostics.find((d) => d.code === 'lint_suppression_unused')).toMatchObject({
      severity: 'warning',
      location: { line: 15, column: 5 },
    });
  });

  it('never silences an error', () => {
    const { result, suppressed } = run('error.yaml');
    expect(suppressed).toEqual([]);
    expect(result.summary.errors).toBe(1);
    expect(codes('error.yaml')).toEqual(expect.arrayContaining(['iam_trust_amr_mismatch', 'lint_suppression_unused']));
  });
});
