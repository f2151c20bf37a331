/** Runs reporters into a string instead of stdout, from the fixture root, without colour. */
import { parseFormats } from '../../src/report/formats.js';
import { TEST_FORMATS, VALIDATE_FORMATS } from '../../src/report/registry.js';
import { reportTestRun, reportValidate, type ReportOptions } from '../../src/report/run-reporters.js';
import type { TestRunResult } from '../../src/scenario/result.js';
import type { ValidateResult } from '../../src/lint/result.js';
import { ROOT } from './sample-results.js';

export function captureStdout(): { stdout: { write(s: string): boolean; isTTY?: boolean }; text(): string } {
  const chunks: string[] = [];
  return { stdout: { write: (s: string) => chunks.push(s) > 0 }, text: () => chunks.join('') };
}

const base = (): ReportOptions => ({ cwd: ROOT, color: false, env: {}, toolVersion: '0.1.0' });

export async function renderTest(formats: string[], result: TestRunResult, exitCode = 1, options: ReportOptions = {}): Promise<string> {
  const cap = captureStdout();
  await reportTestRun(parseFormats(formats, { allowed: TEST_FORMATS }, ROOT), result, exitCode, {
    ...base(),
    stdout: cap.stdout,
    ...options,
  });
  return cap.text();
}

export async function renderValidate(
  formats: string[],
  result: ValidateResult,
  exitCode = 1,
  options: ReportOptions = {},
): Promise<string> {
  const cap = captureStdout();
  await reportValidate(parseFormats(formats, { allowed: VALIDATE_FORMATS }, ROOT), result, exitCode, {
    ...base(),
    stdout: cap.stdout,
    ...options,
  });
  return cap.text();
}
