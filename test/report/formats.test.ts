/** `--format` parsing: names, `name=path`, one stdout owner, defaults, and usage errors. */
import { describe, expect, it, vi, afterEach } from 'vitest';
import { KeycardUsageError } from '../../src/diagnostics/diagnostic.js';
import { parseFormats, prettyOnStdout } from '../../src/report/formats.js';
import { TEST_FORMATS, VALIDATE_FORMATS, defaultFormats } from '../../src/report/registry.js';

const test = (values?: string[] | string) => parseFormats(values, { allowed: TEST_FORMATS }, '/work');

afterEach(() => vi.unstubAllEnvs());

describe('parseFormats', () => {
  it.each([
    [['json'], [{ name: 'json' }]],
    [
      ['junit=reports/keycard.xml', 'pretty'],
      [{ name: 'junit', path: 'reports/keycard.xml' }, { name: 'pretty' }],
    ],
    [['json=-'], [{ name: 'json' }]],
    ['tap', [{ name: 'tap' }]],
    [
      ['pretty', 'github'],
      [{ name: 'pretty' }, { name: 'github' }],
    ],
    [
      ['json=a.json', 'json=b.json', 'github'],
      [{ name: 'json', path: 'a.json' }, { name: 'json', path: 'b.json' }, { name: 'github' }],
    ],
  ])('%j', (values, expected) => {
    expect(test(values)).toEqual(expected);
  });

  it.each([
    [['xml'], 'unknown format `xml`', 'valid formats: pretty, json, junit, tap, github'],
    [['sarif'], 'unknown format `sarif`', 'valid formats: pretty, json, junit, tap, github'],
    [['=x.json'], 'missing format name', 'valid formats'],
    [['junit='], 'missing file after `--format junit=`', 'give a path'],
    [['json', 'junit'], 'formats `json`, `junit` would all write to stdout', '--format junit=reports/keycard.junit'],
    [['pretty', 'github', 'json'], 'would all write to stdout', 'only one format'],
    [['json=out/r', 'junit=./out/r'], 'formats `json` and `junit` would both write `./out/r`', 'its own file'],
  ])('rejects %j', (values, message, help) => {
    try {
      test(values);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KeycardUsageError);
      expect((e as KeycardUsageError).message).toContain(message);
      expect((e as KeycardUsageError).help).toContain(help);
    }
  });

  it('validate accepts sarif but not junit', () => {
    expect(parseFormats(['sarif=r.sarif'], { allowed: VALIDATE_FORMATS })).toEqual([{ name: 'sarif', path: 'r.sarif' }]);
    expect(() => parseFormats(['junit'], { allowed: VALIDATE_FORMATS })).toThrow('unknown format `junit`');
  });

  it('defaults to pretty, plus github annotations on GitHub Actions', () => {
    vi.stubEnv('GITHUB_ACTIONS', '');
    expect(test(undefined)).toEqual([{ name: 'pretty' }]);
    expect(test([])).toEqual([{ name: 'pretty' }]);
    vi.stubEnv('GITHUB_ACTIONS', 'true');
    expect(test(undefined)).toEqual([{ name: 'pretty' }, { name: 'github' }]);
    expect(defaultFormats({ GITHUB_ACTIONS: 'true' })).toEqual(['pretty', 'github']);
    expect(parseFormats(undefined, { allowed: TEST_FORMATS, default: ['json'] })).toEqual([{ name: 'json' }]);
  });

  it('prettyOnStdout tells the CLI whether diagnostics still need stderr', () => {
    expect(prettyOnStdout(test(['pretty', 'github']))).toBe(true);
    expect(prettyOnStdout(test(['json', 'pretty=r.txt']))).toBe(false);
  });
});
