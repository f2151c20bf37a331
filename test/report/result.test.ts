/** The result model: summaries derived from cases, exit codes, and the formats.md §4 JSON contract. */
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/diagnostics/exit-codes.js';
import { testRunExitCode, testRunResult, type TestCaseResult } from '../../src/scenario/result.js';
import { validateExitCode, validateResult } from '../../src/lint/result.js';
import { renderTest, renderValidate } from './capture.js';
import { sampleTestRun, sampleValidate } from './sample-results.js';

const tc = (status: TestCaseResult['status']): TestCaseResult => ({ file: 'a.yaml', name: status, status, failures: [] });

describe('test run exit codes', () => {
  it.each([
    [[tc('pass')], ExitCode.Ok],
    [[tc('pass'), tc('skip')], ExitCode.Ok],
    [[tc('pass'), tc('fail')], ExitCode.Failed],
    [[tc('error')], ExitCode.Failed],
    [[tc('pending')], ExitCode.Failed],
    [[], ExitCode.Failed],
  ])('%#', (cases, code) => {
    expect(testRunExitCode(testRunResult(cases))).toBe(code);
  });

  it('allows an empty run when asked, and exits 3 on run-level input errors', () => {
    expect(testRunExitCode(testRunResult([]), { allowEmpty: true })).toBe(ExitCode.Ok);
    expect(testRunExitCode(testRunResult([tc('pass')], [{ code: 'load_yaml_syntax', severity: 'error', message: 'x' }]))).toBe(
      ExitCode.InvalidInput,
    );
  });
});

describe('validate exit codes', () => {
  it('fails on errors, and on warnings with failOn: warning', () => {
    const warnings = validateResult([{ code: 'w', severity: 'warning', message: 'w' }]);
    expect(validateExitCode(warnings)).toBe(ExitCode.Ok);
    expect(validateExitCode(warnings, { failOn: 'warning' })).toBe(ExitCode.Failed);
    expect(validateExitCode(sampleValidate())).toBe(ExitCode.Failed);
    expect(sampleValidate().summary).toEqual({ errors: 1, warnings: 2 });
  });
});

describe('JSON contract (formats.md §4)', () => {
  it('keycard test: version, summary {passed, failed, errors}, results [{file, name, status, failures [{expected, actual, message}]}]', async () => {
    const doc = JSON.parse(await renderTest(['json'], sampleTestRun()));
    expect(doc.version).toBe(1);
    expect(doc.summary).toMatchObject({ passed: 1, failed: 1, errors: 1 });
    for (const r of doc.results) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['file', 'name', 'status', 'failures']));
      expect(['pass', 'fail', 'error', 'pending', 'skip']).toContain(r.status);
      for (const f of r.failures) expect(Object.keys(f)).toEqual(expect.arrayContaining(['expected', 'actual', 'message']));
    }
    expect(doc.results[1].failures[0]).toMatchObject({ expected: 'deny', actual: 'Allow' });
  });

  it('keycard validate: version, diagnostics [{code, severity, message, help, location {file, line, column}}], summary {errors, warnings}', async () => {
    const doc = JSON.parse(await renderValidate(['json'], sampleValidate()));
    expect(doc.version).toBe(1);
    expect(doc.summary).toEqual({ errors: 1, warnings: 2 });
    expect(doc.diagnostics[3]).toMatchObject({
      code: 'iam_unknown_action',
      severity: 'error',
      help: 'did you mean `s3:DeleteObject`?',
      location: { file: 'policies/guest.json', line: 13, column: 27 },
    });
  });
});
