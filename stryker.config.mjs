// @ts-check
/**
 * Mutation testing (`npm run mutate`, not part of CI): StrykerJS changes the pure core, the
 * applier and the throttle one small edit at a time and runs the unit tests that cover each
 * edit; a mutant that no test notices is a behaviour no test checks. The HTML report is
 * reports/mutation/mutation.html; the run is incremental (reports/stryker-incremental.json).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  mutate: ['src/core/**/*.ts', 'src/sync/apply.ts', 'src/cleverbridge/throttle.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // apply.test.ts waits on real timers (retries, a 429's Retry-After): give a mutant room.
  timeoutMS: 20_000,
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  // Only what the tests need is copied into the sandbox.
  ignorePatterns: ['dist', 'state', 'bench', 'docs', '.ci', 'reports', '.scratch', '*.log'],
  cleanTempDir: true,
  // Stryker rewrites the tsconfig's out-of-sandbox paths with TypeScript's JS API, which the
  // TypeScript 7 package does not have; ours has no such paths, so point it at no file.
  tsconfigFile: 'no-tsconfig-to-rewrite.json',
};
