/**
 * Unresolved values (imports.md §4): a value that no file gives (Fn::ImportValue, an SSM
 * parameter, a custom resource's output, a remote Terraform module, ...). The import stage
 * writes one into a string as a marker, so every stage below can carry it in AWS-native shapes
 * (a policy's Resource, a mapping rule's RoleARN, a claim value) without new fields. A decision
 * that depends on a string holding a marker is Unknown, never Allow or Deny.
 *
 * The marker is made of characters that cannot occur in an ARN, an action or a claim written by a
 * user, so it can never match anything by accident.
 */

const OPEN = '\u27EAunresolved:';
const CLOSE = '\u27EB';
const MARKER = /\u27EAunresolved:([^\u27EB]*)\u27EB/g;
/** The same, without the capture, for split(). */
const MARKER_SPLIT = new RegExp(MARKER.source.replace('(', '(?:'));

/** The marker for the unresolved value `name`, as `values:` keys name it (e.g. `Fn::ImportValue:shared-Bucket`). */
export function unresolvedMarker(name: string): string {
  return `${OPEN}${name}${CLOSE}`;
}

/** The names of the unresolved values a string holds, in order, without repeats. */
export function unresolvedNames(text: string): string[] {
  if (!text.includes(OPEN)) return [];
  const names = new Set<string>();
  for (const m of text.matchAll(MARKER)) names.add(m[1] ?? '');
  return [...names];
}

/** True when the string holds at least one unresolved value. */
export function isUnresolved(text: string): boolean {
  return text.includes(OPEN);
}

/** Every unresolved name anywhere inside a JSON-like value (strings, arrays, objects). */
export function unresolvedNamesIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    for (const n of unresolvedNames(value)) into.add(n);
  } else if (Array.isArray(value)) {
    for (const v of value) unresolvedNamesIn(v, into);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) unresolvedNamesIn(v, into);
  }
  return into;
}

/** The string as a person reads it: each marker shown as `«unresolved NAME»`. */
export function showUnresolved(text: string): string {
  return text.includes(OPEN) ? text.replace(MARKER, (_m, name: string) => `«unresolved ${name}»`) : text;
}

/** Why an outcome is unknown, and how to give the values: one wording for test, can and access. */
export function unknownBecause(names: readonly string[]): string {
  const list = names.length ? names.map((n) => `\`${n}\``).join(', ') : 'an unresolved value';
  return `unknown: it depends on ${list}, which no file gives; give ${names.length === 1 ? 'it' : 'them'} under \`values:\` (or \`parameters:\` / \`physicalIds:\`) in keycard.yaml`;
}

/**
 * Whether two strings could be equal once their unresolved values are known. Without markers this
 * is `===`; a marker stands for any text, so only the literal text around it can rule a match out.
 */
export function couldEqual(a: string, b: string): boolean {
  const templateA = isUnresolved(a);
  const templateB = isUnresolved(b);
  if (!templateA && !templateB) return a === b;
  if (templateA && templateB) {
    // Both unknown in part: the literal heads and tails must agree as far as both go.
    const [pa, sa] = literalEnds(a);
    const [pb, sb] = literalEnds(b);
    return (pa.startsWith(pb) || pb.startsWith(pa)) && (sa.endsWith(sb) || sb.endsWith(sa));
  }
  const [template, text] = templateA ? [a, b] : [b, a];
  const pattern = template
    .split(MARKER_SPLIT)
    .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  return new RegExp(`^${pattern}$`).test(text);
}

/** The literal text before the first marker and after the last one. */
function literalEnds(text: string): [string, string] {
  const pieces = text.split(MARKER_SPLIT);
  return [pieces[0] ?? '', pieces[pieces.length - 1] ?? ''];
}
