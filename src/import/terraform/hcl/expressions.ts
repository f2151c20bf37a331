/**
 * Evaluates Terraform expressions from the syntax tree HashiCorp's parser gives (parse.ts): string
 * templates and their directives, conditionals, `for`, splats, indexes, operators and function
 * calls. Names (`var.x`, `aws_iam_role.admin.arn`, `each.value`) are resolved by the scope the
 * module gives (module.ts). A wrong expression (an index out of range, an unknown function) throws
 * EvalError; the attribute that holds it becomes an unresolved value and an error (imports.md §4).
 */
import { callFunction, FnError, isFunction, type FnContext } from './functions.js';
import { templateAst, type AstNode } from './parse.js';
import {
  describe,
  elementsOf,
  isObj,
  isWhollyUnknown,
  tfEqual,
  toBool,
  toNum,
  toStr,
  unknownNames,
  unknownOf,
  type Obj,
} from './values.js';

export class EvalError extends Error {
  constructor(
    message: string,
    readonly help = 'fix the expression, or give the value under `values:` in keycard.yaml',
  ) {
    super(message);
  }
}

/** One step of a traversal: `.name` or `[key]`. */
export type Step = { name: string } | { index: unknown };

export interface Scope {
  /** The value a traversal's first steps name, and how many steps that took. */
  resolve(steps: Step[]): { value: unknown; used: number };
  fn: FnContext;
  /** The object an attribute is missing from, when it belongs to a resource instance (after apply). */
  missing(obj: Obj, name: string): unknown;
}

/** A scope that names nothing (variable defaults, `.tfvars` values, type defaults). */
export const EMPTY_SCOPE: Scope = {
  resolve: (steps) => {
    const first = steps[0];
    throw new EvalError(`\`${first && 'name' in first ? first.name : '?'}\` cannot be used here: only literal values are allowed`);
  },
  fn: {
    readFile: () => {
      throw new EvalError('`file` cannot be used here');
    },
    renderTemplate: () => null,
  },
  missing: (_o, name) => {
    throw new EvalError(`the object has no attribute \`${name}\``);
  },
};

/** A scope with extra local names (a `for` expression's key and value, a `templatefile`'s variables). */
export function withLocals(scope: Scope, locals: Obj): Scope {
  return {
    ...scope,
    resolve: (steps) => {
      const first = steps[0];
      if (first && 'name' in first && Object.prototype.hasOwnProperty.call(locals, first.name))
        return { value: locals[first.name], used: 1 };
      return scope.resolve(steps);
    },
  };
}

const DECODE = /\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** A literal part of a template: quoted templates take backslash escapes, heredocs only `$${` and `%%{`. */
function literal(raw: string, quoted: boolean): string {
  const s = quoted
    ? raw.replace(DECODE, (_m, c: string) => (c.length > 1 ? String.fromCodePoint(parseInt(c.slice(1), 16)) : (ESCAPES[c] ?? c)))
    : raw;
  return s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/** Steps of a scope or relative traversal, as the parser writes them (`name`, `0`, `"key"`). */
function steps(node: AstNode): Step[] {
  const parts = (node.meta.traversal ?? []) as { type: string; segment: string }[];
  return parts.map((p) => (p.type === 'nameTraversal' ? { name: p.segment } : { index: JSON.parse(p.segment) as unknown }));
}

/** `value.name` or `value[key]`, as Terraform does it. */
export function step(value: unknown, s: Step, scope: Scope): unknown {
  if (isWhollyUnknown(value)) return value;
  const key = 'name' in s ? s.name : s.index;
  if (isWhollyUnknown(key)) return key;
  if (value === null || value === undefined) throw new EvalError(`cannot read ${show(key)} of a null value`);
  if (Array.isArray(value)) {
    const i = typeof key === 'string' && /^\d+$/.test(key) && !('name' in s) ? Number(key) : key;
    if (typeof i !== 'number' || !Number.isInteger(i)) throw new EvalError(`a list has no attribute ${show(key)}`);
    if (i < 0 || i >= value.length)
      throw new EvalError(`index ${i} is out of range: the list has ${value.length} element${value.length === 1 ? '' : 's'}`);
    return value[i];
  }
  if (isObj(value)) {
    const k = String(key);
    if (Object.prototype.hasOwnProperty.call(value, k)) return value[k];
    return scope.missing(value, k);
  }
  throw new EvalError(`cannot read ${show(key)} of ${describe(value)}`);
}

const show = (k: unknown): string => (typeof k === 'number' ? `[${k}]` : `\`${String(k)}\``);

export interface Ctx {
  scope: Scope;
  src: Buffer;
  quoted: boolean;
  /** The current element inside a splat's each-expression. */
  item?: unknown;
}

/** Evaluates one string of Terraform's JSON syntax (a template; `"${x}"` alone gives x unconverted). */
export function evalTemplate(template: string, scope: Scope): unknown {
  if (!template.includes('${') && !template.includes('%{')) return template;
  let ast: AstNode;
  try {
    ast = templateAst(template);
  } catch (e) {
    throw new EvalError(`cannot parse \`${template}\`: ${(e as Error).message}`);
  }
  const ctx: Ctx = { scope, src: Buffer.from(`<<KEYCARD_HCL_TEMPLATE_END\n${template}\n`), quoted: false };
  // The heredoc adds a final newline: drop it from the last literal part.
  const parts = [...ast.children];
  const last = parts[parts.length - 1];
  if (last?.type === 'literalValue' && typeof last.meta.value === 'string') {
    const text = last.meta.value.slice(0, -1);
    if (text === '') parts.pop();
    else parts[parts.length - 1] = { ...last, meta: { ...last.meta, value: text } };
  }
  const only = parts.length === 1 ? parts[0]! : undefined;
  if (only && only.type !== 'literalValue' && !String(only.meta?.value ?? '').startsWith('%{') && only.type !== 'templateJoin')
    return evaluate(only, ctx);
  return join(parts, ctx);
}

function join(parts: AstNode[], ctx: Ctx): string {
  return parts
    .map((p) => {
      const v = evaluate(p, ctx);
      if (v === null) throw new EvalError(`\`${String(p.meta?.value ?? '')}\` is null, which a string template cannot hold`);
      try {
        return toStr(v);
      } catch (e) {
        throw new EvalError(`\`${String(p.meta?.value ?? '')}\`: ${(e as Error).message}`);
      }
    })
    .join('');
}

function bool(v: unknown, what: string): boolean | string {
  try {
    return toBool(v);
  } catch (e) {
    throw new EvalError(`${what}: ${(e as Error).message}`);
  }
}

function num(v: unknown, what: string): number | string {
  try {
    return toNum(v);
  } catch (e) {
    throw new EvalError(`${what}: ${(e as Error).message}`);
  }
}

export function evaluate(node: AstNode, ctx: Ctx): unknown {
  const c = node.children ?? [];
  const text = String(node.meta?.value ?? '');
  switch (node.type) {
    case 'literalValue': {
      const t = node.meta.type;
      if (t === 'number') return Number(text);
      if (t === 'bool') return text === 'true';
      if (t === 'string') return literal(text, ctx.quoted);
      return null;
    }
    case 'template':
      return join(c, { ...ctx, quoted: text.startsWith('"') ? true : text.startsWith('<<') ? false : ctx.quoted });
    case 'templateWrap':
      return evaluate(c[0]!, { ...ctx, quoted: text.startsWith('"') || ctx.quoted });
    case 'templateJoin': {
      const parts = evaluate(c[0]!, ctx);
      return Array.isArray(parts) ? parts.map((x) => toStr(x)).join('') : parts;
    }
    case '':
      return c.length === 0 ? ctx.item : evaluate(c[0]!, ctx);
    case 'tuple':
      return c.map((x) => evaluate(x, ctx));
    case 'object': {
      const out: Obj = {};
      for (let i = 0; i + 1 < c.length; i += 2) {
        const key = objectKey(c[i]!, ctx);
        if (isWhollyUnknown(key)) return key;
        out[toStr(key)] = evaluate(c[i + 1]!, ctx);
      }
      return out;
    }
    case 'scopeTraversal': {
      const all = steps(node);
      const { value, used } = ctx.scope.resolve(all);
      return all.slice(used).reduce((v, s) => step(v, s, ctx.scope), value);
    }
    case 'relativeTraversal':
      return steps(node).reduce((v, s) => step(v, s, ctx.scope), evaluate(c[0]!, ctx));
    case 'index':
      return step(evaluate(c[0]!, ctx), { index: evaluate(c[1]!, ctx) }, ctx.scope);
    case 'splat': {
      const source = evaluate(c[0]!, ctx);
      if (isWhollyUnknown(source)) return source;
      const items = source === null ? [] : Array.isArray(source) ? source : [source];
      return items.map((item) => evaluate(c[1]!, { ...ctx, item }));
    }
    case 'conditional': {
      const cond = bool(evaluate(c[0]!, ctx), `the condition \`${String(node.meta.conditionExpression)}\``);
      if (typeof cond === 'string') return cond;
      return cond ? evaluate(c[1]!, ctx) : c[2] ? evaluate(c[2], ctx) : '';
    }
    case 'for':
      return forExpression(node, ctx);
    case 'function':
      return functionCall(node, ctx);
    case 'unaryOp': {
      const v = evaluate(c[0]!, ctx);
      if (node.meta.operator === 'logicalNot') {
        const b = bool(v, `\`${text}\``);
        return typeof b === 'string' ? b : !b;
      }
      const n = num(v, `\`${text}\``);
      return typeof n === 'string' ? n : -n;
    }
    case 'binaryOp':
      return binary(String(node.meta.operator), evaluate(c[0]!, ctx), evaluate(c[1]!, ctx), text);
    default:
      throw new EvalError(`\`${text}\` is an expression keycard does not evaluate (${node.type})`);
  }
}

function objectKey(node: AstNode, ctx: Ctx): unknown {
  if (node.type === '' && node.children.length === 0 && node.range) {
    const r = node.range as unknown as { start: { byte: number }; end: { byte: number } };
    return ctx.src.subarray(r.start.byte, r.end.byte).toString('utf8');
  }
  return evaluate(node, ctx);
}

function binary(op: string, a: unknown, b: unknown, text: string): unknown {
  if (op === 'equal' || op === 'notEqual') {
    const unknown = unknownNames(a, b).length > 0 && (isWhollyUnknown(a) || isWhollyUnknown(b));
    if (unknown) return unknownOf(unknownNames(a, b));
    return tfEqual(a, b) === (op === 'equal');
  }
  if (op === 'logicalAnd' || op === 'logicalOr') {
    const [x, y] = [bool(a, `\`${text}\``), bool(b, `\`${text}\``)];
    // Terraform: false && unknown is false, true || unknown is true.
    if (op === 'logicalAnd' && (x === false || y === false)) return false;
    if (op === 'logicalOr' && (x === true || y === true)) return true;
    if (typeof x === 'string' || typeof y === 'string') return unknownOf(unknownNames(x, y));
    return op === 'logicalAnd' ? x && y : x || y;
  }
  const [x, y] = [num(a, `\`${text}\``), num(b, `\`${text}\``)];
  if (typeof x === 'string' || typeof y === 'string') return unknownOf(unknownNames(x, y));
  switch (op) {
    case 'add':
      return x + y;
    case 'subtract':
      return x - y;
    case 'multiply':
      return x * y;
    case 'divide':
      if (y === 0) throw new EvalError(`\`${text}\` divides by zero`);
      return x / y;
    case 'modulo':
      return x % y;
    case 'greaterThan':
      return x > y;
    case 'greaterThanOrEqual':
      return x >= y;
    case 'lessThan':
      return x < y;
    case 'lessThanOrEqual':
      return x <= y;
  }
  throw new EvalError(`\`${text}\`: the operator ${op} is not one keycard evaluates`);
}

function forExpression(node: AstNode, ctx: Ctx): unknown {
  const m = node.meta as Record<string, string | boolean>;
  const c = node.children;
  const hasKey = Boolean(m.keyExpression);
  const hasCond = Boolean(m.conditionalExpression);
  const [collection, keyNode, valueNode, condNode] = [
    c[0]!,
    hasKey ? c[1] : undefined,
    c[hasKey ? 2 : 1]!,
    hasCond ? c[c.length - 1] : undefined,
  ];
  const source = evaluate(collection, ctx);
  if (isWhollyUnknown(source)) return source;
  if (source === null) throw new EvalError(`\`${String(m.collectionExpression)}\` is null: a \`for\` needs a collection`);
  let entries: { key: unknown; value: unknown }[];
  try {
    entries = elementsOf(source);
  } catch (e) {
    throw new EvalError(`\`${String(m.collectionExpression)}\`: ${(e as Error).message}`);
  }
  const directive = String(m.value ?? '').startsWith('%{');
  const asObject = !directive && String(m.value ?? '').startsWith('{');
  const listOut: unknown[] = [];
  const objOut: Obj = {};
  for (const e of entries) {
    const locals: Obj = m.keyVar ? { [String(m.keyVar)]: e.key, [String(m.valVar)]: e.value } : { [String(m.valVar)]: e.value };
    const inner: Ctx = { ...ctx, scope: withLocals(ctx.scope, locals) };
    if (condNode) {
      const keep = bool(evaluate(condNode, inner), `the condition of \`${String(m.value)}\``);
      if (typeof keep === 'string') return keep;
      if (!keep) continue;
    }
    const value = evaluate(valueNode, inner);
    if (!asObject) {
      listOut.push(value);
      continue;
    }
    const key = toStr(evaluate(keyNode!, inner));
    if (m.groupedValue) objOut[key] = [...((objOut[key] as unknown[]) ?? []), value];
    else if (Object.prototype.hasOwnProperty.call(objOut, key))
      throw new EvalError(`\`${String(m.value)}\` gives the key ${JSON.stringify(key)} twice; use \`...\` to group`);
    else objOut[key] = value;
  }
  return asObject ? objOut : listOut;
}

function functionCall(node: AstNode, ctx: Ctx): unknown {
  const name = String(node.meta.name).replace(/^provider::[^:]+::/, '');
  const c = node.children;
  if (name === 'try' || name === 'can') {
    for (const arg of name === 'try' ? c : c.slice(0, 1)) {
      try {
        const v = evaluate(arg, ctx);
        return name === 'can' ? (isWhollyUnknown(v) ? v : true) : v;
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
      }
    }
    if (name === 'can') return false;
    throw new EvalError('`try`: no argument could be evaluated');
  }
  if (!isFunction(name))
    throw new EvalError(
      `\`${name}\` is not a function keycard evaluates`,
      'rewrite the expression, give its value under `values:`, or pass keycard the `terraform show -json` output',
    );
  let args = c.map((x) => evaluate(x, ctx));
  if (node.meta.expandedFinalArgument && args.length > 0) {
    const last = args[args.length - 1];
    if (isWhollyUnknown(last)) return last;
    if (!Array.isArray(last)) throw new EvalError(`\`${name}(...)\`: only a list can be expanded with \`...\``);
    args = [...args.slice(0, -1), ...last];
  }
  try {
    return callFunction(name, args, ctx.scope.fn);
  } catch (e) {
    if (e instanceof FnError) throw new EvalError(e.message);
    throw e;
  }
}
