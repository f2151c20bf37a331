/**
 * `from: [{serverless: serverless.yml, stage: prod}]`: a Serverless Framework service. Its
 * `resources:` are CloudFormation (inline, or `${file(...)}` fragments), after the framework's
 * variables (`${self:}`, `${opt:}`, `${sls:}`, `${file()}`, `${env:}`); `provider.iam` gives the
 * functions' role, and functions with `http` events give `ApiGatewayRestApi`, as the framework
 * generates them.
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Location, Locator, PathKey } from '../diagnostics/diagnostic.js';
import { checkReference } from '../load/confine.js';
import { fixedLocator } from '../load/source.js';
import { collectStack, type Collected } from './cfn/collect.js';
import { readTemplate, type Template } from './cfn/parse.js';
import { cfnString, Stack } from './cfn/stack.js';
import type { ImportState } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const VAR = /\$\{((?:[^{}]|\{[^{}]*\})*)\}/g;

interface Ctx {
  state: ImportState;
  file: string;
  config: Obj;
  stage: string;
  region: string;
  options: Obj;
  locate: Locator;
  depth: number;
}

export function importServerless(entry: Obj, state: ImportState, out: Collected, at: Location | undefined): void {
  const file = resolve(state.options.dir, String(entry.serverless));
  const main = readTemplate(file);
  state.files.push(file);
  state.sources.push(`serverless ${relative(state.options.dir, file) || file}`);
  const raw = main.value;
  const provider = isObj(raw.provider) ? raw.provider : {};
  const options = isObj(entry.options) ? entry.options : {};
  const ctx: Ctx = { state, file, config: raw, stage: '', region: state.options.region, options, locate: main.locate, depth: 0 };
  ctx.stage =
    typeof entry.stage === 'string' ? entry.stage : cfnString(resolveVars(ctx, provider.stage ?? 'dev', ['provider', 'stage']) ?? 'dev');
  const service = cfnString(resolveVars(ctx, isObj(raw.service) ? raw.service.name : raw.service, ['service']));

  // Fragments of `resources:`: one map, or a list of maps and `${file(...)}` entries.
  const resources = raw.resources;
  const fragments: { value: Obj; locate: Locator; prefix: PathKey[] }[] = [];
  const addFragment = (v: unknown, path: PathKey[]) => {
    const text = typeof v === 'string' ? v : undefined;
    const fileRef = text ? /^\$\{file\(([^)]+)\)(?::([\w.]+))?\}$/.exec(text.trim()) : null;
    if (fileRef) {
      const f = resolve(dirname(file), fileRef[1]!.trim().replace(/^['"]|['"]$/g, ''));
      if (!existsSync(f)) {
        state.unresolvedValue(
          `file(${fileRef[1]!.trim()})`,
          main.locate(path),
          `\`${fileRef[1]}\` is not in the repository: add it, or give what its resources decide under \`values:\``,
        );
        return;
      }
      checkReference(f, file, main.locate(path), 'the file');
      const t = readTemplate(f);
      state.files.push(f);
      let value: unknown = t.value;
      const keyPath = fileRef[2] ? fileRef[2].split('.') : [];
      for (const k of keyPath) value = isObj(value) ? value[k] : undefined;
      if (isObj(value))
        fragments.push({
          value: resolveVars({ ...ctx, file: f, locate: t.locate }, value, keyPath) as Obj,
          locate: t.locate,
          prefix: keyPath,
        });
      return;
    }
    if (isObj(v)) fragments.push({ value: resolveVars(ctx, v, path) as Obj, locate: main.locate, prefix: path });
  };
  if (Array.isArray(resources)) resources.forEach((r, i) => addFragment(r, ['resources', i]));
  else if (resources !== undefined) addFragment(resources, ['resources']);

  // The merged template, each section's entries located in the fragment that declares them.
  const merged: Obj = { Resources: {}, Outputs: {}, Conditions: {}, Mappings: {}, Parameters: {} };
  const owners = new Map<string, { locate: Locator; prefix: PathKey[] }>();
  for (const f of fragments) {
    for (const section of Object.keys(merged)) {
      const entries = f.value[section];
      if (!isObj(entries)) continue;
      for (const [id, val] of Object.entries(entries)) {
        (merged[section] as Obj)[id] = val;
        owners.set(`${section}/${id}`, { locate: f.locate, prefix: f.prefix });
      }
    }
  }
  const generated = frameworkResources(ctx, service, provider);
  for (const [id, g] of Object.entries(generated)) {
    if ((merged.Resources as Obj)[id] === undefined) {
      (merged.Resources as Obj)[id] = g.resource;
      owners.set(`Resources/${id}`, { locate: fixedLocator(main.locate(g.path), file), prefix: [] });
    }
  }
  const locate: Locator = (path) => {
    const owner = owners.get(`${String(path[0])}/${String(path[1])}`);
    return owner ? owner.locate([...owner.prefix, ...path]) : main.locate(['resources']);
  };
  const template: Template = { file, value: merged, locate };
  const missing = [...state.unresolved.keys()].filter((k) => k.startsWith('file('));
  const undeclared = missing.length
    ? `not declared in the files present; ${missing.join(', ')} may declare it: add the file, or give the value under \`values:\``
    : undefined;
  const stack = new Stack(state, {
    template,
    name: `${service}-${ctx.stage}`,
    label: '',
    parameters: {},
    parameterLocation: at,
    seed: relative(state.options.dir, file),
    undeclared,
  });
  collectStack(stack, out);
}

/** Resources the framework adds to the stack that `resources:` may refer to. */
function frameworkResources(ctx: Ctx, service: string, provider: Obj): Record<string, { resource: Obj; path: PathKey[] }> {
  const out: Record<string, { resource: Obj; path: PathKey[] }> = {};
  const iam = isObj(provider.iam) && isObj(provider.iam.role) ? provider.iam.role : undefined;
  const statements = iam?.statements ?? provider.iamRoleStatements;
  const path: PathKey[] = iam ? ['provider', 'iam', 'role', 'statements'] : ['provider', 'iamRoleStatements'];
  if (Array.isArray(statements) || typeof provider.iam === 'object' || provider.iamRoleStatements !== undefined) {
    out.IamRoleLambdaExecution = {
      path,
      resource: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: `${service}-${ctx.stage}-${ctx.region}-lambdaRole`,
          Path: '/',
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
          },
          Policies: [
            {
              PolicyName: `${service}-${ctx.stage}-lambda`,
              PolicyDocument: { Version: '2012-10-17', Statement: resolveVars(ctx, Array.isArray(statements) ? statements : [], path) },
            },
          ],
          ...(iam?.managedPolicies !== undefined
            ? { ManagedPolicyArns: resolveVars(ctx, iam.managedPolicies, ['provider', 'iam', 'role', 'managedPolicies']) }
            : {}),
        },
      },
    };
  }
  const functions = isObj(ctx.config.functions) ? ctx.config.functions : {};
  const http = Object.values(functions).some(
    (f) => isObj(f) && Array.isArray(f.events) && f.events.some((e) => isObj(e) && e.http !== undefined),
  );
  if (http)
    out.ApiGatewayRestApi = {
      path: ['functions'],
      resource: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: `${ctx.stage}-${service}` } },
    };
  return out;
}

/** Resolves the framework's variables inside a value (strings, lists, maps). */
function resolveVars(ctx: Ctx, v: unknown, path: PathKey[]): unknown {
  if (typeof v === 'string') return resolveString(ctx, v, path);
  if (Array.isArray(v)) return v.map((x, i) => resolveVars(ctx, x, [...path, i]));
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveVars(ctx, x, [...path, k])]));
  return v;
}

function resolveString(ctx: Ctx, s: string, path: PathKey[]): unknown {
  if (!s.includes('${')) return s;
  const whole = /^\$\{((?:[^{}]|\{[^{}]*\})*)\}$/.exec(s);
  if (whole) {
    const r = variable(ctx, whole[1]!, path);
    return r === undefined ? s : r;
  }
  return s.replace(VAR, (m, inner: string) => {
    const r = variable(ctx, inner, path);
    return r === undefined ? m : cfnString(r);
  });
}

/** One `${...}`: alternatives separated by commas, the first that gives a value wins. */
function variable(ctx: Ctx, inner: string, path: PathKey[]): unknown {
  if (ctx.depth > 20) return undefined;
  const alternatives = splitTop(inner);
  let known = false;
  for (const alt of alternatives) {
    const a = alt.trim();
    const r = source(ctx, a, path);
    if (r.known) known = true;
    if (r.value !== undefined && r.value !== null) return r.value;
  }
  if (!known) return undefined; // not a framework variable (e.g. an IAM policy variable): leave the text
  const first = alternatives[0]!.trim();
  return ctx.state.unresolvedValue(
    first,
    ctx.locate(path),
    `the Serverless variable \`\${${first}}\` has no value in the repository: give it under \`values:\` (or \`stage:\` / \`options:\` on the source)`,
  );
}

function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const c of s) {
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

function source(ctx: Ctx, a: string, path: PathKey[]): { known: boolean; value?: unknown } {
  const nested = { ...ctx, depth: ctx.depth + 1 };
  const lit = /^(['"])(.*)\1$/.exec(a);
  if (lit) return { known: true, value: lit[2] };
  if (/^-?\d+(\.\d+)?$/.test(a)) return { known: true, value: Number(a) };
  const m = /^(\w+)(?:\(([^)]*)\))?:?(.*)$/.exec(a);
  if (!m) return { known: false };
  const [, kind, arg, rest] = m;
  switch (kind) {
    case 'self': {
      let v: unknown = ctx.config;
      for (const k of rest!.split('.').filter(Boolean)) v = isObj(v) ? v[k] : undefined;
      return { known: true, value: v === undefined ? undefined : resolveVars(nested, v, path) };
    }
    case 'opt':
      if (rest === 'stage') return { known: true, value: ctx.options.stage ?? (ctx.stage || undefined) };
      if (rest === 'region') return { known: true, value: ctx.options.region ?? ctx.region };
      return { known: true, value: ctx.options[rest!] };
    case 'sls':
      if (rest === 'stage') return { known: true, value: ctx.stage };
      return { known: true };
    case 'aws':
      if (rest === 'accountId') return { known: true, value: ctx.state.options.account };
      if (rest === 'region') return { known: true, value: ctx.region };
      return { known: false };
    case 'env':
      return {
        known: true,
        value: Object.prototype.hasOwnProperty.call(ctx.state.options.values, `env:${rest}`)
          ? ctx.state.options.values[`env:${rest}`]
          : undefined,
      };
    case 'file': {
      const f = resolve(
        dirname(ctx.file),
        String(arg)
          .trim()
          .replace(/^['"]|['"]$/g, ''),
      );
      if (!existsSync(f)) return { known: true };
      checkReference(f, ctx.file, undefined, 'the file');
      const t = readTemplate(f);
      ctx.state.files.push(f);
      let v: unknown = t.value;
      for (const k of rest!.split('.').filter(Boolean)) v = isObj(v) ? v[k] : undefined;
      return { known: true, value: resolveVars({ ...nested, file: f, locate: t.locate }, v, []) };
    }
    case 'cf':
    case 'ssm':
    case 's3':
      return { known: true, value: ctx.state.options.values[`${kind}:${rest}`] };
  }
  return { known: false };
}
