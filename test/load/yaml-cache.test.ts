// The YAML cache of the CLI (src/load/yaml-cache.ts): a file read from it has the same value and
// the same locations, for every path, as the file parsed; only clean, alias-free files are kept.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PathKey } from '../../src/diagnostics/diagnostic.js';
import { parseSource, type ParsedSource } from '../../src/load/source.js';
import { BUILD_KEY } from '../../src/load/build-id.js';
import { checkSchema } from '../../src/load/schema-check.js';
import { projectSchema, sectionSchemas } from '../../src/load/schemas/project.schema.js';
import { tempDir } from '../temp.js';

const root = join(import.meta.dirname, '../..');
const g = globalThis as Record<symbol, unknown>;
let dir: string;
let saved: string | undefined;

beforeEach(() => {
  dir = tempDir('keycard-yaml-cache-');
  saved = process.env.KEYCARD_CACHE_DIR;
  process.env.KEYCARD_CACHE_DIR = dir;
  g[BUILD_KEY] = 'testbuild';
});
afterEach(() => {
  process.env.KEYCARD_CACHE_DIR = saved;
  delete g[BUILD_KEY];
});

function yamlFiles(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(d, e.name)) : /\.ya?ml$/.test(e.name) ? [join(d, e.name)] : [],
  );
}

/** Every path of a value, and for each a path one step past it that does not exist. */
function paths(v: unknown, at: PathKey[] = []): PathKey[][] {
  const out: PathKey[][] = [at, [...at, 'no-such-key'], [...at, 99999]];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

const entries = () => readdirSync(dir).filter((f) => f.startsWith('yaml-'));
const parse = (text: string, file: string, allow?: (p: readonly PathKey[]) => boolean): ParsedSource | string => {
  try {
    return parseSource(text, file, 'yaml', allow ? { allowPrototypeKeys: allow } : {});
  } catch (e) {
    return String(e);
  }
};

describe('YAML cache', () => {
  const files = [join(root, 'keycard.yaml'), ...yamlFiles(join(root, 'scenarios')), ...yamlFiles(join(root, 'test/fixtures'))];

  it('reads back every clean file with the same value and the same location for every path', () => {
    let hits = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const name = relative(root, file);
      const before = entries().length;
      const parsed = parse(text, name);
      const stored = entries().length > before;
      const again = parse(text, name);
      if (typeof parsed === 'string') {
        expect(stored, name).toBe(false);
        expect(again, name).toBe(parsed);
        continue;
      }
      if (!stored) continue; // aliases or numbers JSON cannot carry
      hits++;
      if (typeof again === 'string') throw new Error(again);
      expect(again.value, name).toEqual(parsed.value);
      for (const p of paths(parsed.value)) {
        expect(again.locate(p), `${name} ${JSON.stringify(p)}`).toEqual(parsed.locate(p));
        expect(again.locateKey(p), `${name} key ${JSON.stringify(p)}`).toEqual(parsed.locateKey(p));
      }
    }
    expect(hits).toBeGreaterThan(20);
  });

  it('keeps no file with aliases, .inf or -0; parses again after an edit (one entry per file) or under other options', () => {
    for (const text of ['a: &x [1]\nb: *x\n', 'a: .inf\n', 'a: -0\n', 'a: [1\n']) parse(text, 'f.yaml');
    expect(entries()).toEqual([]);
    const first = parse('a: 1\n', 'f.yaml') as ParsedSource;
    expect(entries()).toHaveLength(1);
    expect((parse('a: 2\n', 'f.yaml') as ParsedSource).value).toEqual({ a: 2 });
    expect(first.value).toEqual({ a: 1 });
    expect(entries()).toHaveLength(1); // one entry per file: the edit replaced it
    expect((parse('a: 2\n', 'f.yaml') as ParsedSource).value).toEqual({ a: 2 });
    // `__proto__` is refused by default and allowed where the caller says: one entry per option.
    expect(parse('__proto__: 1\n', 'f.yaml')).toMatch(/KeycardInputError|__proto__/);
    expect((parse('__proto__: 1\n', 'f.yaml', () => true) as ParsedSource).value).toHaveProperty('__proto__', 1);
    expect(parse('__proto__: 1\n', 'f.yaml')).toMatch(/KeycardInputError|__proto__/);
  });

  it('skips a schema check only for the value that passed it, and keeps the value as parsed', () => {
    const project = readFileSync(join(root, 'keycard.yaml'), 'utf8');
    const bad = project.replace(/^region: .*$/m, 'region: 42');
    expect(bad).not.toBe(project);
    const check = (src: ParsedSource) => checkSchema(projectSchema, src.value, src, 'project').map((d) => d.code);
    // A value that fails is never recorded: every read checks it again, with the same answer.
    for (let i = 0; i < 2; i++) {
      const src = parse(bad, 'bad.yaml') as ParsedSource;
      expect(check(src)).toEqual(['schema_invalid']);
      expect(src.verdicts?.has('project []')).toBe(false);
    }
    const first = parse(project, 'p.yaml') as ParsedSource;
    expect(first.verdicts?.has('project []')).toBe(false);
    expect(check(first)).toEqual([]);
    // A caller changes its value; a later check of a part of it writes the entry again.
    const value = first.value as Record<string, unknown>;
    value.region = 'eu-west-1';
    expect(checkSchema(sectionSchemas.identityPool, value.identityPool, first, 'pool', ['identityPool'])).toEqual([]);
    const again = parse(project, 'p.yaml') as ParsedSource;
    expect(again.verdicts?.has('project []')).toBe(true);
    expect(again.verdicts?.has('identityPool ["identityPool"]')).toBe(true);
    expect((again.value as Record<string, unknown>).region).toBe('us-east-1'); // as parsed, not as changed
    // Another place in the file, or another schema, is another check.
    expect(again.verdicts?.has('project ["project"]')).toBe(false);
    expect(again.verdicts?.has('scenarioFile []')).toBe(false);
  });

  it('is off without a build (the library, the explorer) and without a cache directory', () => {
    delete g[BUILD_KEY];
    parse('a: 1\n', 'f.yaml');
    g[BUILD_KEY] = 'testbuild';
    process.env.KEYCARD_CACHE_DIR = 'off';
    parse('a: 1\n', 'f.yaml');
    expect(readdirSync(dir)).toEqual([]);
  });
});
