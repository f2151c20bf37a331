/**
 * The hand-off inside the Terraform source kind (imports.md §2): both readers, the plan/state
 * reader (`terraform show -json`) and the static evaluator of a module folder, give the same list
 * of resource instances; one collector turns that list into the project model (Collected).
 *
 * Values are as `terraform show -json` prints them: attribute names in snake_case, nested blocks
 * as arrays of objects, policy documents as JSON strings. A value no file gives (an `after_unknown`
 * attribute, a remote module's output, a data source keycard does not read) is a string holding an
 * unresolved marker (model/unresolved.ts), or a placeholder where imports.md §3 names one.
 */
import type { Location, Locator } from '../../diagnostics/diagnostic.js';

export interface TfResource {
  /** Terraform's address: `module.auth.aws_iam_role.group["admin"]`. */
  address: string;
  mode: 'managed' | 'data';
  /** `aws_iam_role` */
  type: string;
  /** `group` */
  name: string;
  /** The module path, '' at the root: `module.auth`, `module.a.module.b`. */
  module: string;
  /** The `count` index or `for_each` key of this instance, if any. */
  index?: string | number;
  /** Attribute values, computed attributes included (imports.md §2, §3). */
  values: Record<string, unknown>;
  /** The block (`resource "aws_iam_role" "admin"`) in its `.tf` file, or the plan JSON entry. */
  location?: Location;
  /** Locations of attributes by path inside `values` (`['inline_policy', 0, 'policy']`), where the reader knows them. */
  locate?: Locator;
}

/** What one Terraform source gives the collector. */
export interface TfReadResult {
  resources: TfResource[];
  /** Files read, for `keycard import` and watch mode. */
  files: string[];
}
