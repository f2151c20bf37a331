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
  const template = readTemplate(file);
  state.files.push(file);
  state.sources.push(`cloudformation ${relative(state.options.dir, file) || file}`);
  const stack = new Stack(state, {
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
export function stackOf(state: ImportState, file: string, opts: { name: string; label: string; parameters: Obj; custom?: CustomResourceModel }): Stack {
  const template = readTemplate(file);
  state.files.push(file);
  return new Stack(state, { template, name: opts.name, label: opts.label, parameters: opts.parameters, seed: relative(state.options.dir, file), customResource: opts.custom });
}
