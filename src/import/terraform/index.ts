/**
 * `from: [{terraform: X}]` (imports.md §1, §2): X is a module folder (evaluated statically,
 * hcl/index.ts) or the `terraform show -json` output of a plan or a state (plan.ts). Both readers
 * give the same list of resource instances, which one collector turns into the project model.
 */
import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { KeycardInputError, type Location } from '../../diagnostics/diagnostic.js';
import type { Collected } from '../cfn/collect.js';
import type { ImportState } from '../types.js';
import { collectTerraform } from './collect.js';
import type { TfComputeContext } from './computed.js';
import { readModuleFolder } from './hcl/index.js';
import { readPlanJson } from './plan.js';
import type { TfReadResult } from './resources.js';

type Obj = Record<string, unknown>;

export function importTerraform(entry: Obj, state: ImportState, out: Collected, at: Location | undefined): void {
  const path = resolve(state.options.dir, String(entry.terraform));
  const rel = relative(state.options.dir, path) || '.';
  const ctx: TfComputeContext = { state, seed: rel };
  const folder = statSync(path, { throwIfNoEntry: false })?.isDirectory();
  if (folder === undefined)
    throw new KeycardInputError([
      { code: 'load_file_not_found', severity: 'error', message: `cannot read \`${path}\`: no such file or folder`, location: at },
    ]);
  const result: TfReadResult = folder ? readModuleFolder(path, entry, ctx, at) : readPlanJson(path, ctx);
  state.files.push(...result.files);
  state.sources.push(`terraform ${rel}`);
  collectTerraform(result.resources, ctx, out, path);
}
