/**
 * The name of the CLI bundles' build (scripts/bundle-cli.mjs writes it into every file of one build;
 * src/cli/code-cache.ts and the ES module bundle's banner set it). keycard's caches are keyed by it,
 * so a build never reads another's entries, and every command, the explorer and the scenario workers
 * of one build share them. Outside the bundles (the library, tsc's output, the tests) there is none.
 */
export const BUILD_KEY = Symbol.for('keycard.build');

/** The bundle's build, or undefined outside the CLI bundles. */
export function bundleBuild(): string | undefined {
  const build = (globalThis as Record<symbol, unknown>)[BUILD_KEY];
  return typeof build === 'string' ? build : undefined;
}
