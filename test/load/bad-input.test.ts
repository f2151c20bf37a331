// Bad and hostile input must give one clear diagnostic at file:line:col, never a crash or a hang.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KeycardInputError, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { loadProject } from '../../src/load/project.js';
import { parseSource } from '../../src/load/source.js';
import { tempDir } from '../temp.js';

const fixtures = join(import.meta.dirname, '../fixtures/load');
const cases = parse(readFileSync(join(fixtures, 'bad-cases.yaml'), 'utf8')) as {
  file: string;
  code: string;
  line: number;
  column: number;
  message: string;
}[];

function diagnosticsOf(fn: () => unknown): Diagnostic[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof KeycardInputError) return e.diagnostics;
    throw e;
  }
  throw new Error('expected a KeycardInputError');
}

describe('bad project files', () => {
  it.each(cases)('$file -> $code at $line:$column', (c) => {
    const [d] = diagnosticsOf(() => loadProject(join(fixtures, c.file)));
    expect(d).toMatchObject({ code: c.code, severity: 'error', location: { line: c.line, column: c.column } });
    expect(d!.message).toContain(c.message);
    expect(d!.help).toBeTruthy();
  });
});

describe('hostile input', () => {
  const dir = tempDir('keycard-hostile-');

  it('refuses a 50 MB file without reading it', () => {
    const f = join(dir, 'huge.yaml');
    writeFileSync(f, Buffer.alloc(50 * 1024 * 1024, 'a'));
    expect(diagnosticsOf(() => loadProject(f))[0]).toMatchObject({ code: 'load_file_too_large' });
  });

  // Issue 17: an account export over the general limit loads (up to 256 MiB in JSON); other input does not.
  it('loads an account export over 10 MiB, and refuses other JSON of that size', () => {
    const role = (i: number) =>
      JSON.stringify(
        { RoleName: `r${i}`, Arn: `arn:aws:iam::123456789012:role/r${i}`, RolePolicyList: [], Padding: 'x'.repeat(1 << 20) },
        null,
        4,
      );
    const roles = Array.from({ length: 11 }, (_, i) => role(i)).join(',\n');
    const exportFile = join(dir, 'iam.json');
    writeFileSync(exportFile, `{\n    "UserDetailList": [],\n    "RoleDetailList": [\n${roles}\n    ],\n    "Policies": []\n}\n`);
    const project = join(dir, 'big.yaml');
    writeFileSync(
      project,
      'account: "123456789012"\nregion: us-east-1\nidentityPool: {IdentityPoolId: "us-east-1:1", AllowUnauthenticatedIdentities: false}\niam: iam.json\n',
    );
    const loaded = loadProject(project);
    expect(loaded.roles.size).toBe(11);
    expect(loaded.roles.get('arn:aws:iam::123456789012:role/r10')?.location).toMatchObject({ file: exportFile });
    const other = join(dir, 'other.json');
    writeFileSync(other, `{"Padding": [${roles}]}`);
    writeFileSync(
      project,
      'account: "123456789012"\nregion: us-east-1\nidentityPool: {IdentityPoolId: "us-east-1:1", AllowUnauthenticatedIdentities: false}\niam: other.json\n',
    );
    expect(diagnosticsOf(() => loadProject(project))[0]).toMatchObject({ code: 'load_file_too_large' });
  });

  // A `terraform show -json` plan of large infrastructure is far over 10 MiB, written as one line.
  it('loads a Terraform plan or state JSON over 10 MiB', () => {
    const state = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/lint/tf-trust-aud/good/state.json'), 'utf8'));
    state.values.root_module.resources.push({
      address: 'terraform_data.padding',
      mode: 'managed',
      type: 'terraform_data',
      name: 'padding',
      values: { input: 'x'.repeat(11 << 20) },
    });
    writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
    const project = join(dir, 'tf.yaml');
    writeFileSync(project, 'account: "123456789012"\nregion: us-east-1\nfrom:\n  - terraform: state.json\n');
    expect(loadProject(project).identityPool?.IdentityPoolId).toBe('us-east-1:11111111-2222-4333-8444-555555555555');
  });

  it('refuses binary garbage', () => {
    const f = join(dir, 'garbage.yaml');
    writeFileSync(f, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x01]));
    expect(diagnosticsOf(() => loadProject(f))[0]).toMatchObject({ code: 'load_binary_file' });
  });

  it('refuses invalid UTF-8', () => {
    const f = join(dir, 'latin1.yaml');
    writeFileSync(f, Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    expect(diagnosticsOf(() => loadProject(f))[0]).toMatchObject({ code: 'load_not_utf8' });
  });

  it.each([
    ['flow sequences', '['.repeat(5000) + ']'.repeat(5000)],
    ['flow mappings', '{a: '.repeat(3000) + '1' + '}'.repeat(3000)],
    ['block mappings', Array.from({ length: 200 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1'],
  ])('refuses deep nesting of %s', (_name, text) => {
    expect(diagnosticsOf(() => parseSource(text, 'deep.yaml'))[0]).toMatchObject({ code: 'load_too_deep' });
  });

  it('refuses a missing file', () => {
    expect(diagnosticsOf(() => loadProject(join(dir, 'nope.yaml')))[0]).toMatchObject({ code: 'load_file_not_found' });
  });

  it('keeps positions for JSON documents', () => {
    const src = parseSource('{\n  "a": {"b": [1, 2]}\n}', 'x.json', 'json');
    expect(src.locate(['a', 'b', 1])).toMatchObject({ line: 2, column: 18 });
  });
});

describe('precompiled schema validators (dist/, built by npm run build)', () => {
  it.each(cases)('$file gives the same diagnostic as the runtime-compiled schema', async (c) => {
    const dist = join(import.meta.dirname, '../../dist/load/project.js');
    const { loadProject: loadBuilt } = (await import(dist)) as { loadProject: typeof loadProject };
    const built = (() => {
      try {
        loadBuilt(join(fixtures, c.file));
      } catch (e) {
        return (e as { diagnostics?: Diagnostic[] }).diagnostics;
      }
      return undefined;
    })();
    expect(built).toEqual(diagnosticsOf(() => loadProject(join(fixtures, c.file))));
  });
});
