/**
 * The reporter registries, keyed by `--format` name (Vitest's ReportersMap). Adding a format is
 * one file plus one line here; the names are public, so they are never renamed.
 */
import type { ReportersMap, TestReporter, ValidateReporter } from './reporter.js';
import { githubTestReporter } from './test/github.js';
import { jsonTestReporter } from './test/json.js';
import { junitTestReporter } from './test/junit.js';
import { prettyTestReporter } from './test/pretty.js';
import { tapTestReporter } from './test/tap.js';
import { githubValidateReporter } from './validate/github.js';
import { jsonValidateReporter } from './validate/json.js';
import { prettyValidateReporter } from './validate/pretty.js';
import { sarifValidateReporter } from './validate/sarif.js';

export type TestFormatName = 'pretty' | 'json' | 'junit' | 'tap' | 'github';
export type ValidateFormatName = 'pretty' | 'json' | 'sarif' | 'github';

export const TEST_REPORTERS: ReportersMap<TestFormatName, TestReporter> = {
  pretty: prettyTestReporter,
  json: jsonTestReporter,
  junit: junitTestReporter,
  tap: tapTestReporter,
  github: githubTestReporter,
};

export const VALIDATE_REPORTERS: ReportersMap<ValidateFormatName, ValidateReporter> = {
  pretty: prettyValidateReporter,
  json: jsonValidateReporter,
  sarif: sarifValidateReporter,
  github: githubValidateReporter,
};

export const TEST_FORMATS = Object.keys(TEST_REPORTERS) as TestFormatName[];
export const VALIDATE_FORMATS = Object.keys(VALIDATE_REPORTERS) as ValidateFormatName[];

/**
 * The formats used when `--format` is not given: `pretty`, plus `github` annotations when running
 * on GitHub Actions (`GITHUB_ACTIONS=true`), so that failures show up on the pull request.
 */
export function defaultFormats(env: Readonly<Record<string, string | undefined>> = process.env): Array<'pretty' | 'github'> {
  return env.GITHUB_ACTIONS === 'true' ? ['pretty', 'github'] : ['pretty'];
}
