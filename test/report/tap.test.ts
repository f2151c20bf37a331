/** TAP specifics beyond the golden file: description escaping and the stream's shape. */
import { describe, expect, it } from 'vitest';
import { escapeTapDescription } from '../../src/report/test/tap.js';
import { renderTest } from './capture.js';
import { sampleTestRun } from './sample-results.js';

describe('tap reporter', () => {
  it.each([
    ['plain name', 'plain name'],
    ['issue #12', 'issue \\#12'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two lines'],
    ['# SKIP not a directive', '\\# SKIP not a directive'],
  ])('escapes the description %j', (input, expected) => {
    expect(escapeTapDescription(input)).toBe(expected);
  });

  it('declares a plan that matches its test points, and never passes a pending scenario', async () => {
    const lines = (await renderTest(['tap'], sampleTestRun())).split('\n');
    expect(lines[0]).toBe('TAP version 14');
    const points = lines.filter((l) => /^(not )?ok \d+ /.test(l));
    expect(lines[1]).toBe(`1..${points.length}`);
    expect(points.find((p) => p.includes('app access'))).toMatch(/^not ok 4 - .*checked$/);
  });
});
