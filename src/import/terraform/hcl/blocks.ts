/**
 * A block body of Terraform's JSON syntax → the values `terraform show -json` prints: every string
 * evaluated as a template, nested blocks kept as arrays of objects, `dynamic` blocks expanded, the
 * meta-arguments (`count`, `for_each`, `provider`, `depends_on`, `lifecycle`...) left out.
 */
import { evalTemplate, EvalError, withLocals, type Scope } from './expressions.js';
import { elementsOf, isObj, isWhollyUnknown, toStr, type Obj } from './values.js';

/** Meta-arguments of resource, data and module blocks: not values of the instance. */
export const META_ARGUMENTS = new Set([
  'count',
  'for_each',
  'provider',
  'providers',
  'depends_on',
  'lifecycle',
  'provisioner',
  'connection',
  'source',
  'version',
]);

/** Evaluates a value of JSON syntax: strings are templates, object keys too. */
export function evalValue(v: unknown, scope: Scope): unknown {
  if (typeof v === 'string') return evalTemplate(v, scope);
  if (Array.isArray(v)) return v.map((x) => evalValue(x, scope));
  if (isObj(v)) {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) {
      const key = k.includes('${') ? evalTemplate(k, scope) : k;
      out[toStr(key)] = evalValue(x, scope);
    }
    return out;
  }
  return v;
}

/** Evaluates one attribute; `guard` turns an error into a reported, unresolved value. */
export type Guard = (path: (string | number)[], evaluate: () => unknown) => unknown;

/** The instance's values from a block body (arrays of bodies for nested blocks). */
export function evalBody(body: Obj, scope: Scope, guard: Guard, path: (string | number)[] = [], skip = META_ARGUMENTS): Obj {
  const out: Obj = {};
  for (const [name, raw] of Object.entries(body)) {
    if (skip.has(name) || name === 'dynamic') continue;
    if (Array.isArray(raw) && raw.length > 0 && raw.every(isObj)) {
      // A nested block (an attribute holding a list of objects prints the same way).
      out[name] = raw.map((b, i) => evalBody(b, scope, guard, [...path, name, i], NONE));
    } else out[name] = guard([...path, name], () => evalValue(raw, scope));
  }
  if (isObj(body.dynamic)) expandDynamic(body.dynamic, out, scope, guard, path);
  return out;
}

const NONE = new Set<string>();

/** `dynamic "name" { for_each = ..., iterator = it, content { ... } }` → one `name` block per element. */
function expandDynamic(dynamic: Obj, out: Obj, scope: Scope, guard: Guard, path: (string | number)[]): void {
  for (const [name, specs] of Object.entries(dynamic)) {
    for (const spec of (Array.isArray(specs) ? specs : [specs]).filter(isObj)) {
      const iterator = typeof spec.iterator === 'string' ? spec.iterator.replace(/^\$\{(.*)\}$/, '$1') : name;
      const collection = guard([...path, name], () => evalValue(spec.for_each, scope));
      const blocks = (out[name] as unknown[] | undefined) ?? [];
      if (isWhollyUnknown(collection)) {
        // The blocks depend on a value no file gives: the attribute that holds them is unknown.
        out[name] = collection;
        continue;
      }
      if (collection === null || collection === undefined) continue;
      const content = (Array.isArray(spec.content) ? spec.content[0] : spec.content) as Obj | undefined;
      let entries: { key: unknown; value: unknown }[] = [];
      try {
        entries = elementsOf(collection);
      } catch (e) {
        guard([...path, name], () => {
          throw new EvalError(`the \`for_each\` of \`dynamic "${name}"\`: ${(e as Error).message}`);
        });
      }
      for (const e of entries) {
        const inner = withLocals(scope, { [iterator]: { key: e.key, value: e.value } });
        blocks.push(evalBody(content ?? {}, inner, guard, [...path, name, blocks.length], NONE));
      }
      out[name] = blocks;
    }
  }
}
