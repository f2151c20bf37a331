/**
 * STUB: the static evaluator of a Terraform module folder (imports.md §2) is built on another
 * branch (s3-tfhcl); this file is replaced by its module at merge. Same export, same result type.
 */
import type { Location } from '../../../diagnostics/diagnostic.js';
import type { TfComputeContext } from '../computed.js';
import type { TfReadResult } from '../resources.js';

export function readModuleFolder(
  dir: string,
  entry: Record<string, unknown>,
  ctx: TfComputeContext,
  at: Location | undefined,
): TfReadResult {
  void entry;
  ctx.state.error(
    'import_terraform_folder',
    `reading a Terraform folder is not built yet (\`${dir}\`)`,
    at,
    'give keycard the output of `terraform show -json` instead: `terraform: plan.json`',
  );
  return { resources: [], files: [] };
}
