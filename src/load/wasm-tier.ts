/**
 * Which V8 compiler WebAssembly gets. A CLI run uses cedar-wasm or the HCL reader for well under a
 * second, and V8's optimising tier costs more CPU to compile than it saves (docs/ARCHITECTURE.md),
 * so bin/keycard.cjs asks for the baseline compiler by setting this key; the two modules that
 * compile WebAssembly call `beforeWebAssembly()` first. The library never sets the key: it leaves
 * its host's V8 alone. Set only when needed, so runs that compile no WebAssembly never load node:v8.
 */
import { createRequire } from 'node:module';

const LIFTOFF_KEY = Symbol.for('keycard.liftoff-only');
/**
 * Set once WebAssembly is about to be compiled (not when the code cache only needed the flag). On
 * globalThis, as the key: the CLI's runner (boot.cjs) and the bundle it runs each hold a copy of this module.
 */
const COMPILING_KEY = Symbol.for('keycard.wasm-compiling');

/** Called by the modules that compile WebAssembly, first. */
export function beforeWebAssembly(): void {
  (globalThis as Record<symbol, unknown>)[COMPILING_KEY] = true;
  setWebAssemblyTier();
}

/** Sets the flag the CLI asked for, if it did (the code cache of a run that had it needs it too). */
export function setWebAssemblyTier(): void {
  const g = globalThis as Record<symbol, unknown>;
  if (g[LIFTOFF_KEY] !== true) return;
  g[LIFTOFF_KEY] = 'set';
  (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString('--liftoff-only');
}

/** Whether this process asked V8 for the baseline compiler (a flag V8 stamps into code caches). */
export function webAssemblyTierSet(): boolean {
  return (globalThis as Record<symbol, unknown>)[LIFTOFF_KEY] === 'set';
}

/** Whether this process compiled (or was about to compile) WebAssembly. */
export function webAssemblyCompiled(): boolean {
  return (globalThis as Record<symbol, unknown>)[COMPILING_KEY] === true;
}
