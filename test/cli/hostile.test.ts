// Each kind of hostile input, through the CLI: a one-screen error with file:line:col, exit 3,
// never a stack trace or a hang.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keycard } from './helpers.js';
import { tempDir } from '../temp.js';

const dir = tempDir('keycard-hostile-cli-');
const file = (name: string, content: string | Buffer) => {
  const f = join(dir, name);
  writeFileSync(f, content);
  return f;
};

const bomb = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`),
].join('\n');

const cases: [string, string, string][] = [
  ['a YAML alias bomb', file('bomb.yaml', bomb), 'load_alias_bomb'],
  ['a __proto__ key', file('proto.yaml', 'account: "123456789012"\n__proto__: {x: 1}\n'), 'load_forbidden_key'],
  ['a constructor key', file('ctor.json', '{"account": "123456789012", "constructor": 1}'), 'load_forbidden_key'],
  ['deep nesting', file('deep.yaml', '['.repeat(20000) + ']'.repeat(20000)), 'load_too_deep'],
  ['a 50 MB file', file('huge.yaml', Buffer.alloc(50 * 1024 * 1024, 'a')), 'load_file_too_large'],
  ['binary garbage', file('garbage.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0xff])), 'load_binary_file'],
  ['a wrong top-level type', file('list.yaml', '- 1\n- 2\n'), 'schema_wrong_top_level'],
];

describe('hostile input through the CLI', () => {
  it.each(cases)('%s: validate exits 3 with a located diagnostic', async (_name, f, code) => {
    const r = await keycard(['validate', f]);
    expect(r.code, r.stderr + r.stdout).toBe(3);
    const out = r.stdout + r.stderr;
    expect(out).toContain(code);
    expect(out).toMatch(new RegExp(`${f.split('/').pop()!.replace('.', '\\.')}:\\d+:\\d+`));
    expect(out.split('\n').length).toBeLessThan(40);
    expect(out).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  });

  it.each(cases)('%s: as a scenario file, test reports it and exits 3', async (_name, f, code) => {
    const r = await keycard(['test', f]);
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain(code);
  });
});
