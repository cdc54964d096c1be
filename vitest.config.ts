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
    // time, though most of a file's time is spent waiting on its servers and timers. Two at a
    // time took the suite from 441 s to 329 s on such a machine. Three took today's suite from
    // 374 s to 341 s, but the CPU-bound tests slowed by half, and one passed its 30 s timeout.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
