// The loader's grammar for keycard's own inputs: unknown YAML tags and duplicate JSON keys are
// errors (AWS refuses duplicate keys in a policy); a caller may pass the custom tags it knows.
import { describe, expect, it } from 'vitest';
import { KeycardInputError } from '../../src/diagnostics/diagnostic.js';
import { parseSource } from '../../src/load/source.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof KeycardInputError) return e.diagnostics[0];
    throw e;
  }
  return undefined;
};

describe('YAML tags', () => {
  it.each([
    ['a: !!binary aGVsbG8=', 1, 4],
    ['a: !allow x', 1, 4],
    ['a:\n  b: !!timestamp 2001-01-01', 2, 6],
    ['a: !!set {x}', 1, 4],
    ['a: !Ref Bucket', 1, 4],
  ])('%j is an error at the tag', (text, line, column) => {
    expect(codeOf(() => parseSource(text, 'x.yaml'))).toMatchObject({ code: 'load_unknown_tag', location: { line, column } });
  });

  it('the core tags are kept', () => {
    expect(parseSource('a: !!str 12\nb: !!int "3"', 'x.yaml').value).toEqual({ a: '12', b: 3 });
  });

  it('a caller may pass the custom tags it understands', () => {
    const customTags = [{ tag: '!Ref', resolve: (s: string) => ({ Ref: s }) }];
    expect(parseSource('a: !Ref Bucket', 'x.yaml', 'yaml', { customTags }).value).toEqual({ a: { Ref: 'Bucket' } });
    expect(codeOf(() => parseSource('a: !Sub x', 'x.yaml', 'yaml', { customTags }))).toMatchObject({ code: 'load_unknown_tag' });
  });
});

describe('duplicate keys in JSON', () => {
  it.each([
    ['{"a": 1, "a": 2}', 1, 10],
    ['{"a": {"b": 1,\n "b": 2}}', 2, 2],
    ['[{"x": 1}, {"x": 2, "y": {"x": 3}, "x": 4}]', 1, 36],
  ])('%j is an error at the second key', (text, line, column) => {
    expect(codeOf(() => parseSource(text, 'x.json', 'json'))).toMatchObject({ code: 'load_duplicate_key', location: { line, column } });
  });

  it('the same key in different objects is fine, and escaped keys compare by value', () => {
    expect(parseSource('[{"x": 1}, {"x": 2, "y": {"x": 3}}]', 'x.json', 'json').value).toHaveLength(2);
    expect(codeOf(() => parseSource('{"a": 1, "\\u0061": 2}', 'x.json', 'json'))).toMatchObject({ code: 'load_duplicate_key' });
  });
});
