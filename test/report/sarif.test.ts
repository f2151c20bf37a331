/** SARIF output against the SARIF 2.1.0 schema (the subset in test/fixtures/report/), with ajv. */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { validateResult } from '../../src/lint/result.js';
import { renderValidate } from './capture.js';
import { sampleValidate } from './sample-results.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;
const schema = JSON.parse(readFileSync(new URL('../fixtures/report/sarif-2.1.0-subset.json', import.meta.url), 'utf8'));
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const validate = ajv.compile(schema);

async function sarif(result = sampleValidate(), exitCode = 1) {
  const log = JSON.parse(await renderValidate(['sarif'], result, exitCode));
  const valid = validate(log);
  return { log, errors: valid ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n') };
}

describe('sarif reporter', () => {
  it('is valid SARIF 2.1.0', async () => {
    const { errors } = await sarif();
    expect(errors).toEqual([]);
  });

  it('uses the diagnostic code as ruleId, one rule per code, with helpUri', async () => {
    const { log } = await sarif();
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'load_no_scenarios',
      'rolemap_ambiguous_rule',
      'iam_wildcard_action',
      'iam_unknown_action',
    ]);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(run.tool.driver.rules[3].helpUri).toBe(
      'https://github.com/keycard-dev/keycard/blob/main/docs/diagnostics.md#iam-unknown-action',
    );
  });

  it('maps severities to levels and locations to relative URIs with regions', async () => {
    const { log } = await sarif();
    const results = log.runs[0].results;
    expect(results.map((r: { level: string }) => r.level)).toEqual(['warning', 'warning', 'note', 'error']);
    expect(results[3].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'policies/guest.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 13, startColumn: 27, endLine: 13, endColumn: 44 },
    });
    expect(results[0].locations).toBeUndefined();
  });

  it('records the exit code; usage and internal errors are unsuccessful executions', async () => {
    expect((await sarif(sampleValidate(), 1)).log.runs[0].invocations).toEqual([{ executionSuccessful: true, exitCode: 1 }]);
    expect((await sarif(sampleValidate(), 4)).log.runs[0].invocations).toEqual([{ executionSuccessful: false, exitCode: 4 }]);
  });

  it('is valid with no findings, and for files outside the working directory', async () => {
    expect((await sarif(validateResult([]), 0)).errors).toEqual([]);
    const outside = validateResult([
      { code: 'x_y', severity: 'error', message: 'm', location: { file: '/elsewhere/a b.json', line: 1, column: 1 } },
    ]);
    const { log, errors } = await sarif(outside);
    expect(errors).toEqual([]);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere/a%20b.json' });
  });

  it('the schema has teeth: a misspelt region property is rejected', async () => {
    const { log } = await sarif();
    log.runs[0].results[3].locations[0].physicalLocation.region.startColum = 3;
    expect(validate(log)).toBe(false);
  });
});
