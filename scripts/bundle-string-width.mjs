// esbuild plugin for scripts/bundle-cli.mjs: Ink, cli-truncate and widest-line get the explorer's
// string-width (dist/tui/string-width.js: string-width with a fast path for the characters its
// frames are drawn with, the same answers; see that file). wrap-ansi's own older string-width and
// the wrapper's import of the real one are left as they are. tsc's output (KEYCARD_NO_BUNDLE=1)
// and the tests use string-width itself.
import { createRequire } from 'node:module';
import { join } from 'node:path';

export function explorerStringWidth(root) {
  const real = createRequire(join(root, 'package.json')).resolve('string-width');
  const wrapper = join(root, 'dist/tui/string-width.js');
  return {
    name: 'explorer-string-width',
    setup(build) {
      build.onResolve({ filter: /^string-width$/ }, async (args) => {
        if (args.pluginData === 'resolving' || args.importer === wrapper) return undefined;
        const found = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: 'resolving',
        });
        return found.path === real ? { path: wrapper } : found;
      });
    },
  };
}
