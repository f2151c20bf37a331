/** JUnit output against the Jenkins/Surefire schema shape, parsed by a strict XML parser. */
import { describe, expect, it } from 'vitest';
import { escapeXmlAttr, escapeXmlText } from '../../src/report/test/junit.js';
import { testRunResult } from '../../src/scenario/result.js';
import { renderTest } from './capture.js';
import { junitProblems } from './junit-schema.js';
import { ROOT, sampleTestRun } from './sample-results.js';
import { parseXml, type XmlElement } from './xml.js';

const find = (el: XmlElement, name: string): XmlElement[] => [
  ...el.children.filter((c) => c.name === name),
  ...el.children.flatMap((c) => find(c, name)),
];

describe('junit reporter', () => {
  it('writes well-formed XML in the JUnit schema shape, with counts that match', async () => {
    const root = parseXml(await renderTest(['junit'], sampleTestRun()));
    expect(junitProblems(root)).toEqual([]);
    expect(root.children.map((s) => s.attrs.name)).toEqual(['scenarios/photos.yaml', 'scenarios/tokens.yaml']);
  });

  it('round-trips names and messages through escaping; forbidden characters become visible', async () => {
    const root = parseXml(await renderTest(['junit'], sampleTestRun()));
    const cases = find(root, 'testcase');
    expect(cases[1]!.attrs).toMatchObject({
      classname: 'scenarios/photos.yaml',
      name: 'guests may not delete photos <public/*> & "other" things',
    });
    const error = find(root, 'error')[0]!;
    expect(error.attrs.type).toBe('token_malformed');
    expect(error.attrs.message).toBe('the token is not a JWT: \\u001b[31mbad\\u001b[39m segment\r\n<header>');
    const failure = find(root, 'failure')[0]!;
    expect(failure.text).toContain('expected: deny\nactual:   Allow\nallowed by statement `GuestWrite` at policies/guest.json:10:5');
    expect(find(root, 'skipped').map((s) => s.attrs.message)).toEqual([
      'pending: `expect.app` needs a `cedar` section in keycard.yaml',
      undefined,
    ]);
  });

  it('turns run-level input errors into <error> test cases so that the report is not green', async () => {
    const run = testRunResult(
      [],
      [
        {
          code: 'load_yaml_syntax',
          severity: 'error',
          message: 'unexpected `]`',
          location: { file: `${ROOT}/scenarios/broken.yaml`, line: 4, column: 9 },
        },
      ],
    );
    const root = parseXml(await renderTest(['junit'], run, 3));
    expect(junitProblems(root)).toEqual([]);
    expect(root.attrs).toMatchObject({ tests: '1', errors: '1' });
    expect(find(root, 'testcase')[0]!.attrs).toMatchObject({ classname: 'scenarios/broken.yaml', line: '4' });
  });

  it('writes an empty but valid document for an empty run', async () => {
    const root = parseXml(await renderTest(['junit'], testRunResult([])));
    expect(junitProblems(root)).toEqual([]);
    expect(root.attrs.tests).toBe('0');
  });
});

describe('XML escaping', () => {
  it.each([
    ['a & b < c > d', 'a &amp; b &lt; c &gt; d'],
    ['nul\u0000 bell\u0007 esc\u001b', 'nul\\u0000 bell\\u0007 esc\\u001b'],
    ['cr\r', 'cr&#13;'],
    ['lone \uD800 surrogate', 'lone \\ud800 surrogate'],
    ['emoji 😀 kept', 'emoji 😀 kept'],
  ])('text %j', (input, expected) => {
    expect(escapeXmlText(input)).toBe(expected);
  });

  it.each([
    ['say "hi"', 'say &quot;hi&quot;'],
    ['two\nlines\tand tab', 'two&#10;lines&#9;and tab'],
  ])('attribute %j', (input, expected) => {
    expect(escapeXmlAttr(input)).toBe(expected);
  });
});

describe('the structural check itself', () => {
  const valid =
    '<testsuites tests="1" failures="1" errors="0"><testsuite name="f" tests="1" failures="1"><testcase name="t"><failure message="m" type="x">body</failure></testcase></testsuite></testsuites>';

  it('accepts a valid document', () => {
    expect(junitProblems(parseXml(valid))).toEqual([]);
  });

  it.each([
    ['a missing type', valid.replace(' type="x"', ''), 'missing attribute `type`'],
    ['a wrong count', valid.replace('failures="1" errors="0"', 'failures="2" errors="0"'), 'failures="2"'],
    ['an unknown attribute', valid.replace('<testcase name="t"', '<testcase name="t" color="red"'), 'not in the schema'],
  ])('rejects %s', (_, xml, problem) => {
    expect(junitProblems(parseXml(xml)).join('\n')).toContain(problem);
  });

  it.each([
    ['a bare ampersand', '<a>x & y</a>'],
    ['a raw control character', '<a>\u001b</a>'],
    ['a mismatched tag', '<a></b>'],
    ['an unquoted attribute', '<a b=c/>'],
  ])('the parser rejects %s', (_, xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});
