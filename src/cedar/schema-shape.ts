/**
 * What the schema declares, read from Cedar's resolved JSON form: the attributes of an entity type
 * and the context record of an action, with common types followed. AVP hands Cedar only what the
 * schema declares ("The schema is fixed and must correspond to the entities that provider tokens
 * create", AVP user guide, mapping Cognito tokens to schema), so token claims are shaped here.
 */
import type { CedarValue } from './wasm.js';

/** One type in Cedar's JSON schema syntax (resolved names). */
export interface SchemaType {
  type: string;
  name?: string;
  element?: SchemaType;
  attributes?: Record<string, SchemaType & { required?: boolean }>;
}

export type SchemaJson = Record<
  string,
  {
    entityTypes?: Record<string, { shape?: SchemaType; memberOfTypes?: string[] }>;
    actions?: Record<string, { appliesTo?: { context?: SchemaType } }>;
    commonTypes?: Record<string, SchemaType>;
  }
>;

function split(name: string): [string, string] {
  const i = name.lastIndexOf('::');
  return i < 0 ? ['', name] : [name.slice(0, i), name.slice(i + 2)];
}

const BUILTIN = new Set(['Record', 'Set', 'Entity', 'Extension', 'String', 'Long', 'Boolean', 'Bool']);

/** Follows common-type references (`PhotoApp::RequestContext`) to the type they stand for. */
export function resolveType(schema: SchemaJson, t: SchemaType | undefined, depth = 0): SchemaType | undefined {
  if (!t || depth > 32) return t;
  const name = t.type === 'EntityOrCommon' ? t.name : t.type;
  if (!name || BUILTIN.has(name) || name.startsWith('__cedar::')) return t;
  const [ns, local] = split(name);
  const common = schema[ns]?.commonTypes?.[local];
  return common ? resolveType(schema, common, depth + 1) : t;
}

/** The declared attributes of an entity type; an empty record when it declares none ("RBAC doesn't require attributes in schema"). */
export function entityAttributes(schema: SchemaJson, entityType: string): Record<string, SchemaType> {
  const [ns, local] = split(entityType);
  const shape = resolveType(schema, schema[ns]?.entityTypes?.[local]?.shape);
  return shape?.attributes ?? {};
}

/** The context record an action declares (undefined: the action declares no context). */
export function actionContext(schema: SchemaJson, action: { type: string; id: string }): SchemaType | undefined {
  const [ns] = split(action.type);
  const context = resolveType(schema, schema[ns]?.actions?.[action.id]?.appliesTo?.context);
  return context?.type === 'Record' ? context : undefined;
}

function isType(t: SchemaType | undefined, name: string): boolean {
  return (
    !!t &&
    (t.type === name ||
      t.type === `__cedar::${name}` ||
      (t.type === 'EntityOrCommon' && (t.name === name || t.name === `__cedar::${name}`)))
  );
}

/**
 * A JSON claim as the declared type wants it: records keep only declared attributes, a
 * space-separated string becomes a set where a Set is declared (OAuth `scope`), integers stay
 * Long, and anything else that has no exact Cedar value (fractions, null) is dropped.
 */
export function shapeValue(schema: SchemaJson, declared: SchemaType | undefined, v: unknown): CedarValue | undefined {
  const t = resolveType(schema, declared);
  if (typeof v === 'string') return isType(t, 'Set') && typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : v;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : undefined;
  if (Array.isArray(v)) {
    const element = isType(t, 'Set') ? t!.element : undefined;
    return v.map((x) => shapeValue(schema, element, x)).filter((x): x is CedarValue => x !== undefined);
  }
  if (typeof v === 'object' && v !== null) {
    const attrs = isType(t, 'Record') ? (t!.attributes ?? {}) : undefined;
    return shapeRecord(schema, attrs, v as Record<string, unknown>);
  }
  return undefined;
}

/** Keeps the declared attributes of a record (all of them when nothing is declared, e.g. an untyped value). */
function shapeRecord(
  schema: SchemaJson,
  attrs: Record<string, SchemaType> | undefined,
  v: Record<string, unknown>,
): Record<string, CedarValue> {
  const out: Record<string, CedarValue> = {};
  for (const [k, x] of Object.entries(v)) {
    if (attrs && !Object.hasOwn(attrs, k)) continue;
    const c = shapeValue(schema, attrs?.[k], x);
    if (c !== undefined) out[k] = c;
  }
  return out;
}
