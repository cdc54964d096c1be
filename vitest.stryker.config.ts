import { defineConfig } from 'vitest/config';

/**
 * The unit tests StrykerJS runs against its mutants (`npm run mutate`): the pure core, the
 * applier and the throttle. No global setup: these tests import src/ directly and need no dist/.
 */
export default defineConfig({
  test: {
    include: ['test/core/**/*.test.ts', 'test/sync/apply.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
