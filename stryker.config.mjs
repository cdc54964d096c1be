// @ts-check
/**
 * Mutation testing (`npm run mutate`, not part of CI): StrykerJS changes the pure core, the
 * applier and the throttle one small edit at a time and runs the unit tests that cover each
 * edit; a mutant that no test notices is a behaviour no test checks. The reports are
 * reports/mutation/mutation.html and .json; the run is incremental: a second run tests again
 * only the mutants in changed code or covered by changed tests (reports/stryker-incremental.json).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  // related: false: each mutant runs the tests that covered it, found without a module-graph search.
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  mutate: [
    'src/core/**/*.ts',
    // The cleverbridge wire format catalog-sync maps to and from (moved out of the core).
    'src/cleverbridge/map-product.ts',
    'src/cleverbridge/mutation-input.ts',
    'src/sync/apply/applier.ts',
    'src/sync/apply/transitions.ts',
    'src/cleverbridge/throttle.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // Stryker's defaults: a mutant may take 1.5 times as long as its tests did unmutated, plus 5 s,
  // before it counts as a timeout (a hung test fails sooner: see vitest.stryker.config.ts).
  timeoutMS: 5000,
  timeoutFactor: 1.5,
  // Static mutants (module-level constants, evaluated once on import) each need every test
  // file, the applier's real-timer tests included: they alone took longer than the 15-minute
  // budget. They show in the report as Ignored and are not in the score.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Only what the tests need is copied into the sandbox.
  ignorePatterns: ['dist', 'state', 'bench', 'docs', '.ci', 'reports', '.scratch', '*.log'],
  cleanTempDir: true,
  // Stryker rewrites the tsconfig's out-of-sandbox paths with TypeScript's JS API, which the
  // TypeScript 7 package does not have; ours has no such paths, so point it at no file.
  tsconfigFile: 'no-tsconfig-to-rewrite.json',
};
