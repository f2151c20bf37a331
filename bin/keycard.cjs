#!/usr/bin/env node
// Entry point named in package.json "bin". The CLI is compiled to dist/ by `npm run build`
// (run automatically by `npm start` and `npm test`).
// CommonJS, as is everything a command other than the explorer loads: Node starts its ES module
// loader only for the explorer (about 10 ms of every run otherwise; docs/ARCHITECTURE.md, "Start-up").
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const argv = process.argv.slice(2);
const root = join(__dirname, '..');

// cedar-wasm (and the HCL reader's wasm) run for well under a second in a CLI run: V8's optimising
// tier for WebAssembly costs more CPU to compile than it saves (it doubled `keycard test`'s CPU on
// the example), so a short-lived process keeps the baseline compiler. Results are the same; see
// docs/ARCHITECTURE.md. The flag is set just before WebAssembly is first compiled
// (src/load/wasm-tier.ts), so runs that compile none never load node:v8.
globalThis[Symbol.for('keycard.liftoff-only')] = true;

// The build bundles the CLI (scripts/bundle-cli.mjs): far fewer files to load at start-up.
// KEYCARD_NO_BUNDLE=1 runs tsc's output instead, one module per source file.
const bundle = join(root, 'dist', 'cli-bundle', 'main.js');
const main = existsSync(bundle) && !process.env.KEYCARD_NO_BUNDLE ? bundle : join(root, 'dist', 'cli', 'main.js');
// Commands that never open the explorer run from a CommonJS bundle of their own (main-<command>.cjs;
// main.cjs, with every command, for help and --version), with V8's code cache (src/cli/code-cache.ts,
// bundled as boot.cjs); the explorer (no command, `explore`, a project path) runs from the ES modules.
const commandBundle = /^[a-z]+$/.test(argv[0] ?? '') ? join(root, 'dist', 'cli-bundle', `main-${argv[0]}.cjs`) : undefined;
const allCommands = join(root, 'dist', 'cli-bundle', 'main.cjs');
const commonJs =
  main !== bundle
    ? undefined
    : commandBundle && existsSync(commandBundle)
      ? commandBundle
      : ['--help', '-h', '--version', '-V'].includes(argv[0]) && existsSync(allCommands)
        ? allCommands
        : undefined;
if (!existsSync(main)) {
  process.stderr.write('keycard: the CLI is not built yet; run `npm run build` in ' + root + '\n');
  process.exit(4);
}
// A closed pipe (`keycard ... | head`) ends the run quietly, as other CLI tools do. The CommonJS
// runs write to the descriptors themselves (src/text/stdio.ts, which also ends a run on a closed
// pipe): Node's stream objects cost about 6 ms to make. Not on Windows, whose console and pipes
// need the streams.
if (commonJs && process.platform !== 'win32') globalThis[Symbol.for('keycard.direct-stdio')] = true;
else {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e) => {
      if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}

async function start() {
  if (commonJs) {
    const { runBundle } = require(join(root, 'dist', 'cli-bundle', 'boot.cjs'));
    return runBundle(commonJs, argv);
  }
  const { run } = await import(pathToFileURL(main).href);
  return run(argv);
}
start().then(
  (code) => {
    // A CommonJS run wrote everything synchronously (src/text/stdio.ts) and left nothing pending:
    // it exits now, without Node tearing down a heap no one reads again (a few ms of every run).
    if (globalThis[Symbol.for('keycard.direct-stdio')] === true) process.exit(code);
    process.exitCode = code;
  },
  (e) => {
    // run() turns every error into a diagnostic; this is only a failure to load the CLI itself.
    process.stderr.write(`keycard: internal error: ${e && e.message ? e.message : String(e)}\n`);
    process.exitCode = 4;
  },
);
