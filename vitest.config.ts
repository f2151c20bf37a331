import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files share each fork's module cache (the catalog, managed policies, compiled schemas):
    // the suite takes less than half the CPU. Tests restore the process state they change
    // (cwd, env: test/cli/helpers.ts, test/temp.ts); a shuffled run passes too.
    isolate: false,
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
  },
});
