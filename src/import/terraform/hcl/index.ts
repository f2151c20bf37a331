/**
 * `from: [{terraform: DIR}]`: a Terraform module folder evaluated statically, without Terraform and
 * without credentials (imports.md §2). Variables take, in Terraform's order of precedence, their
 * defaults, `terraform.tfvars`, `*.auto.tfvars`, the `varFiles` and the `variables` of the entry;
 * the result is the same TfResource list the plan reader gives.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KeycardInputError, type Location } from '../../../diagnostics/diagnostic.js';
import { checkReference, markInputFile } from '../../../load/confine.js';
import type { TfComputeContext } from '../computed.js';
import type { TfReadResult } from '../resources.js';
import { evalValue } from './blocks.js';
import { EMPTY_SCOPE, EvalError } from './expressions.js';
import { ModuleEval, parseJsonFile, type Input, type Run } from './module.js';
import { parseHclFile } from './parse.js';
import { isObj, type Obj } from './values.js';

export function readModuleFolder(
  dir: string,
  entry: Record<string, unknown>,
  ctx: TfComputeContext,
  at: Location | undefined,
): TfReadResult {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new KeycardInputError([{ code: 'load_file_not_found', severity: 'error', message: `cannot read ${dir}` }]);
  const run: Run = { state: ctx.state, ctx, rootDir: root, files: [] };
  const inputs = new Map<string, Input>();
  const given = (name: string, value: () => unknown) => inputs.set(name, { value });
  for (const file of varFiles(root, entry, ctx, at)) {
    const text = readFileSync(file, 'utf8');
    run.files.push(file);
    markInputFile(file);
    const values = file.endsWith('.json') ? parseJsonFile(file, text) : parseHclFile(file, text);
    const lines = text.split(/\r?\n/);
    for (const [name, raw] of Object.entries(values)) {
      const line = lines.findIndex((l) => new RegExp(`^\\s*"?${name.replace(/[^\w-]/g, '')}"?\\s*[=:]`).test(l)) + 1;
      given(name, () => tfvarsValue(raw, name, { file, line: Math.max(line, 1), column: 1 }, ctx));
    }
  }
  const variables = isObj(entry.variables) ? entry.variables : {};
  for (const [name, value] of Object.entries(variables)) given(name, () => value);
  const module = new ModuleEval(run, root, '', inputs, at);
  const declared = new Set(module.declaredVariables());
  for (const name of inputs.keys())
    if (!declared.has(name))
      ctx.state.warn(
        'import_terraform_undeclared_variable',
        `the variable \`${name}\` is given but no file of \`${dir}\` declares it`,
        at,
        'keycard uses the value; declare it with `variable "NAME" {}`, or remove it',
      );
  return { resources: module.resources(), files: run.files };
}

/** `terraform.tfvars(.json)`, `*.auto.tfvars(.json)` in name order, then `varFiles` in order. */
function varFiles(root: string, entry: Obj, ctx: TfComputeContext, at: Location | undefined): string[] {
  const names = readdirSync(root);
  const auto = names.filter((n) => /\.auto\.tfvars(\.json)?$/.test(n)).sort();
  const files = ['terraform.tfvars', 'terraform.tfvars.json', ...auto].map((n) => join(root, n)).filter((f) => existsSync(f));
  const listed = Array.isArray(entry.varFiles) ? entry.varFiles : entry.varFiles !== undefined ? [entry.varFiles] : [];
  for (const f of listed) {
    // As `terraform plan -var-file` run in the folder; else relative to keycard.yaml.
    const candidates = [resolve(root, String(f)), resolve(ctx.state.options.dir, String(f))];
    const file = candidates.find((c) => existsSync(c)) ?? candidates[0]!;
    checkReference(file, ctx.state.options.file, at, 'the var file');
    if (!existsSync(file)) {
      ctx.state.error(
        'load_file_not_found',
        `\`varFiles\` names \`${String(f)}\`, which does not exist`,
        at,
        'paths are relative to the Terraform folder',
      );
      continue;
    }
    files.push(file);
  }
  return files;
}

function tfvarsValue(raw: unknown, name: string, location: Location, ctx: TfComputeContext): unknown {
  try {
    return evalValue(raw, EMPTY_SCOPE);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    ctx.state.error('import_terraform_expression', `\`${name}\`: ${e.message}`, location, e.help);
    return ctx.state.unresolvedValue(`var.${name}`, location, e.help);
  }
}
