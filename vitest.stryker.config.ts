import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files whose tests take longest, in the order they run last: properties, fuzzing, then real servers. */
const SLOW = ['.properties.test.ts', '.fuzz.test.ts', 'test/cleverbridge/throttle.test.ts', 'test/sync/apply.test.ts'];
const slowness = (spec: TestSpecification) => SLOW.findIndex((end) => spec.moduleId.endsWith(end));

/**
 * Quick unit tests first: Stryker stops a mutant's run at its first failing test, so a mutant
 * the unit tests kill never waits for the fuzzing or the applier's real servers.
 */
class QuickFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => slowness(a) - slowness(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

/**
 * The unit tests StrykerJS runs against its mutants (`npm run mutate`): the pure core's, the
 * applier's (test/sync/apply.test.ts) and the throttle's (test/cleverbridge/throttle.test.ts).
 * No global setup: these tests import src/ directly and need no dist/.
 */
export default defineConfig({
  test: {
    include: [
      'test/core/**/*.test.ts',
      'test/cleverbridge/map-product.test.ts',
      'test/cleverbridge/mutation-input.test.ts',
      'test/sync/apply.test.ts',
      'test/cleverbridge/throttle.test.ts',
    ],
    // A mutant that makes the applier hang fails its test after 6 s (the slowest takes about 2.5 s)
    // instead of waiting out Stryker's timeout, which also restarts the test runner.
    testTimeout: 6000,
    hookTimeout: 6000,
    sequence: { sequencer: QuickFirst },
  },
});
