/**
 * One string object per distinct text (bounded). Comparing two canonical strings is a pointer
 * comparison when they are equal and a hash comparison when not; results never depend on it.
 */
const table = new Map<string, string>();
const LIMIT = 20_000;

export function canonical(s: string): string {
  const c = table.get(s);
  if (c !== undefined) return c;
  if (table.size >= LIMIT) table.clear();
  table.set(s, s);
  return s;
}

/** `arn:aws:s3:::bucket/key` → `arn:aws:s3:::bucket`: the resource up to its first slash, canonical. */
export function bucketOf(resource: string): string {
  const slash = resource.indexOf('/');
  return canonical(slash < 0 ? resource : resource.slice(0, slash));
}
