/**
 * `from: [{cdk: cdk.out, stacks: [AuthStack]}]`: a synthesized cloud assembly. manifest.json lists
 * the stacks (`aws:cloudformation:stack` artifacts) and their template files; nested stacks are
 * found through their `aws:asset:path` metadata, as the CDK writes them.
 */
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Location } from '../diagnostics/diagnostic.js';
import { loadSourceFile } from '../load/source.js';
import { collectStack, type Collected } from './cfn/collect.js';
import { stackOf } from './cloudformation.js';
import type { ImportState } from './types.js';

type Obj = Record<string, unknown>;

export function importCdk(entry: Obj, state: ImportState, out: Collected, at: Location | undefined): void {
  const dir = resolve(state.options.dir, String(entry.cdk));
  const manifestFile = existsSync(dir) && statSync(dir).isDirectory() ? join(dir, 'manifest.json') : dir;
  if (!existsSync(manifestFile)) {
    state.error(
      'import_cdk_manifest',
      `\`${String(entry.cdk)}\` has no manifest.json`,
      at,
      'name the cloud assembly folder `cdk synth` writes (cdk.out)',
    );
    return;
  }
  const manifest = loadSourceFile(manifestFile);
  state.files.push(manifestFile);
  state.sources.push(`cdk ${relative(state.options.dir, dir) || dir}`);
  const artifacts = ((manifest.value as Obj).artifacts as Record<string, Obj> | undefined) ?? {};
  const wanted = Array.isArray(entry.stacks) ? (entry.stacks as string[]) : undefined;
  const stacks = Object.entries(artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack');
  for (const [id, a] of stacks) {
    const props = (a.properties as Obj | undefined) ?? {};
    const name = typeof props.stackName === 'string' ? props.stackName : id;
    if (wanted && !wanted.includes(id) && !wanted.includes(name)) continue;
    const file = join(resolve(manifestFile, '..'), String(props.templateFile));
    if (!existsSync(file)) {
      state.error(
        'import_cdk_template',
        `the stack \`${name}\` names \`${String(props.templateFile)}\`, which is absent`,
        at,
        'run `cdk synth` again',
      );
      continue;
    }
    const stack = stackOf(state, file, {
      name,
      label: stacks.length > 1 ? name : '',
      parameters: (props.parameters as Obj | undefined) ?? {},
    });
    collectStack(stack, out);
  }
  if (wanted) {
    for (const w of wanted) {
      if (!stacks.some(([id, a]) => id === w || (a.properties as Obj | undefined)?.stackName === w)) {
        state.error(
          'import_cdk_stack',
          `the cloud assembly has no stack \`${w}\``,
          at,
          `its stacks: ${stacks.map(([id]) => id).join(', ') || 'none'}`,
        );
      }
    }
  }
}
