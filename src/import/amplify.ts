/** `from: [{amplify: ...}]` (imports.md §1). */
import type { Location } from '../diagnostics/diagnostic.js';
import type { Collected } from './cfn/collect.js';
import type { ImportState } from './types.js';

export function importAmplify(entry: Record<string, unknown>, state: ImportState, _out: Collected, at: Location | undefined): void {
  state.error('import_source_kind', '`amplify` sources are not read yet', at, 'use `cloudformation:` on the synthesized template');
  void entry;
}
