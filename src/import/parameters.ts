/**
 * Parameter values for a stack: inline (`parameters: {Stage: prod}`) or a file in one of the
 * shapes people keep them in: the AWS CLI's `[{ParameterKey, ParameterValue}]`,
 * `{Parameters: {...}}` (CodePipeline, `cdk deploy --parameters` files), or a flat map (Amplify's
 * parameters.json).
 */
import { resolve } from 'node:path';
import type { Location } from '../diagnostics/diagnostic.js';
import { loadSourceFile } from '../load/source.js';
import type { ImportState } from './types.js';

type Obj = Record<string, unknown>;

export function parameterValues(state: ImportState, given: unknown, dir: string, at: Location | undefined): Record<string, unknown> {
  if (given === undefined) return {};
  if (typeof given === 'string') {
    const file = resolve(dir, given);
    const src = loadSourceFile(file);
    state.files.push(file);
    return parameterShape(state, src.value, { file, line: 1, column: 1 });
  }
  return parameterShape(state, given, at);
}

export function parameterShape(state: ImportState, v: unknown, at: Location | undefined): Record<string, unknown> {
  if (Array.isArray(v)) {
    const out: Obj = {};
    for (const item of v as Obj[]) if (item && typeof item.ParameterKey === 'string') out[item.ParameterKey] = item.ParameterValue;
    return out;
  }
  if (v !== null && typeof v === 'object') {
    const o = v as Obj;
    if (o.Parameters && typeof o.Parameters === 'object' && !Array.isArray(o.Parameters)) return o.Parameters as Obj;
    return o;
  }
  state.error(
    'import_parameters',
    'parameters must be a map, a list of {ParameterKey, ParameterValue}, or a path to a file holding one',
    at,
    'write `parameters: {Name: value}`',
  );
  return {};
}
