/**
 * One module folder, evaluated statically and lazily: a name is evaluated when first used
 * (`var.x`, `local.y`, `aws_iam_role.admin`, `module.auth`, `data.aws_iam_policy_document.trust`),
 * once. Every resource instance (`count`, `for_each`) becomes a TfResource with its address, its
 * values in the shape `terraform show -json` prints, and its location. Local modules are read
 * with their inputs; registry and git modules, and data sources keycard does not evaluate, give
 * unresolved values whose help says to pass `terraform show -json` output instead (imports.md §2, §4).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { KeycardInputError, type Location, type Locator } from '../../../diagnostics/diagnostic.js';
import { checkReference, markInputFile } from '../../../load/confine.js';
import { afterApply, withComputed, type TfComputeContext } from '../computed.js';
import type { TfResource } from '../resources.js';
import type { ImportState } from '../../types.js';
import { evalBody, evalValue, META_ARGUMENTS } from './blocks.js';
import { EMPTY_SCOPE, evalTemplate, EvalError, withLocals, type Scope, type Step } from './expressions.js';
import { locateBlock, sourceFile, type SourceFile } from './locate.js';
import { parseHclFile } from './parse.js';
import { policyDocumentJson } from './policy-document.js';
import { convert, parseType } from './types.js';
import { isObj, isWhollyUnknown, type Obj } from './values.js';

export interface Run {
  state: ImportState;
  ctx: TfComputeContext;
  /** The root module's folder: `file()` paths and `path.module` are relative to it, as in Terraform. */
  rootDir: string;
  files: string[];
}

/** A value given to a module's variable (a root `variables:` entry or a module block's argument). */
export interface Input {
  value: () => unknown;
}

interface Block {
  src: SourceFile;
  body: Obj;
  location: Location;
  locate: Locator;
}

/** Data sources keycard evaluates (imports.md §2). */
const EVALUATED_DATA = new Set(['aws_iam_policy_document', 'aws_caller_identity', 'aws_region', 'aws_partition']);
const SHOW_JSON =
  'pass keycard the output of `terraform show -json` (a plan or a state) instead of the folder, or give the value under `values:`';

const first = (v: unknown): Obj | undefined => (Array.isArray(v) ? (v.find(isObj) as Obj | undefined) : isObj(v) ? v : undefined);
const key = (k: unknown): string => (typeof k === 'number' ? `[${k}]` : `[${JSON.stringify(k)}]`);

/** Reads the `.tf` and `.tf.json` files of a folder, in name order. */
export function readFolder(dir: string, run: Run): { src: SourceFile; json: Obj }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.tf(\.json)?$/.test(n) && statSync(join(dir, n)).isFile());
  } catch {
    throw new KeycardInputError([{ code: 'load_file_not_found', severity: 'error', message: `cannot read ${dir}` }]);
  }
  return names.sort().map((n) => {
    const file = join(dir, n);
    const text = readFileSync(file, 'utf8');
    run.files.push(file);
    markInputFile(file);
    return { src: sourceFile(file, text), json: n.endsWith('.json') ? parseJsonFile(file, text) : parseHclFile(file, text) };
  });
}

/** `override.tf`, `main_override.tf` and their `.tf.json` forms (Terraform's naming rule). */
function isOverrideFile(file: string): boolean {
  return /(^|[/\\_])override\.tf(\.json)?$/.test(file);
}

export function parseJsonFile(file: string, text: string): Obj {
  try {
    const v = JSON.parse(text) as unknown;
    if (isObj(v)) return v;
    throw new Error('the file is not a JSON object');
  } catch (e) {
    const pos = /position (\d+)/.exec((e as Error).message);
    const before = pos ? text.slice(0, Number(pos[1])) : '';
    const line = before.split('\n').length;
    throw new KeycardInputError([
      {
        code: 'import_terraform_syntax',
        severity: 'error',
        message: `invalid JSON in Terraform file: ${(e as Error).message}`,
        help: 'fix the syntax; `terraform validate` shows the same error',
        location: { file, line, column: before.length - before.lastIndexOf('\n') },
      },
    ]);
  }
}

export class ModuleEval {
  private readonly variables = new Map<string, Block>();
  private readonly locals = new Map<string, Block & { raw: unknown }>();
  private readonly blocks = new Map<string, Block & { mode: 'managed' | 'data'; type: string; name: string }>();
  private readonly modules = new Map<string, Block>();
  private readonly outputs = new Map<string, Block>();
  private readonly memo = new Map<string, unknown>();
  private readonly busy = new Set<string>();
  /** Resource instances and unknown objects, so that an attribute missing from one is named by address. */
  private readonly owners = new WeakMap<object, { address: string; kind: 'managed' | 'data' | 'missing' | 'remote' }>();
  private readonly instances = new Map<string, TfResource[]>();
  private readonly children = new Map<string, ModuleEval[]>();
  private readonly where: Location[] = [];

  constructor(
    private readonly run: Run,
    readonly dir: string,
    /** `module.auth`, '' at the root. */
    readonly path: string,
    private readonly inputs: Map<string, Input>,
    at: Location | undefined,
    /** The folders of the calling modules: a module that calls itself is refused, as Terraform does. */
    private readonly callers: string[] = [],
  ) {
    if (at) this.where.push(at);
    const files = readFolder(dir, run);
    for (const { src, json } of files) if (!isOverrideFile(src.file)) this.declare(src, json);
    // Terraform reads override files after all others, in name order, and merges each block into the one it overrides.
    for (const { src, json } of files) if (isOverrideFile(src.file)) this.override(src, json);
  }

  private get prefix(): string {
    return this.path ? `${this.path}.` : '';
  }

  private declare(src: SourceFile, json: Obj): void {
    const add = (map: Map<string, Block>, kind: string, labels: string[], body: Obj | undefined) => {
      if (!body) return;
      map.set(labels.join('.'), { src, body, ...locateBlock(src, kind, labels) });
    };
    for (const [name, b] of Object.entries((json.variable as Obj) ?? {})) add(this.variables, 'variable', [name], first(b));
    for (const [name, b] of Object.entries((json.module as Obj) ?? {})) add(this.modules, 'module', [name], first(b));
    for (const [name, b] of Object.entries((json.output as Obj) ?? {})) add(this.outputs, 'output', [name], first(b));
    this.declareLocals(src, json, this.locals);
    for (const mode of ['resource', 'data'] as const) {
      for (const [type, byName] of Object.entries((json[mode] as Obj) ?? {})) {
        for (const [name, b] of Object.entries(isObj(byName) ? byName : {})) {
          const body = first(b);
          if (!body) continue;
          const m = mode === 'resource' ? 'managed' : 'data';
          this.blocks.set(`${m}.${type}.${name}`, { src, body, mode: m, type, name, ...locateBlock(src, mode, [type, name]) });
        }
      }
    }
  }

  private declareLocals(src: SourceFile, json: Obj, into: Map<string, Block & { raw: unknown }>): void {
    for (const locals of Array.isArray(json.locals) ? json.locals : json.locals ? [json.locals] : []) {
      if (!isObj(locals)) continue;
      const { locate } = locateBlock(src, 'locals', []);
      for (const [name, raw] of Object.entries(locals)) {
        const location = locate([name]) ?? { file: src.file, line: 1, column: 1 };
        into.set(name, { src, body: locals, raw, location, locate: () => location });
      }
    }
  }

  /**
   * An override file's blocks, merged into the blocks they name (Terraform's "Override Files"): an
   * argument replaces the original's, a nested block type replaces all the original's blocks of
   * that type, a local replaces the local of that name. An override with no original is an error,
   * as in Terraform; the block is then ignored.
   */
  private override(src: SourceFile, json: Obj): void {
    const merge = (map: Map<string, Block>, kind: string, labels: string[], body: Obj | undefined, id = labels.join('.')) => {
      if (!body) return;
      const over = locateBlock(src, kind, labels);
      const base = map.get(id);
      if (!base) {
        this.run.state.error(
          'import_terraform_override_missing',
          `the override file declares ${kind} \`${labels.join('.')}\`, which no other file of the folder declares`,
          over.location,
          'declare the block in an ordinary file, or remove it from the override file (Terraform refuses it too)',
        );
        return;
      }
      const locate: Locator = (path) =>
        typeof path[0] === 'string' && Object.hasOwn(body, path[0]) ? over.locate(path) : base.locate(path);
      map.set(id, { ...base, body: { ...base.body, ...body }, locate });
    };
    for (const [name, b] of Object.entries((json.variable as Obj) ?? {})) merge(this.variables, 'variable', [name], first(b));
    for (const [name, b] of Object.entries((json.module as Obj) ?? {})) merge(this.modules, 'module', [name], first(b));
    for (const [name, b] of Object.entries((json.output as Obj) ?? {})) merge(this.outputs, 'output', [name], first(b));
    for (const mode of ['resource', 'data'] as const) {
      const m = mode === 'resource' ? 'managed' : 'data';
      for (const [type, byName] of Object.entries((json[mode] as Obj) ?? {})) {
        for (const [name, b] of Object.entries(isObj(byName) ? byName : {}))
          merge(this.blocks as Map<string, Block>, mode, [type, name], first(b), `${m}.${type}.${name}`);
      }
    }
    // Locals are overridden one name at a time, whichever locals block declares them.
    const overrides: typeof this.locals = new Map();
    this.declareLocals(src, json, overrides);
    for (const [name, local] of overrides) {
      if (!this.locals.has(name))
        this.run.state.error(
          'import_terraform_override_missing',
          `the override file declares local \`${name}\`, which no other file of the folder declares`,
          local.location,
          'declare the local in an ordinary file, or remove it from the override file (Terraform refuses it too)',
        );
      else this.locals.set(name, local);
    }
  }

  /** The user gave this value under `values:` (a local or variable the folder lacks, as in a partial copy). */
  private answered(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.run.state.options.values, name);
  }

  private get here(): Location | undefined {
    return this.where[this.where.length - 1];
  }

  /** Evaluates with errors reported at `location` and turned into the unresolved value `name`. */
  private guarded(name: string, location: Location | undefined, evaluate: () => unknown): unknown {
    if (location) this.where.push(location);
    try {
      return evaluate();
    } catch (e) {
      // An expression keycard cannot evaluate (TypeError: a value of an unexpected shape) is reported like Terraform's errors, never a stack trace.
      if (!(e instanceof EvalError || e instanceof TypeError || e instanceof RangeError)) throw e;
      const help =
        e instanceof EvalError
          ? e.help
          : 'give the value under `values:` in keycard.yaml, or pass keycard the `terraform show -json` output';
      this.run.state.error(
        'import_terraform_expression',
        e instanceof EvalError ? e.message : `keycard cannot evaluate this expression: ${e.message}`,
        this.here,
        help,
      );
      return this.run.state.unresolvedValue(name, this.here, help);
    } finally {
      if (location) this.where.pop();
    }
  }

  /** Evaluates a named thing once; a name that needs itself is an error. */
  private once(id: string, evaluate: () => unknown): unknown {
    if (this.memo.has(id)) return this.memo.get(id);
    if (this.busy.has(id)) throw new EvalError(`\`${this.prefix}${id}\` refers to itself`, 'break the cycle between these values');
    this.busy.add(id);
    try {
      const v = evaluate();
      this.memo.set(id, v);
      return v;
    } finally {
      this.busy.delete(id);
    }
  }

  scope(extra: Obj = {}): Scope {
    const scope: Scope = {
      resolve: (steps) => this.resolve(steps, extra),
      fn: {
        readFile: (p) => this.readFile(p),
        renderTemplate: (text, vars) => evalTemplate(text, withLocals({ ...EMPTY_SCOPE, fn: scope.fn }, vars)),
      },
      missing: (obj, name) => this.missing(obj, name),
    };
    return scope;
  }

  private resolve(steps: Step[], extra: Obj): { value: unknown; used: number } {
    const names = steps.map((s) => ('name' in s ? s.name : undefined));
    const [root, a, b] = names;
    switch (root) {
      case 'var':
        return { value: this.variable(String(a)), used: 2 };
      case 'local':
        return { value: this.local(String(a)), used: 2 };
      case 'count':
      case 'each':
        if (!(root in extra))
          throw new EvalError(`\`${root}\` is only defined in a block with \`${root === 'count' ? 'count' : 'for_each'}\``);
        return { value: extra[root], used: 1 };
      case 'path':
        return { value: a === 'module' ? relative(this.run.rootDir, this.dir) || '.' : '.', used: 2 };
      case 'terraform':
        return { value: 'default', used: 2 };
      case 'module':
        return { value: this.module(String(a)), used: 2 };
      case 'data':
        return { value: this.resource('data', String(a), String(b)), used: 3 };
      case 'self':
        throw new EvalError('`self` is only defined in provisioners, which keycard does not read');
    }
    if (root === undefined || a === undefined) throw new EvalError(`\`${root ?? '?'}\` names nothing in this module`);
    return { value: this.resource('managed', root, a), used: 2 };
  }

  private missing(obj: Obj, name: string): unknown {
    const owner = this.owners.get(obj);
    if (!owner) throw new EvalError(`the object has no attribute \`${name}\``);
    if (owner.kind === 'managed') return afterApply(owner.address, name, this.run.ctx, this.here);
    const help =
      owner.kind === 'missing'
        ? `this folder declares no \`${owner.address}\`: give \`values: {"${owner.address}.${name}": ...}\`, or ${SHOW_JSON}`
        : owner.kind === 'remote'
          ? `\`${owner.address}\` is a registry or git module, which keycard does not fetch: ${SHOW_JSON}`
          : `keycard does not evaluate the data source \`${owner.address}\`: ${SHOW_JSON}`;
    return this.run.state.unresolvedValue(`${owner.address}.${name}`, this.here, help);
  }

  private unknownObject(address: string, kind: 'missing' | 'remote' | 'data'): Obj {
    const o: Obj = {};
    this.owners.set(o, { address, kind });
    return o;
  }

  private readFile(p: string): string | undefined {
    const file = resolve(this.run.rootDir, p);
    const referrer = this.here?.file ?? join(this.dir, 'main.tf');
    checkReference(file, referrer, this.here, 'the file');
    if (!existsSync(file) || !statSync(file).isFile())
      return this.run.state.unresolvedValue(
        `file(${p})`,
        this.here,
        `\`${p}\` is not in the repository: add it, or give its content under \`values:\``,
      ) as string;
    this.run.files.push(file);
    return readFileSync(file, 'utf8');
  }

  // --- variables and locals -------------------------------------------------------------------

  variable(name: string): unknown {
    const decl = this.variables.get(name);
    const input = this.inputs.get(name);
    const id = `${this.prefix}var.${name}`;
    return this.once(`var.${name}`, () => {
      if (!decl && !input) {
        if (this.answered(id)) return this.run.state.unresolvedValue(id, this.here, '');
        const help = `declare \`variable "${name}"\`${this.path ? '' : `, or give it with \`variables: {${name}: ...}\``}`;
        this.run.state.error('import_terraform_undeclared', `\`var.${name}\` is not declared`, this.here, help);
        return this.run.state.unresolvedValue(id, this.here, help);
      }
      return this.guarded(id, decl?.location, () => {
        let value: unknown;
        if (input) value = input.value();
        else if (decl && 'default' in decl.body) value = evalValue(decl.body.default, EMPTY_SCOPE);
        else
          return this.run.state.unresolvedValue(
            id,
            decl?.location,
            this.path
              ? `the module block does not give \`${name}\``
              : `give it with \`variables: {${name}: ...}\`, a \`.tfvars\` file or \`varFiles:\``,
          );
        return decl ? convert(value, parseType(decl.body.type), `var.${name}`) : value;
      });
    });
  }

  local(name: string): unknown {
    const decl = this.locals.get(name);
    const id = `${this.prefix}local.${name}`;
    if (!decl) {
      if (this.answered(id)) return this.run.state.unresolvedValue(id, this.here, '');
      const help = `declare \`${name}\` in a \`locals\` block`;
      this.run.state.error('import_terraform_undeclared', `\`local.${name}\` is not declared`, this.here, help);
      return this.run.state.unresolvedValue(id, this.here, help);
    }
    return this.once(`local.${name}`, () => this.guarded(id, decl.location, () => evalValue(decl.raw, this.scope())));
  }

  // --- resources and data sources -------------------------------------------------------------

  /** The value a reference to the block gives: an instance, or a list (`count`) or map (`for_each`) of them. */
  resource(mode: 'managed' | 'data', type: string, name: string): unknown {
    const id = `${mode}.${type}.${name}`;
    const base = `${this.prefix}${mode === 'data' ? 'data.' : ''}${type}.${name}`;
    const block = this.blocks.get(id);
    if (!block) return this.unknownObject(base, 'missing');
    return this.once(id, () => {
      const list: TfResource[] = [];
      this.instances.set(id, list);
      const expansion = this.expand(block, base);
      if (expansion === undefined) return this.instance(block, base, undefined, this.scope(), list);
      if (typeof expansion === 'string') return expansion;
      if (Array.isArray(expansion))
        return expansion.map((_x, i) => this.instance(block, `${base}[${i}]`, i, this.scope({ count: { index: i } }), list));
      const out: Obj = {};
      for (const [k, v] of Object.entries(expansion))
        out[k] = this.instance(block, `${base}${key(k)}`, k, this.scope({ each: { key: k, value: v } }), list);
      return out;
    });
  }

  /** `count` → a list of that length, `for_each` → its map; undefined for one instance, a string when unknown. */
  private expand(block: Block, base: string): unknown[] | Obj | string | undefined {
    const { body } = block;
    if (body.count !== undefined) {
      const n = this.guarded(`${base}.count`, block.locate(['count']), () => evalValue(body.count, this.scope()));
      if (isWhollyUnknown(n)) return n;
      if (typeof n !== 'number' || n < 0 || !Number.isInteger(n)) {
        return this.guarded(`${base}.count`, block.locate(['count']), () => {
          throw new EvalError(`\`count\` must be a whole number, not ${JSON.stringify(n)}`);
        }) as string;
      }
      return Array.from({ length: n }, (_x, i) => i);
    }
    if (body.for_each !== undefined) {
      const v = this.guarded(`${base}.for_each`, block.locate(['for_each']), () => evalValue(body.for_each, this.scope()));
      if (isWhollyUnknown(v)) return v;
      if (Array.isArray(v)) return Object.fromEntries(v.map((x) => [String(x), x]));
      if (isObj(v)) return v;
      return this.guarded(`${base}.for_each`, block.locate(['for_each']), () => {
        throw new EvalError('`for_each` must be a map or a set of strings');
      }) as string;
    }
    return undefined;
  }

  private instance(
    block: Block & { mode: 'managed' | 'data'; type: string; name: string },
    address: string,
    index: string | number | undefined,
    scope: Scope,
    list: TfResource[],
  ): unknown {
    const { mode, type } = block;
    const guard = (path: (string | number)[], evaluate: () => unknown) =>
      this.guarded(`${address}.${path.join('.')}`, block.locate(path), evaluate);
    if (mode === 'data' && !EVALUATED_DATA.has(type)) {
      // Its arguments are known; what it reads from AWS is not (missing() names each attribute used).
      const args = evalBody(block.body, scope, guard);
      this.owners.set(args, { address, kind: 'data' });
      return args;
    }
    let values = evalBody(block.body, scope, guard);
    if (type === 'aws_iam_policy_document') {
      const json = policyDocumentJson(values);
      values = { ...values, json, id: String(parseInt(createHash('sha256').update(json).digest('hex').slice(0, 8), 16)) };
    } else values = withComputed(type, address, values, this.run.ctx);
    this.owners.set(values, { address, kind: mode === 'managed' ? 'managed' : 'data' });
    list.push({
      address,
      mode,
      type,
      name: block.name,
      module: this.path,
      ...(index !== undefined ? { index } : {}),
      values,
      location: block.location,
      locate: block.locate,
    });
    return values;
  }

  // --- modules and outputs --------------------------------------------------------------------

  module(name: string): unknown {
    const block = this.modules.get(name);
    const base = `${this.prefix}module.${name}`;
    if (!block) return this.unknownObject(base, 'missing');
    return this.once(`module.${name}`, () => {
      const source = this.guarded(`${base}.source`, block.locate(['source']), () => evalValue(block.body.source, this.scope()));
      if (typeof source !== 'string' || !/^\.\.?([\\/]|$)/.test(source)) {
        this.run.state.unresolvedValue(
          base,
          block.location,
          `\`source = ${JSON.stringify(source)}\` is a registry or git module, which keycard does not fetch: ${SHOW_JSON}`,
        );
        return this.unknownObject(base, 'remote');
      }
      const dir = resolve(this.dir, source);
      checkReference(dir, block.src.file, block.locate(['source']), 'the module source');
      if ([...this.callers, this.dir].includes(dir))
        return this.guarded(base, block.locate(['source']), () => {
          throw new EvalError(
            `\`${base}\` calls a module that calls it (\`${source}\`)`,
            'Terraform refuses module cycles: remove the cycle',
          );
        });
      const children: ModuleEval[] = [];
      this.children.set(name, children);
      const make = (path: string, scope: Scope) => {
        const inputs = new Map<string, Input>();
        for (const [arg, raw] of Object.entries(block.body)) {
          if (META_ARGUMENTS.has(arg)) continue;
          inputs.set(arg, { value: () => this.guarded(`${path}.var.${arg}`, block.locate([arg]), () => evalValue(raw, scope)) });
        }
        const child = new ModuleEval(this.run, dir, path, inputs, block.location, [...this.callers, this.dir]);
        children.push(child);
        return child.outputsObject();
      };
      const expansion = this.expand(block, base);
      if (expansion === undefined) return make(base, this.scope());
      if (typeof expansion === 'string') return expansion;
      if (Array.isArray(expansion)) return expansion.map((_x, i) => make(`${base}[${i}]`, this.scope({ count: { index: i } })));
      return Object.fromEntries(
        Object.entries(expansion).map(([k, v]) => [k, make(`${base}${key(k)}`, this.scope({ each: { key: k, value: v } }))]),
      );
    });
  }

  output(name: string): unknown {
    const block = this.outputs.get(name)!;
    return this.once(`output.${name}`, () =>
      this.guarded(`${this.path || 'output'}.${name}`, block.locate(['value']), () => evalValue(block.body.value, this.scope())),
    );
  }

  /** The module's outputs, as `module.NAME` gives them to its caller. */
  outputsObject(): Obj {
    const out: Obj = {};
    for (const name of this.outputs.keys()) out[name] = this.output(name);
    this.owners.set(out, { address: this.path, kind: 'missing' });
    return out;
  }

  /** Evaluates everything declared (errors included) and lists every instance, in declaration order. */
  resources(): TfResource[] {
    for (const name of this.locals.keys()) this.local(name);
    for (const id of this.blocks.keys()) {
      const b = this.blocks.get(id)!;
      this.resource(b.mode, b.type, b.name);
    }
    for (const name of this.modules.keys()) this.module(name);
    if (!this.path) for (const name of this.outputs.keys()) this.output(name);
    const out: TfResource[] = [];
    for (const id of this.blocks.keys()) out.push(...(this.instances.get(id) ?? []));
    for (const name of this.modules.keys()) for (const child of this.children.get(name) ?? []) out.push(...child.resources());
    return out;
  }

  declaredVariables(): string[] {
    return [...this.variables.keys()];
  }
}
