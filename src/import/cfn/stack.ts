/**
 * The CloudFormation evaluator: one template with its parameters, as CloudFormation would deploy
 * it. Intrinsics are evaluated lazily (an `Fn::If` evaluates only its chosen branch), names that
 * exist only after deploy become placeholders, and values no file gives become unresolved markers
 * (imports.md §2–§4). Nested stacks with a local template are evaluated as child stacks.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Location, PathKey } from '../../diagnostics/diagnostic.js';
import { checkReference } from '../../load/confine.js';
import { deriveRoleId } from '../../load/project.js';
import { isUnresolved, unresolvedMarker, unresolvedNamesIn } from '../../model/unresolved.js';
import * as ph from '../placeholders.js';
import type { ImportState } from '../types.js';
import { readTemplate, type Template } from './parse.js';

type Obj = Record<string, unknown>;

/** `AWS::NoValue`: removes the property or list item that holds it. */
export const NO_VALUE = Symbol('AWS::NoValue');

/** A condition's value: true, false, or unknown because it depends on unresolved values. */
export type Cond = boolean | { unknown: string[] };

/** A hook for custom resources whose effect is fixed (Amplify's): returns its attributes. */
export type CustomResourceModel = (stack: Stack, logicalId: string, resource: Obj) => Record<string, unknown> | undefined;

export interface StackOptions {
  template: Template;
  /** AWS::StackName. */
  name: string;
  /** '' for a source's root stack; `Parent/Child` names a nested one in `${Stack/LogicalId}`. */
  label: string;
  /** Parameter values given (parameters:, a parent stack, Amplify wiring). */
  parameters: Record<string, unknown>;
  /** Where each given parameter comes from (for messages). */
  parameterLocation?: Location;
  /** Seeds placeholders, so two sources never share one. */
  seed: string;
  customResource?: CustomResourceModel;
  /**
   * Some declarations may live in files the repository lacks (a Serverless `${file()}` fragment):
   * then a Ref or GetAtt of an undeclared name is an unresolved value with this help, not an error.
   */
  undeclared?: string;
}

const PSEUDO = [
  'AWS::AccountId',
  'AWS::Region',
  'AWS::Partition',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::URLSuffix',
  'AWS::NotificationARNs',
  'AWS::NoValue',
];

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** CloudFormation's string form of a scalar (`Fn::Equals` compares these). */
export function cfnString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(cfnString).join(',');
  return JSON.stringify(v);
}

export class Stack {
  readonly resources: Record<string, Obj>;
  readonly children = new Map<string, Stack | null>();
  private readonly params = new Map<string, unknown>();
  private readonly condCache = new Map<string, Cond>();
  private readonly refCache = new Map<string, unknown>();
  private readonly propCache = new Map<string, Obj>();
  private readonly busy = new Set<string>();
  /** ARNs made up from the resource type alone (no format known for it): lints do not judge their shape. */
  private readonly guessedArns = new Set<string>();

  constructor(
    readonly state: ImportState,
    readonly opts: StackOptions,
  ) {
    const t = opts.template.value;
    this.resources = isObj(t.Resources) ? (t.Resources as Record<string, Obj>) : {};
    if (!isObj(t.Resources))
      state.warn(
        'import_no_resources',
        `\`${opts.template.file}\` has no \`Resources\``,
        this.loc([]),
        'a CloudFormation template declares its resources under `Resources`',
      );
  }

  get file(): string {
    return this.opts.template.file;
  }

  get template(): Obj {
    return this.opts.template.value;
  }

  loc(path: readonly PathKey[]): Location | undefined {
    return this.opts.template.locate(path);
  }

  /** `Stack/LogicalId` for a nested stack's names, the bare id for a root stack's. */
  qualified(id: string): string {
    return this.opts.label ? `${this.opts.label}/${id}` : id;
  }

  private seed(id: string): string {
    return `${this.opts.seed}\n${this.opts.label}\n${id}`;
  }

  // -------------------------------------------------------------------------------------------
  // Parameters and conditions

  parameter(name: string, path: readonly PathKey[]): unknown {
    if (this.params.has(name)) return this.params.get(name);
    const decl = (this.template.Parameters as Record<string, Obj> | undefined)?.[name];
    let value: unknown;
    const type = String(decl?.Type ?? 'String');
    const given = Object.prototype.hasOwnProperty.call(this.opts.parameters, name);
    if (type.startsWith('AWS::SSM::Parameter::Value<')) {
      const ssmName = cfnString(given ? this.opts.parameters[name] : decl?.Default);
      value = this.state.unresolvedValue(
        `ssm:${ssmName}`,
        this.loc(['Parameters', name]),
        `give the SSM parameter's value: \`values: {"ssm:${ssmName}": ...}\``,
      );
    } else if (given) value = this.opts.parameters[name];
    else if (decl && decl.Default !== undefined) value = decl.Default;
    else {
      value = this.state.unresolvedValue(
        this.qualified(name),
        this.loc(['Parameters', name]) ?? this.loc(path),
        `give the parameter: \`parameters: {${name}: ...}\` under the source in keycard.yaml`,
      );
    }
    if ((type.startsWith('List<') || type === 'CommaDelimitedList') && !Array.isArray(value)) {
      value =
        typeof value === 'string' && !isUnresolved(value)
          ? value.split(',').map((s) => (type === 'CommaDelimitedList' ? s.trim() : s.trim()))
          : value;
    } else if (!type.startsWith('List<') && type !== 'CommaDelimitedList' && Array.isArray(value)) {
      value = value.map(cfnString).join(',');
    } else if (typeof value === 'number' || typeof value === 'boolean') value = String(value);
    this.params.set(name, value);
    return value;
  }

  hasParameter(name: string): boolean {
    return isObj(this.template.Parameters) && Object.prototype.hasOwnProperty.call(this.template.Parameters, name);
  }

  condition(name: string, path: readonly PathKey[]): Cond {
    const cached = this.condCache.get(name);
    if (cached !== undefined) return cached;
    const conds = this.template.Conditions as Obj | undefined;
    if ((!conds || !Object.prototype.hasOwnProperty.call(conds, name)) && this.opts.undeclared) {
      const marker = this.state.unresolvedValue(this.qualified(`Condition:${name}`), this.loc(path), this.opts.undeclared);
      return typeof marker === 'boolean'
        ? marker
        : marker === 'true'
          ? true
          : marker === 'false'
            ? false
            : { unknown: [this.qualified(`Condition:${name}`)] };
    }
    if (!conds || !Object.prototype.hasOwnProperty.call(conds, name)) {
      this.state.error(
        'import_unknown_condition',
        `condition \`${name}\` is not declared`,
        this.loc(path),
        'declare it under `Conditions`',
      );
      return { unknown: [this.qualified(`Condition:${name}`)] };
    }
    if (this.busy.has(`cond:${name}`)) {
      this.state.error('import_cycle', `condition \`${name}\` depends on itself`, this.loc(['Conditions', name]), 'break the cycle');
      return { unknown: [this.qualified(`Condition:${name}`)] };
    }
    this.busy.add(`cond:${name}`);
    const c = this.evalCondition(conds[name], ['Conditions', name]);
    this.busy.delete(`cond:${name}`);
    this.condCache.set(name, c);
    return c;
  }

  /** A condition function (Fn::Equals, And, Or, Not, Condition) to a Cond. */
  evalCondition(v: unknown, path: PathKey[]): Cond {
    if (isObj(v) && Object.keys(v).length === 1) {
      const [k, arg] = Object.entries(v)[0]!;
      const at = [...path, k];
      const list = (): unknown[] => (Array.isArray(arg) ? arg : []);
      switch (k) {
        case 'Condition':
          return this.condition(String(arg), at);
        case 'Fn::Equals': {
          const [a, b] = list().map((x, i) => this.eval(x, [...at, i]));
          const names = unresolvedNamesIn([a, b]);
          if (names.size) return { unknown: [...names] };
          return cfnString(a) === cfnString(b);
        }
        case 'Fn::Not': {
          const c = this.evalCondition(list()[0], [...at, 0]);
          return typeof c === 'boolean' ? !c : c;
        }
        case 'Fn::And':
        case 'Fn::Or': {
          const want = k === 'Fn::Or';
          const unknown: string[] = [];
          for (const [i, x] of list().entries()) {
            const c = this.evalCondition(x, [...at, i]);
            if (c === want) return want;
            if (typeof c !== 'boolean') unknown.push(...c.unknown);
          }
          return unknown.length ? { unknown } : !want;
        }
      }
    }
    const value = this.eval(v, path);
    if (typeof value === 'string' && isUnresolved(value)) return { unknown: [...unresolvedNamesIn(value)] };
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    this.state.error(
      'import_bad_condition',
      'a condition must be `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` or `Condition`',
      this.loc(path),
      'fix the condition',
    );
    return { unknown: [this.qualified('Condition')] };
  }

  /** Whether a resource exists: its `Condition`, or true. */
  included(id: string): Cond {
    const c = this.resources[id]?.Condition;
    return typeof c === 'string' ? this.condition(c, ['Resources', id, 'Condition']) : true;
  }

  // -------------------------------------------------------------------------------------------
  // Evaluation

  /** Evaluates a template value: intrinsics applied, `AWS::NoValue` removed (may return NO_VALUE). */
  eval(v: unknown, path: PathKey[]): unknown {
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      v.forEach((x, i) => {
        const r = this.eval(x, [...path, i]);
        if (r !== NO_VALUE) out.push(r);
      });
      return out;
    }
    if (!isObj(v)) return v;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const k = keys[0]!;
      if (k === 'Ref' || k.startsWith('Fn::') || (k === 'Condition' && typeof v[k] === 'string'))
        return this.intrinsic(k, v[k], [...path, k]);
    }
    const out: Obj = {};
    for (const k of keys) {
      const r = this.eval(v[k], [...path, k]);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  /** Evaluates to a string, reporting a non-string. */
  evalString(v: unknown, path: PathKey[]): string {
    const r = this.eval(v, path);
    if (typeof r === 'string') return r;
    if (typeof r === 'number' || typeof r === 'boolean') return String(r);
    if (r === NO_VALUE) return '';
    return cfnString(r);
  }

  private fail(message: string, path: PathKey[], help: string): unknown {
    const location = this.loc(path);
    this.state.error('import_intrinsic', message, location, help);
    const where = location ? `${location.line}:${location.column}` : '';
    return unresolvedMarker(`${this.file.split(/[\\/]/).pop()}:${where}`);
  }

  private intrinsic(fn: string, arg: unknown, at: PathKey[]): unknown {
    const list = Array.isArray(arg) ? arg : undefined;
    switch (fn) {
      case 'Ref':
        return this.ref(String(arg), at);
      case 'Condition': {
        const c = this.condition(String(arg), at);
        return typeof c === 'boolean' ? c : unresolvedMarker(c.unknown[0]!);
      }
      case 'Fn::GetAtt': {
        let parts: unknown[] | undefined = list;
        if (typeof arg === 'string') {
          const dot = arg.indexOf('.');
          parts = dot < 0 ? [arg] : [arg.slice(0, dot), arg.slice(dot + 1)];
        }
        if (!parts || parts.length < 2)
          return this.fail(
            '`Fn::GetAtt` takes a logical id and an attribute',
            at,
            'write `Fn::GetAtt: [LogicalId, Attribute]` or `!GetAtt LogicalId.Attribute`',
          );
        const attr = this.evalString(parts.slice(1).length > 1 ? parts.slice(1).join('.') : parts[1], [...at, 1]);
        return this.getAtt(String(parts[0]), attr, at);
      }
      case 'Fn::Sub':
        return this.sub(arg, at);
      case 'Fn::Join': {
        if (!list || list.length !== 2)
          return this.fail('`Fn::Join` takes a delimiter and a list', at, 'write `Fn::Join: [delimiter, [values]]`');
        const items = this.eval(list[1], [...at, 1]);
        if (!Array.isArray(items))
          return typeof items === 'string' ? items : this.fail('`Fn::Join` needs a list of values', [...at, 1], 'give a list');
        return items.map(cfnString).join(this.evalString(list[0], [...at, 0]));
      }
      case 'Fn::Split': {
        if (!list || list.length !== 2)
          return this.fail('`Fn::Split` takes a delimiter and a string', at, 'write `Fn::Split: [delimiter, string]`');
        const delim = this.evalString(list[0], [...at, 0]);
        const s = this.evalString(list[1], [...at, 1]);
        return delim === '' ? [s] : s.split(delim);
      }
      case 'Fn::Select': {
        if (!list || list.length !== 2)
          return this.fail('`Fn::Select` takes an index and a list', at, 'write `Fn::Select: [index, [values]]`');
        const indexText = this.evalString(list[0], [...at, 0]);
        const items = this.eval(list[1], [...at, 1]);
        if (typeof items === 'string' && isUnresolved(items)) return items;
        const index = Number(indexText);
        if (!Array.isArray(items))
          return this.fail('`Fn::Select` needs a list', [...at, 1], 'give a list (`Fn::Split` makes one from a string)');
        if (!Number.isInteger(index) || index < 0 || index >= items.length) {
          return this.fail(
            `\`Fn::Select\` index ${indexText} is out of range for a list of ${items.length}`,
            at,
            'CloudFormation refuses this template; fix the index or the list',
          );
        }
        return items[index];
      }
      case 'Fn::If': {
        if (!list || list.length !== 3)
          return this.fail('`Fn::If` takes a condition name and two values', at, 'write `Fn::If: [Condition, valueIfTrue, valueIfFalse]`');
        const c = this.condition(String(list[0]), [...at, 0]);
        if (c === true) return this.eval(list[1], [...at, 1]);
        if (c === false) return this.eval(list[2], [...at, 2]);
        const a = this.eval(list[1], [...at, 1]);
        const b = this.eval(list[2], [...at, 2]);
        if (JSON.stringify(a) === JSON.stringify(b)) return a;
        return unresolvedMarker(c.unknown[0]!);
      }
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not': {
        const c = this.evalCondition({ [fn]: arg }, at.slice(0, -1));
        return typeof c === 'boolean' ? c : unresolvedMarker(c.unknown[0]!);
      }
      case 'Fn::FindInMap': {
        if (!list || list.length < 3)
          return this.fail(
            '`Fn::FindInMap` takes a map, a top-level key and a second-level key',
            at,
            'write `Fn::FindInMap: [MapName, TopKey, SecondKey]`',
          );
        const [m, k1, k2] = list.slice(0, 3).map((x, i) => this.evalString(x, [...at, i]));
        const fallback = isObj(list[3]) ? (list[3] as Obj).DefaultValue : undefined;
        const maps = this.template.Mappings as Record<string, Record<string, Obj>> | undefined;
        const found = maps?.[m!]?.[k1!]?.[k2!];
        if (found !== undefined) return this.eval(found, ['Mappings', m!, k1!, k2!]);
        if (fallback !== undefined) return this.eval(fallback, [...at, 3, 'DefaultValue']);
        if ([m, k1, k2].some((x) => isUnresolved(x!))) return unresolvedMarker([...unresolvedNamesIn([m, k1, k2])][0]!);
        return this.fail(
          `\`Fn::FindInMap\` finds nothing at \`${m}.${k1}.${k2}\``,
          at,
          'CloudFormation refuses this template; check the map and its keys',
        );
      }
      case 'Fn::Base64':
        return Buffer.from(this.evalString(arg, at), 'utf8').toString('base64');
      case 'Fn::GetAZs': {
        const region = this.evalString(arg, at) || this.state.options.region;
        return ['a', 'b', 'c'].map((z) => `${region}${z}`);
      }
      case 'Fn::Length': {
        const items = this.eval(arg, at);
        return Array.isArray(items) ? items.length : this.fail('`Fn::Length` needs a list', at, 'give a list');
      }
      case 'Fn::ToJsonString': {
        const value = this.eval(arg, at);
        return JSON.stringify(value);
      }
      case 'Fn::ImportValue': {
        const name = this.evalString(arg, at);
        return this.state.unresolvedValue(
          `Fn::ImportValue:${name}`,
          this.loc(at),
          `another stack exports \`${name}\`: give its value with \`values: {"Fn::ImportValue:${name}": ...}\``,
        );
      }
      default:
        return this.fail(
          `\`${fn}\` cannot be evaluated by keycard`,
          at,
          'give the value it produces under `values:`, or write it without this function',
        );
    }
  }

  private sub(arg: unknown, at: PathKey[]): unknown {
    let text: unknown = arg;
    let vars: Obj = {};
    if (Array.isArray(arg)) {
      text = arg[0];
      vars = isObj(arg[1]) ? arg[1] : {};
    }
    if (typeof text !== 'string')
      return this.fail('`Fn::Sub` takes a string, or a string and a map of variables', at, 'write `Fn::Sub: "text ${Name}"`');
    const textPath = Array.isArray(arg) ? [...at, 0] : at;
    return text.replace(/\$\{([^}]*)\}/g, (_m, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      if (Object.prototype.hasOwnProperty.call(vars, name)) return cfnString(this.eval(vars[name], [...at, 1, name]));
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) return cfnString(this.getAtt(name.slice(0, dot), name.slice(dot + 1), textPath));
      return cfnString(this.ref(name, textPath));
    });
  }

  // -------------------------------------------------------------------------------------------
  // Ref and GetAtt

  pseudo(name: string): unknown {
    const { account, region } = this.state.options;
    switch (name) {
      case 'AWS::AccountId':
        return account;
      case 'AWS::Region':
        return region;
      case 'AWS::Partition':
        return this.state.partition;
      case 'AWS::StackName':
        return this.opts.name;
      case 'AWS::StackId':
        return `arn:${this.state.partition}:cloudformation:${region}:${account}:stack/${this.opts.name}/${ph.uuid(this.seed('AWS::StackId'))}`;
      case 'AWS::URLSuffix':
        return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
      case 'AWS::NotificationARNs':
        return [];
      case 'AWS::NoValue':
        return NO_VALUE;
    }
    return undefined;
  }

  ref(name: string, path: readonly PathKey[]): unknown {
    if (PSEUDO.includes(name)) return this.pseudo(name);
    if (this.hasParameter(name)) return this.parameter(name, path);
    if (this.resources[name]) return this.resourceRef(name, path);
    if (this.opts.undeclared) return this.state.unresolvedValue(this.qualified(name), this.loc([...path]), this.opts.undeclared);
    return this.fail(
      `\`${name}\` is neither a parameter nor a resource of this template`,
      [...path],
      `declare it, or check the spelling (${this.closest(name)})`,
    );
  }

  private closest(name: string): string {
    const all = [...Object.keys(this.resources), ...Object.keys((this.template.Parameters as Obj | undefined) ?? {})];
    const lower = name.toLowerCase();
    const near = all.filter((n) => n.toLowerCase().includes(lower) || lower.includes(n.toLowerCase())).slice(0, 3);
    return near.length ? `did you mean ${near.map((n) => `\`${n}\``).join(', ')}?` : `${all.length} names declared`;
  }

  /** A resource's evaluated Properties (cached; NoValue removed). */
  props(id: string): Obj {
    const cached = this.propCache.get(id);
    if (cached) return cached;
    if (this.busy.has(`props:${id}`)) {
      this.state.error(
        'import_cycle',
        `the properties of \`${id}\` depend on themselves`,
        this.loc(['Resources', id]),
        'CloudFormation refuses circular dependencies',
      );
      return {};
    }
    this.busy.add(`props:${id}`);
    const raw = this.resources[id]?.Properties;
    const r = raw === undefined ? {} : this.eval(raw, ['Resources', id, 'Properties']);
    this.busy.delete(`props:${id}`);
    const out = isObj(r) ? r : {};
    this.propCache.set(id, out);
    return out;
  }

  /** A string property, when the template gives one (a name may be absent or `{}` in Amplify). */
  stringProp(id: string, key: string): string | undefined {
    const raw = (this.resources[id]?.Properties as Obj | undefined)?.[key];
    if (raw === undefined) return undefined;
    const v = this.propCache.get(id)?.[key] ?? this.eval(raw, ['Resources', id, 'Properties', key]);
    return typeof v === 'string' && v !== '' ? v : undefined;
  }

  private pinned(id: string): string | undefined {
    const ids = this.state.options.physicalIds;
    const q = this.qualified(id);
    if (Object.prototype.hasOwnProperty.call(ids, q)) return ids[q];
    if (!this.opts.label && Object.prototype.hasOwnProperty.call(ids, id)) return ids[id];
    return undefined;
  }

  private resourceRef(id: string, path: readonly PathKey[]): unknown {
    const cached = this.refCache.get(id);
    if (cached !== undefined) return cached;
    const c = this.included(id);
    if (c === false) {
      return this.fail(
        `\`${id}\` is used, but its condition \`${String(this.resources[id]!.Condition)}\` removes it`,
        [...path],
        'CloudFormation refuses this template; guard the use with `Fn::If` on the same condition',
      );
    }
    const value = this.pinned(id) ?? this.computeRef(id);
    this.refCache.set(id, value);
    const placeholder = this.pinned(id) === undefined && !(typeof value === 'string' && isUnresolved(value));
    if (typeof value === 'string')
      this.state.reference(this.qualified(id), {
        value,
        location: this.loc(['Resources', id]),
        placeholder: placeholder && this.isGenerated(id),
      });
    return value;
  }

  /** Whether the resource's Ref is a name keycard made up (no name property in the template). */
  private isGenerated(id: string): boolean {
    const type = String(this.resources[id]?.Type);
    const nameKey = NAME_PROPERTY[type];
    if (type === 'AWS::IAM::ManagedPolicy') return this.stringProp(id, 'ManagedPolicyName') === undefined;
    return nameKey ? this.stringProp(id, nameKey) === undefined : true;
  }

  private computeRef(id: string): unknown {
    const res = this.resources[id]!;
    const type = String(res.Type);
    const { region, account } = this.state.options;
    const part = this.state.partition;
    const seed = this.seed(id);
    const gen = (max = 64, lower = false) => ph.generatedName(this.opts.name, id, seed, max, lower);
    switch (type) {
      case 'AWS::Cognito::UserPool':
        return ph.userPoolId(region, seed);
      case 'AWS::Cognito::UserPoolClient':
        return ph.clientId(seed);
      case 'AWS::Cognito::IdentityPool':
        return ph.identityPoolId(region, seed);
      case 'AWS::Cognito::UserPoolGroup':
        return this.stringProp(id, 'GroupName') ?? gen(128);
      case 'AWS::IAM::Role':
        return this.stringProp(id, 'RoleName') ?? gen(64);
      case 'AWS::IAM::ManagedPolicy': {
        const name = this.stringProp(id, 'ManagedPolicyName') ?? gen(128);
        return `arn:${part}:iam::${account}:policy${this.stringProp(id, 'Path') ?? '/'}${name}`;
      }
      case 'AWS::S3::Bucket':
        return this.stringProp(id, 'BucketName') ?? gen(63, true);
      case 'AWS::CloudFormation::Stack':
        return `arn:${part}:cloudformation:${region}:${account}:stack/${this.childName(id)}/${ph.uuid(seed)}`;
      case 'AWS::Lambda::Function':
        return this.stringProp(id, 'FunctionName') ?? gen(64);
    }
    if (isCustom(type)) {
      const model = this.opts.customResource?.(this, id, res);
      if (model && typeof model.Ref === 'string') return model.Ref;
      return this.state.unresolvedValue(
        this.qualified(id),
        this.loc(['Resources', id]),
        `\`${id}\` is a custom resource (\`${type}\`): give what its Ref returns with \`values: {${this.qualified(id)}: ...}\``,
      );
    }
    const nameKey = NAME_PROPERTY[type];
    return (nameKey && this.stringProp(id, nameKey)) ?? gen(64);
  }

  getAtt(id: string, attr: string, path: readonly PathKey[]): unknown {
    const res = this.resources[id];
    if (!res && this.opts.undeclared)
      return this.state.unresolvedValue(`${this.qualified(id)}.${attr}`, this.loc([...path]), this.opts.undeclared);
    if (!res)
      return this.fail(
        `\`Fn::GetAtt\` names \`${id}\`, which is not a resource of this template`,
        [...path],
        `check the spelling (${this.closest(id)})`,
      );
    const type = String(res.Type);
    const key = `${this.qualified(id)}.${attr}`;
    if (Object.prototype.hasOwnProperty.call(this.state.options.physicalIds, key)) return this.state.options.physicalIds[key];
    const value = this.computeAtt(id, type, attr, path);
    if (typeof value === 'string' && !isUnresolved(value))
      this.state.reference(key, {
        value,
        location: this.loc(['Resources', id]),
        ...(this.guessedArns.has(value) ? { guessedArn: true } : {}),
      });
    return value;
  }

  private computeAtt(id: string, type: string, attr: string, path: readonly PathKey[]): unknown {
    const { region, account } = this.state.options;
    const part = this.state.partition;
    if (isCustom(type)) {
      const model = this.opts.customResource?.(this, id, this.resources[id]!);
      if (model && Object.prototype.hasOwnProperty.call(model, attr)) return model[attr];
      return this.state.unresolvedValue(
        `${this.qualified(id)}.${attr}`,
        this.loc([...path]),
        `\`${id}\` is a custom resource (\`${type}\`): give its \`${attr}\` with \`values: {"${this.qualified(id)}.${attr}": ...}\``,
      );
    }
    const ref = () => cfnString(this.resourceRef(id, path));
    switch (type) {
      case 'AWS::Cognito::UserPool': {
        const poolId = ref();
        const attrs: Obj = {
          Arn: `arn:${part}:cognito-idp:${region}:${account}:userpool/${poolId}`,
          ProviderName: `cognito-idp.${region}.amazonaws.com/${poolId}`,
          ProviderURL: `https://cognito-idp.${region}.amazonaws.com/${poolId}`,
          UserPoolId: poolId,
        };
        if (attrs[attr] !== undefined) return attrs[attr];
        break;
      }
      case 'AWS::Cognito::UserPoolClient':
        if (attr === 'ClientId') return ref();
        if (attr === 'Name') return this.stringProp(id, 'ClientName') ?? ref();
        break;
      case 'AWS::Cognito::IdentityPool':
        if (attr === 'Name') return this.stringProp(id, 'IdentityPoolName') ?? id;
        if (attr === 'Id') return ref();
        break;
      case 'AWS::IAM::Role': {
        const name = ref();
        if (attr === 'Arn') return `arn:${part}:iam::${account}:role${this.stringProp(id, 'Path') ?? '/'}${name}`;
        if (attr === 'RoleId') return deriveRoleId(`arn:${part}:iam::${account}:role${this.stringProp(id, 'Path') ?? '/'}${name}`);
        break;
      }
      case 'AWS::IAM::ManagedPolicy':
        if (attr === 'PolicyArn') return ref();
        break;
      case 'AWS::S3::Bucket': {
        const name = ref();
        const attrs: Obj = {
          Arn: `arn:${part}:s3:::${name}`,
          DomainName: `${name}.s3.amazonaws.com`,
          RegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
          DualStackDomainName: `${name}.s3.dualstack.${region}.amazonaws.com`,
          WebsiteURL: `http://${name}.s3-website-${region}.amazonaws.com`,
        };
        if (attrs[attr] !== undefined) return attrs[attr];
        break;
      }
      case 'AWS::CloudFormation::Stack':
      case 'AWS::Serverless::Application':
        if (attr.startsWith('Outputs.')) return this.childOutput(id, attr.slice('Outputs.'.length), path);
        break;
      case 'AWS::Lambda::Function':
        if (attr === 'Arn') return `arn:${part}:lambda:${region}:${account}:function:${ref()}`;
        break;
    }
    if (attr === 'Arn') {
      const service = type.split('::')[1]?.toLowerCase() ?? 'unknown';
      const arn = `arn:${part}:${service}:${region}:${account}:${type.split('::')[2]?.toLowerCase() ?? 'resource'}/${ref()}`;
      this.guessedArns.add(arn);
      return arn;
    }
    // An attribute keycard does not model of a resource it does not read: a deploy-time name.
    return `${ref()}.${attr}`;
  }

  // -------------------------------------------------------------------------------------------
  // Nested stacks

  childName(id: string): string {
    return ph.generatedName(this.opts.name, id, this.seed(id), 128);
  }

  /** The nested stack of a local template, or null when the template is not a local file. */
  child(id: string): Stack | null {
    if (this.children.has(id)) return this.children.get(id)!;
    this.children.set(id, null);
    const res = this.resources[id]!;
    const props = this.props(id);
    const meta = res.Metadata as Obj | undefined;
    const candidates: string[] = [];
    const url = res.Type === 'AWS::Serverless::Application' ? props.Location : props.TemplateURL;
    if (typeof url === 'string' && !/^(https?|s3):/i.test(url) && !isUnresolved(url)) candidates.push(url);
    if (typeof meta?.['aws:asset:path'] === 'string') candidates.push(meta['aws:asset:path']);
    const file = candidates.map((c) => resolve(dirname(this.file), c)).find((f) => existsSync(f));
    if (!file) return null;
    checkReference(file, this.file, this.loc(['Resources', id]), 'the nested stack template');
    const template = readTemplate(file);
    this.state.files.push(file);
    const params = (props.Parameters as Obj | undefined) ?? {};
    const stack = new Stack(this.state, {
      template,
      name: this.childName(id),
      label: this.qualified(id),
      parameters: params,
      parameterLocation: this.loc(['Resources', id, 'Properties', 'Parameters']),
      seed: this.opts.seed,
      customResource: this.opts.customResource,
    });
    this.children.set(id, stack);
    return stack;
  }

  private childOutput(id: string, output: string, path: readonly PathKey[]): unknown {
    const child = this.child(id);
    if (!child) {
      return this.state.unresolvedValue(
        `${this.qualified(id)}.Outputs.${output}`,
        this.loc([...path]),
        `the nested stack \`${id}\` has no local template: give the output with \`values: {"${this.qualified(id)}.Outputs.${output}": ...}\``,
      );
    }
    return child.output(output, path, this);
  }

  output(name: string, path: readonly PathKey[], parent?: Stack): unknown {
    const out = (this.template.Outputs as Record<string, Obj> | undefined)?.[name];
    if (!out) {
      const at = parent ? parent.loc(path) : this.loc(path);
      this.state.error(
        'import_unknown_output',
        `the stack \`${this.opts.label || this.opts.name}\` has no output \`${name}\``,
        at,
        `its outputs: ${Object.keys((this.template.Outputs as Obj | undefined) ?? {}).join(', ') || 'none'}`,
      );
      return unresolvedMarker(`${this.opts.label}.Outputs.${name}`);
    }
    if (typeof out.Condition === 'string' && this.condition(out.Condition, ['Outputs', name, 'Condition']) === false) {
      this.state.error(
        'import_unknown_output',
        `the output \`${name}\` is removed by its condition`,
        this.loc(['Outputs', name]),
        'CloudFormation refuses this template',
      );
    }
    return this.eval(out.Value, ['Outputs', name, 'Value']);
  }
}

/** The property that names a resource, when the template may give one. */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::Cognito::UserPoolGroup': 'GroupName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::IAM::Policy': 'PolicyName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
};

export function isCustom(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}
