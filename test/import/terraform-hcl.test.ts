// The static evaluator of a Terraform folder (imports.md §2): one fixture folder per group of
// constructs under test/fixtures/import/terraform-hcl/, each with a cases.yaml whose rows name what
// readModuleFolder must give (a value at an address, an unresolved value, an error at a line).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KeycardInputError } from '../../src/diagnostics/diagnostic.js';
import { evaluateFolder, type FolderOptions } from './terraform-hcl-helpers.js';

const root = join(import.meta.dirname, '../fixtures/import/terraform-hcl');

interface Case {
  name: string;
  address?: string;
  path?: (string | number)[];
  equals?: unknown;
  /** A placeholder: the value at `path` matches this regular expression. */
  matches?: string;
  /** The value at `path` is a JSON string: compare what it parses to. */
  json?: boolean;
  /** The value at `path` holds these unresolved names (and nothing is Allow/Deny-able from it). */
  holds?: string;
  unresolved?: string;
  /** The help of that unresolved value contains this. */
  help?: string;
  error?: { code: string; line?: number; file?: string };
  warning?: string;
  addresses?: string[];
  line?: number;
  attributeLine?: number;
}
interface Fixture extends FolderOptions {
  cases: Case[];
}

const dig = (v: unknown, path: (string | number)[]): unknown =>
  path.reduce<unknown>((x, k) => (x !== null && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), v);

const folders = readdirSync(root, { withFileTypes: true }).filter(
  (d) => d.isDirectory() && readdirSync(join(root, d.name)).includes('cases.yaml'),
);

describe.each(folders.map((d) => d.name))('terraform folder %s', (name) => {
  const dir = join(root, name);
  const fx = parse(readFileSync(join(dir, 'cases.yaml'), 'utf8')) as Fixture;
  let run: ReturnType<typeof evaluateFolder> | undefined;
  const get = () => (run ??= evaluateFolder(dir, fx));

  it.each(fx.cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const { state, result } = get();
    const find = (address: string) => {
      const r = result.resources.find((x) => x.address === address);
      expect(r, `${address} among ${result.resources.map((x) => x.address).join(', ')}`).toBeDefined();
      return r!;
    };
    if (c.addresses) expect(result.resources.map((r) => r.address).sort()).toEqual([...c.addresses].sort());
    if (c.address && c.path) {
      let v = dig(find(c.address).values, c.path);
      if (c.json) v = JSON.parse(String(v));
      if ('equals' in c) expect(v).toEqual(c.equals);
      if (c.matches) expect(String(v)).toMatch(new RegExp(c.matches));
      if (c.holds) expect(String(v)).toContain(`\u27EAunresolved:${c.holds}\u27EB`);
    }
    if (c.address && c.line) expect(find(c.address).location).toMatchObject({ line: c.line });
    if (c.address && c.attributeLine) expect(find(c.address).locate?.(c.path ?? [])).toMatchObject({ line: c.attributeLine });
    if (c.unresolved) expect([...state.unresolved.keys()]).toContain(c.unresolved);
    if (c.unresolved && c.help) expect(state.unresolved.get(c.unresolved)?.help).toContain(c.help);
    if (c.error)
      expect(
        state.diagnostics
          .filter((d) => d.severity === 'error')
          .map((d) => ({ code: d.code, line: d.location?.line, file: d.location?.file.split('/').pop() })),
      ).toContainEqual(expect.objectContaining(c.error));
    if (c.warning) expect(state.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.code)).toContain(c.warning);
  });
});

describe('a Terraform file keycard cannot parse', () => {
  it('is one input error naming the file and line (exit 3)', () => {
    const dir = join(root, 'syntax-error');
    let error: unknown;
    try {
      evaluateFolder(dir, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KeycardInputError);
    const [d] = (error as KeycardInputError).diagnostics;
    expect(d).toMatchObject({ code: 'import_terraform_syntax', severity: 'error', location: { file: join(dir, 'main.tf'), line: 3 } });
    expect(d!.message).toContain('invalid expression');
  });
});

describe('file() in a Terraform folder', () => {
  it('stays inside the repository, as `${file()}` in CloudFormation does', () => {
    let error: unknown;
    try {
      evaluateFolder(join(root, 'outside'), {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KeycardInputError);
    expect((error as KeycardInputError).diagnostics[0]).toMatchObject({ code: 'load_path_outside', location: { line: 3 } });
  });
});

describe('a Terraform folder that does not exist', () => {
  it('is the input error the import stage reports where keycard.yaml names it', () => {
    let error: unknown;
    try {
      evaluateFolder(join(root, 'no-such-folder'), {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KeycardInputError);
    expect((error as KeycardInputError).diagnostics.map((d) => d.code)).toEqual(['load_file_not_found']);
  });
});
