/**
 * The import stage (imports.md): reads the sources named under `from:` in keycard.yaml and hands
 * the project model what they define. One module per source kind; each fills the same Collected
 * record, through the CloudFormation evaluator or through the Terraform collector.
 */
import { resolve } from 'node:path';
import { KeycardInputError, type Location, type PathKey } from '../diagnostics/diagnostic.js';
import { checkReference } from '../load/confine.js';
import { emptyCollected, finishCollected, type Collected } from './cfn/collect.js';
import { importCloudFormation } from './cloudformation.js';
import { importServerless } from './serverless.js';
import { importCdk } from './cdk.js';
import { importAmplify } from './amplify.js';
import { importTerraform } from './terraform/index.js';
import { ImportState, type ImportOptions, type ImportResult } from './types.js';

type Obj = Record<string, unknown>;
type SourceReader = (entry: Obj, state: ImportState, out: Collected, at: Location | undefined) => void;

/** Source kinds by their key in a `from:` entry. */
export const SOURCE_KINDS: Record<string, SourceReader> = {
  cloudformation: importCloudFormation,
  serverless: importServerless,
  cdk: importCdk,
  amplify: importAmplify,
  terraform: importTerraform,
};

export function importSources(
  from: Obj[],
  options: ImportOptions,
  locate: (path: readonly PathKey[]) => Location | undefined,
): ImportResult {
  const state = new ImportState(options);
  const out = emptyCollected();
  from.forEach((entry, i) => {
    const kind = Object.keys(SOURCE_KINDS).find((k) => entry[k] !== undefined);
    const at = locate([i]);
    if (!kind) {
      const named = Object.keys(entry)[0] ?? '';
      state.error(
        'import_source_kind',
        `\`${named}\` is not a source kind keycard reads`,
        at,
        `sources: ${Object.keys(SOURCE_KINDS).join(', ')}`,
      );
      return;
    }
    try {
      // keycard.yaml may be edited by a pull request: its sources stay inside the repository.
      checkReference(resolve(options.dir, String(entry[kind])), options.file, locate([i, kind]), `the ${kind} source`);
      SOURCE_KINDS[kind]!(entry, state, out, at);
    } catch (e) {
      // A source path that names nothing is reported where keycard.yaml names it.
      const d = e instanceof KeycardInputError ? e.diagnostics[0] : undefined;
      if (d?.code === 'load_file_not_found' && e instanceof KeycardInputError && e.diagnostics.length === 1) {
        throw new KeycardInputError([
          {
            code: 'load_file_not_found',
            severity: 'error',
            message: `\`${kind}: ${String(entry[kind])}\` names a file that does not exist (${d.message.replace(/^cannot read /, '')})`,
            help: 'paths are relative to keycard.yaml',
            location: locate([i, kind]),
          },
        ]);
      }
      throw e;
    }
  });
  finishCollected(state, out);
  aliasUniqueNames(state);
  return {
    pools: out.pools,
    principalTags: out.principalTags,
    userPoolGroups: out.userPoolGroups,
    groupLocations: out.groupLocations,
    roles: out.roles,
    managedPolicies: out.managedPolicies,
    resourcePolicies: out.resourcePolicies,
    organization: out.organization,
    references: state.references,
    unresolved: [...state.unresolved.values()],
    diagnostics: state.diagnostics,
    files: state.files,
    sources: state.sources,
  };
}

/** `${LogicalId}` also names `Stack/LogicalId` when only one stack has that logical id (imports.md §5). */
function aliasUniqueNames(state: ImportState): void {
  const owners = new Map<string, string[]>();
  for (const name of state.references.keys()) {
    const slash = name.lastIndexOf('/');
    if (slash < 0) continue;
    const short = name.slice(slash + 1);
    owners.set(short, [...(owners.get(short) ?? []), name]);
  }
  for (const [short, names] of owners) {
    if (names.length === 1 && !state.references.has(short)) state.references.set(short, state.references.get(names[0]!)!);
  }
}

export type { ImportResult } from './types.js';
