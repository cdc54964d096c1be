import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Servers bind real ports and some tests wait on real timers (rate-limit windows).
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default leaves one core free: on the 2-core CI machines that is one test file at a
    // time, though most of a file's time is spent waiting on its servers and timers (the daemon's
    // change event tests most of all). Two at a time took the suite from 441 s to 329 s on such a
    // machine; with today's suite, three took it from 374 s to 341 s.
    maxWorkers: Math.max(3, availableParallelism() - 1),
  },
});
