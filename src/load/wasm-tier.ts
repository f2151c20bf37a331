/**
 * Which V8 compiler WebAssembly gets. A CLI run uses cedar-wasm or the HCL reader for well under a
 * second, and V8's optimising tier costs more CPU to compile than it saves (docs/ARCHITECTURE.md),
 * so bin/keycard.cjs asks for the baseline compiler by setting this key; the two modules that
 * compile WebAssembly call `beforeWebAssembly()` first. The library never sets the key: it leaves
 * its host's V8 alone. Set only when needed, so runs that compile no WebAssembly never load node:v8.
 */
import { createRequire } from 'node:module';

const LIFTOFF_KEY = Symbol.for('keycard.liftoff-only');

export function beforeWebAssembly(): void {
  const g = globalThis as Record<symbol, unknown>;
  if (g[LIFTOFF_KEY] !== true) return;
  g[LIFTOFF_KEY] = 'set';
  (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString('--liftoff-only');
}

/** Whether this process asked V8 for the baseline compiler (a flag V8 stamps into code caches). */
export function webAssemblyTierSet(): boolean {
  return (globalThis as Record<symbol, unknown>)[LIFTOFF_KEY] === 'set';
}
