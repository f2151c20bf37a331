// esbuild plugin for scripts/bundle-cli.mjs: Ink gets the explorer's fast paths in place of two
// packages, in the CLI bundle only (tsc's output, KEYCARD_NO_BUNDLE=1, and the tests use the
// packages themselves). Each gives the package's answers, faster for what the explorer draws:
// - string-width (imported by Ink, cli-truncate, widest-line) → dist/tui/string-width.js;
//   wrap-ansi's own older string-width is left as it is;
// - @alcalzone/ansi-tokenize (Ink's output.js) → dist/tui/ansi-tokenize.js.
// The replacements import the real packages; those imports are left as they are.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function explorerFastPaths(root) {
  // Resolved as esbuild resolves them from Ink (ES module packages: the "import" condition).
  const resolve = (name) => fileURLToPath(import.meta.resolve(name));
  const swaps = [
    { name: 'string-width', real: resolve('string-width'), by: join(root, 'dist/tui/string-width.js') },
    { name: '@alcalzone/ansi-tokenize', real: resolve('@alcalzone/ansi-tokenize'), by: join(root, 'dist/tui/ansi-tokenize.js') },
  ];
  return {
    name: 'explorer-fast-paths',
    setup(build) {
      for (const { name, real, by } of swaps) {
        const filter = new RegExp(`^${name.replace(/[/.]/g, '\\$&')}$`);
        build.onResolve({ filter }, async (args) => {
          if (args.pluginData === 'resolving' || args.importer === by) return undefined;
          const found = await build.resolve(args.path, {
            kind: args.kind,
            resolveDir: args.resolveDir,
            importer: args.importer,
            pluginData: 'resolving',
          });
          return found.path === real ? { path: by } : found;
        });
      }
    },
  };
}
