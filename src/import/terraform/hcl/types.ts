/**
 * A variable's `type` constraint, applied as Terraform applies it to the value given: primitives
 * converted (`"2"` → 2 for a number), object attributes kept to those declared, `optional(T, d)`
 * attributes filled with their default or null, sets deduplicated.
 */
import { EMPTY_SCOPE, EvalError, evaluate } from './expressions.js';
import { templateAst, type AstNode } from './parse.js';
import { isObj, isWhollyUnknown, toBool, toNum, toStr, type Obj } from './values.js';

export type TfType =
  | { kind: 'any' | 'string' | 'number' | 'bool' }
  | { kind: 'list' | 'set' | 'map'; of: TfType }
  | { kind: 'tuple'; items: TfType[] }
  | { kind: 'object'; attrs: Record<string, { type: TfType; optional: boolean; default?: () => unknown }> };

const ANY: TfType = { kind: 'any' };

function typeOf(node: AstNode, src: Buffer): TfType {
  if (node.type === 'scopeTraversal') {
    const name = String(node.meta.value);
    return name === 'string' || name === 'number' || name === 'bool' ? { kind: name } : ANY;
  }
  if (node.type === '' && node.children.length === 1) return typeOf(node.children[0]!, src);
  if (node.type !== 'function') return ANY;
  const name = String(node.meta.name);
  const [arg] = node.children;
  if (!arg) return ANY;
  if (name === 'list' || name === 'set' || name === 'map') return { kind: name, of: typeOf(arg, src) };
  if (name === 'tuple' && arg.type === 'tuple') return { kind: 'tuple', items: arg.children.map((c) => typeOf(c, src)) };
  if (name === 'object' && arg.type === 'object') {
    const attrs: Extract<TfType, { kind: 'object' }>['attrs'] = {};
    for (let i = 0; i + 1 < arg.children.length; i += 2) {
      const k = arg.children[i]!;
      const r = k.range as unknown as { start: { byte: number }; end: { byte: number } } | undefined;
      const key = r ? src.subarray(r.start.byte, r.end.byte).toString('utf8').replace(/^"|"$/g, '') : '';
      const v = arg.children[i + 1]!;
      if (v.type === 'function' && v.meta.name === 'optional') {
        const d = v.children[1];
        attrs[key] = {
          type: v.children[0] ? typeOf(v.children[0], src) : ANY,
          optional: true,
          default: d ? () => evaluate(d, { scope: EMPTY_SCOPE, src, quoted: false }) : undefined,
        };
      } else attrs[key] = { type: typeOf(v, src), optional: false };
    }
    return { kind: 'object', attrs };
  }
  return ANY;
}

/** The type a `type = ...` attribute (a template string of JSON syntax) declares; `any` when absent. */
export function parseType(expr: unknown): TfType {
  if (typeof expr !== 'string' || !expr.startsWith('${')) return ANY;
  try {
    const ast = templateAst(expr);
    const src = Buffer.from(`<<KEYCARD_HCL_TEMPLATE_END\n${expr}\n`);
    return ast.children[0] ? typeOf(ast.children[0], src) : ANY;
  } catch {
    return ANY;
  }
}

/** Converts `value` to `type` (`where` names it in an error). */
export function convert(value: unknown, type: TfType, where: string): unknown {
  if (value === null || value === undefined || isWhollyUnknown(value) || type.kind === 'any') return value ?? null;
  try {
    switch (type.kind) {
      case 'string':
        return toStr(value);
      case 'number':
        return toNum(value);
      case 'bool':
        return toBool(value);
      case 'list':
      case 'set': {
        if (!Array.isArray(value)) throw new TypeError('a list is required');
        const items = value.map((v, i) => convert(v, type.of, `${where}[${i}]`));
        return type.kind === 'set' && items.every((v) => typeof v === 'string') ? [...new Set(items as string[])].sort() : items;
      }
      case 'tuple':
        if (!Array.isArray(value)) throw new TypeError('a tuple is required');
        return value.map((v, i) => convert(v, type.items[i] ?? ANY, `${where}[${i}]`));
      case 'map':
        if (!isObj(value)) throw new TypeError('a map is required');
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, type.of, `${where}.${k}`)]));
      case 'object': {
        if (!isObj(value)) throw new TypeError('an object is required');
        const out: Obj = {};
        for (const [k, a] of Object.entries(type.attrs)) {
          if (Object.prototype.hasOwnProperty.call(value, k) && value[k] !== null) out[k] = convert(value[k], a.type, `${where}.${k}`);
          else if (a.optional) out[k] = a.default ? convert(a.default(), a.type, `${where}.${k}`) : null;
          else if (Object.prototype.hasOwnProperty.call(value, k)) out[k] = null;
          else throw new TypeError(`the attribute \`${k}\` is required`);
        }
        return out;
      }
    }
  } catch (e) {
    if (e instanceof EvalError) throw e;
    throw new EvalError(`\`${where}\` does not match its type: ${(e as Error).message}`);
  }
}
