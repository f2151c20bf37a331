// Runs the static evaluator of a Terraform folder (src/import/terraform/hcl) the way the import
// stage does, for the fixture tests.
import { join } from 'node:path';
import { ImportState } from '../../src/import/types.js';
import { readModuleFolder } from '../../src/import/terraform/hcl/index.js';
import type { TfReadResult } from '../../src/import/terraform/resources.js';

export interface FolderOptions {
  entry?: Record<string, unknown>;
  values?: Record<string, unknown>;
  physicalIds?: Record<string, string>;
}

export function evaluateFolder(dir: string, fx: FolderOptions): { state: ImportState; result: TfReadResult } {
  const state = new ImportState({
    account: '123456789012',
    region: 'eu-west-1',
    physicalIds: fx.physicalIds ?? {},
    values: fx.values ?? {},
    dir,
    file: join(dir, 'keycard.yaml'),
  });
  const result = readModuleFolder(dir, { terraform: '.', ...fx.entry }, { state, seed: 'fixture' }, undefined);
  return { state, result };
}
