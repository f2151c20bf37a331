// Registered by bench/startup.js with --import: records every module the process loads
// (file URLs) and every bare package specifier keycard's own files import, one per line.
import { register } from 'node:module';

if (process.env.KEYCARD_LOAD_LOG) {
  register(
    `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs';
let out;
export function initialize(data) { out = data.out; }
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  const bare = !/^(\\.|\\/|node:|file:|data:)/.test(specifier);
  if (bare && context.parentURL && context.parentURL.includes('/dist/')) appendFileSync(out, 'package ' + specifier + '\\n');
  if (r.url.startsWith('file:')) appendFileSync(out, 'file ' + r.url + '\\n');
  return r;
}`)}`,
    import.meta.url,
    { data: { out: process.env.KEYCARD_LOAD_LOG } },
  );
}
