#!/usr/bin/env node
// Entry point named in package.json "bin". The CLI is compiled to dist/ by `npm run build`
// (run automatically by `npm start` and `npm test`).
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

// Built-in modules through require(): an ES module import of node:fs makes Node read every export,
// which loads its streams, fs/promises and readline for nothing (start-up, docs/ARCHITECTURE.md).
const require = createRequire(import.meta.url);
const { existsSync } = require('node:fs');
const argv = process.argv.slice(2);

// cedar-wasm (and the HCL reader's wasm) run for well under a second in a CLI run: V8's optimising
// tier for WebAssembly costs more CPU to compile than it saves (it doubled `keycard test`'s CPU on
// the example), so a short-lived process keeps the baseline compiler. Results are the same; see
// docs/ARCHITECTURE.md. Commands that compile no WebAssembly skip loading node:v8 for it.
if (!['resolve', 'can', 'access', 'init', '--help', '-h', '--version', '-V'].includes(argv[0])) {
  require('node:v8').setFlagsFromString('--liftoff-only');
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The build bundles the CLI (scripts/bundle-cli.mjs): far fewer files to load at start-up.
// KEYCARD_NO_BUNDLE=1 runs tsc's output instead, one module per source file.
const bundle = join(root, 'dist', 'cli-bundle', 'main.js');
const main = existsSync(bundle) && !process.env.KEYCARD_NO_BUNDLE ? bundle : join(root, 'dist', 'cli', 'main.js');
// Commands that never open the explorer run from the CommonJS bundle, with V8's code cache
// (src/cli/code-cache.ts, bundled as boot.cjs); the explorer (no command, `explore`, a project
// path) runs from the ES modules.
const NO_EXPLORER = ['resolve', 'access', 'can', 'authorize', 'test', 'diff', 'export', 'validate', 'import', 'init'];
const commonJs = join(root, 'dist', 'cli-bundle', 'main.cjs');
const viaCommonJs = main === bundle && existsSync(commonJs) && [...NO_EXPLORER, '--help', '-h', '--version', '-V'].includes(argv[0]);
if (!existsSync(main)) {
  process.stderr.write('keycard: the CLI is not built yet; run `npm run build` in ' + root + '\n');
  process.exit(4);
}
// A closed pipe (`keycard ... | head`) ends the run quietly, as other CLI tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
if (viaCommonJs) {
  const { runBundle } = require(join(root, 'dist', 'cli-bundle', 'boot.cjs'));
  process.exitCode = await runBundle(commonJs, argv);
} else {
  const { run } = await import(pathToFileURL(main).href);
  process.exitCode = await run(argv);
}
