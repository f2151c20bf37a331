/** The cedar-wasm wrapper: byte offsets to positions, policy splitting, ids, the pre-parsed cache. */
import { beforeAll, describe, expect, it } from 'vitest';
import { idAnnotation, splitPolicies } from '../../src/cedar/policy-file.js';
import {
  authorizePrepared,
  cedarPattern,
  cedarString,
  loadCedar,
  locateByteOffset,
  preparePolicySet,
  WILDCARD,
} from '../../src/cedar/wasm.js';

beforeAll(async () => {
  await loadCedar();
});

describe('positions', () => {
  it.each([
    ['ascii', 'abc\ndef', 5, { line: 2, column: 2 }],
    ['two-byte characters before the offset', 'é\nxé y', 7, { line: 2, column: 4 }],
    ['four-byte characters count as one UTF-16 pair', '😀x', 4, { line: 1, column: 3 }],
  ] as const)('%s', (_name, text, offset, want) => {
    expect(locateByteOffset({ file: 'f', fileText: text, start: 0 }, offset)).toMatchObject(want);
  });

  it('adds the offset of the policy inside its file', () => {
    expect(locateByteOffset({ file: 'f', fileText: 'a;\nbé;', start: 3 }, 3)).toMatchObject({ line: 2, column: 3 });
  });
});

describe('policy files', () => {
  it('splits at semicolons outside strings and comments, keeping offsets', () => {
    const text =
      '// a; comment\npermit(principal, action, resource) when { "x;y" == "z" };\n@id("two")\nforbid(principal, action, resource);';
    const parts = splitPolicies('f.cedar', text);
    expect(parts.map((p) => p.text)).toEqual([
      'permit(principal, action, resource) when { "x;y" == "z" };',
      '@id("two")\nforbid(principal, action, resource);',
    ]);
    expect(parts[1]!.source.start).toBe(text.indexOf('@id'));
  });

  it('reads @id annotations among others', () => {
    expect(idAnnotation('@advice("x") @id("a \\"b\\"") permit(principal, action, resource);')).toBe('a "b"');
    expect(idAnnotation('permit(principal, action, resource) when { context.x == "@id(\\"no\\")" };')).toBeUndefined();
  });
});

describe('literals', () => {
  it('escapes strings and like patterns the Cedar way', () => {
    expect(cedarString('a"b\\c\n\u0001')).toBe('"a\\"b\\\\c\\n\\u{1}"');
    expect(cedarPattern(['a*b', WILDCARD, 'c'])).toBe('"a\\*b*c"');
  });
});

describe('pre-parsed sets', () => {
  it('caches by content and answers with determining policies', () => {
    const texts = {
      p: 'permit(principal, action, resource) when { context.ok };',
      f: 'forbid(principal, action, resource) when { context.no };',
    };
    const a = preparePolicySet({ texts });
    const b = preparePolicySet({ texts: { ...texts } });
    expect(a).toEqual(b);
    const req = (ctx: Record<string, boolean>) => ({
      principal: { type: 'U', id: 'u' },
      action: { type: 'Action', id: 'a' },
      resource: { type: 'R', id: 'r' },
      context: ctx,
      entities: [],
    });
    expect(authorizePrepared((a as { id: string }).id, req({ ok: true, no: false }))).toEqual({
      decision: 'allow',
      reasons: ['p'],
      errors: [],
    });
    expect(authorizePrepared((a as { id: string }).id, req({ ok: true, no: true }))).toEqual({
      decision: 'deny',
      reasons: ['f'],
      errors: [],
    });
    // A missing attribute errors the policy: Cedar skips it, and the wrapper reports it.
    expect(authorizePrepared((a as { id: string }).id, req({ ok: true }))).toMatchObject({
      decision: 'allow',
      errors: [{ policyId: 'f' }],
    });
  });
});
