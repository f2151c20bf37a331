/**
 * Representative results for the reporter tests: every status, a failure with an explanation,
 * hostile characters for every escaping (XML, TAP, GitHub), and diagnostics with and without a
 * location. Files are absolute under ROOT (a real fixture project, so code frames render).
 */
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { testRunResult, type TestRunResult } from '../../src/scenario/result.js';
import { validateResult, type ValidateResult } from '../../src/lint/result.js';
import { markInputFile } from '../../src/load/confine.js';

export const ROOT = fileURLToPath(new URL('../fixtures/report/project', import.meta.url));
// These results stand for a run that read the fixture project, so its files are input (code frames render).
const at = (file: string, line: number, column: number, end?: { endLine: number; endColumn: number }) => {
  markInputFile(`${ROOT}/${file}`);
  return { file: `${ROOT}/${file}`, line, column, ...end };
};

const PHOTOS = `${ROOT}/scenarios/photos.yaml`;
const TOKENS = `${ROOT}/scenarios/tokens.yaml`;

export function sampleTestRun(): TestRunResult {
  return testRunResult(
    [
      {
        file: PHOTOS,
        name: 'admins get the Admin role',
        status: 'pass',
        location: at('scenarios/photos.yaml', 3, 5),
        failures: [],
        durationMs: 4.2,
      },
      {
        file: PHOTOS,
        name: 'guests may not delete photos <public/*> & "other" things',
        status: 'fail',
        location: at('scenarios/photos.yaml', 12, 5),
        durationMs: 7.9,
        failures: [
          {
            expected: 'deny',
            actual: 'Allow',
            message: '`s3:DeleteObject arn:aws:s3:::photos/public/cat.jpg` should be denied',
            location: at('scenarios/photos.yaml', 18, 11),
            explain: {
              text: [
                `allowed by statement \`GuestWrite\` at ${ROOT}/policies/guest.json:10:5 (Allow s3:* on arn:aws:s3:::photos/public/*)`,
                'no statement in the identity, boundary or bucket policy denies it',
              ],
              json: { decision: 'Allow', determining: [{ policy: 'role/GuestRole inline guest', sid: 'GuestWrite' }] },
            },
          },
          {
            expected: 'arn:aws:iam::123456789012:role/GuestRole',
            actual: { role: null, error: 'NotAuthorizedException' },
            message: 'the session has a different role',
            location: at('scenarios/photos.yaml', 14, 7),
          },
        ],
      },
      {
        file: TOKENS,
        name: 'expired tokens are rejected',
        status: 'error',
        location: at('scenarios/tokens.yaml', 3, 5),
        failures: [],
        error: { code: 'token_malformed', message: 'the token is not a JWT: \u001b[31mbad\u001b[39m segment\r\n<header>' },
        durationMs: 0.4,
      },
      {
        file: TOKENS,
        name: 'app access: #cedar, 100% checked',
        status: 'pending',
        location: at('scenarios/tokens.yaml', 8, 5),
        failures: [],
        pendingReasons: ['`expect.app` needs a `cedar` section in keycard.yaml'],
        durationMs: 1,
      },
      { file: TOKENS, name: 'draft - developer identities', status: 'skip', location: at('scenarios/tokens.yaml', 15, 5), failures: [] },
    ],
    [
      {
        code: 'iam_managed_policy_undefined',
        severity: 'warning',
        message: 'AWS managed policy `AmazonS3ReadOnlyAccess` is not defined; treated as granting nothing',
        help: 'paste its document from `aws iam get-policy-version` into `iam.Policies`',
        location: at('keycard.yaml', 23, 34),
      },
    ],
  );
}

const sampleDiagnostics = (): Diagnostic[] => [
  {
    code: 'rolemap_ambiguous_rule',
    severity: 'warning',
    message: 'rules 1 and 2 can both match a user in `admins` and `staff`',
    help: 'set `AmbiguousRoleResolution: Deny`, or make the rules exclusive',
    location: at('keycard.yaml', 16, 13),
  },
  {
    code: 'iam_unknown_action',
    severity: 'error',
    message: 'unknown action `s3:DeleteObjekt`',
    help: 'did you mean `s3:DeleteObject`?',
    location: at('policies/guest.json', 13, 27, { endLine: 13, endColumn: 44 }),
    url: 'https://github.com/keycard-dev/keycard/blob/main/docs/diagnostics.md#iam-unknown-action',
  },
  {
    code: 'iam_wildcard_action',
    severity: 'info',
    message: 'statement `GuestWrite` allows every S3 action (`s3:*`)',
    location: at('policies/guest.json', 13, 18, { endLine: 13, endColumn: 24 }),
  },
  { code: 'load_no_scenarios', severity: 'warning', message: 'no scenario files found under `scenarios/`' },
];

export function sampleValidate(): ValidateResult {
  return validateResult(sampleDiagnostics());
}
