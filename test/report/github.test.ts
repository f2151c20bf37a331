/** GitHub workflow-command escaping, table-driven (the runner's unescaping is the reference). */
import { describe, expect, it } from 'vitest';
import { annotationCommand, escapeData, escapeProperty, groupCommand } from '../../src/report/github/workflow-commands.js';

/** What the Actions runner does to a property value (actions/runner ActionCommand.cs). */
const unescapeProperty = (s: string) =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');

describe('escapeData (messages)', () => {
  it.each([
    ['plain', 'plain'],
    ['100%', '100%25'],
    ['a\nb', 'a%0Ab'],
    ['a\r\nb', 'a%0D%0Ab'],
    ['%0A is literal', '%250A is literal'],
    ['colons: and, commas stay', 'colons: and, commas stay'],
    ['::error::nested', '::error::nested'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeData(input)).toBe(expected);
    expect(unescapeData(escapeData(input))).toBe(input);
  });
});

describe('escapeProperty (file, title, ...)', () => {
  it.each([
    ['scenarios/a.yaml', 'scenarios/a.yaml'],
    ['a: b', 'a%3A b'],
    ['x,y', 'x%2Cy'],
    ['50%, done:\n', '50%25%2C done%3A%0A'],
    ['C:\\dir\\file', 'C%3A\\dir\\file'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeProperty(input)).toBe(expected);
    expect(unescapeProperty(escapeProperty(input))).toBe(input);
  });
});

describe('annotationCommand', () => {
  it.each([
    [{ level: 'error' as const, message: 'm' }, '::error::m'],
    [{ level: 'warning' as const, message: 'a\nb', title: 't,1' }, '::warning title=t%2C1::a%0Ab'],
    [
      {
        level: 'error' as const,
        message: 'm',
        title: 'x > y: z',
        location: { file: 'p/a,b.json', line: 3, column: 7, endLine: 3, endColumn: 9 },
      },
      '::error file=p/a%2Cb.json,line=3,col=7,endLine=3,endColumn=9,title=x > y%3A z::m',
    ],
    [{ level: 'notice' as const, message: 'esc \u001b[31m red' }, '::notice::esc \\u001b[31m red'],
  ])('%j', (annotation, expected) => {
    expect(annotationCommand(annotation)).toBe(expected);
  });

  it('escapes group titles as data', () => {
    expect(groupCommand('a%\nb')).toBe('::group::a%25%0Ab');
  });
});
