/**
 * `from: [{cloudformation: template.yaml}]`: a CloudFormation or SAM template, JSON or YAML with
 * short-form tags, with its parameters and its local nested stacks.
 */
import { basename, extname, relative, resolve } from 'node:path';
import type { Location } from '../diagnostics/diagnostic.js';
import { collectStack, type Collected } from './cfn/collect.js';
import { readTemplate } from './cfn/parse.js';
import { Stack, type CustomResourceModel } from './cfn/stack.js';
import { parameterValues } from './parameters.js';
import type { ImportState } from './types.js';

type Obj = Record<string, unknown>;

export function importCloudFormation(entry: Obj, state: ImportState, out: Collected, at: Location | undefined): void {
  const file = resolve(state.options.dir, String(entry.cloudformation));
  let template = readTemplate(file);
  state.files.push(file);
  state.sources.push(`cloudformation ${relative(state.options.dir, file) || file}`);
  // A fragment of Resources only (some projects merge several into one template at build time).
  const fragment = isFragment(template.value);
  if (fragment) {
    const inner = template;
    template = { file, value: { Resources: inner.value }, locate: (path) => inner.locate(path[0] === 'Resources' ? path.slice(1) : path) };
  }
  const stack = new Stack(state, {
    undeclared: fragment
      ? `\`${relative(state.options.dir, file)}\` is a fragment of Resources: the name is declared in another part of the template; give its value under \`values:\``
      : undefined,
    template,
    name: typeof entry.stackName === 'string' ? entry.stackName : basename(file, extname(file)),
    label: typeof entry.label === 'string' ? entry.label : '',
    parameters: parameterValues(state, entry.parameters, state.options.dir, at),
    parameterLocation: at,
    seed: relative(state.options.dir, file),
  });
  collectStack(stack, out);
}

/** Evaluates one template as a stack (used by the sources built on CloudFormation). */
export function stackOf(
  state: ImportState,
  file: string,
  opts: { name: string; label: string; parameters: Obj; custom?: CustomResourceModel },
): Stack {
  const template = readTemplate(file);
  state.files.push(file);
  return new Stack(state, {
    template,
    name: opts.name,
    label: opts.label,
    parameters: opts.parameters,
    seed: relative(state.options.dir, file),
    customResource: opts.custom,
  });
}

/** A template without sections whose top-level entries are resources. */
function isFragment(v: Obj): boolean {
  if (['Resources', 'AWSTemplateFormatVersion', 'Parameters', 'Outputs', 'Transform'].some((k) => k in v)) return false;
  const entries = Object.values(v);
  return entries.length > 0 && entries.every((e) => e !== null && typeof e === 'object' && typeof (e as Obj).Type === 'string');
}
