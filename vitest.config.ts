import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Servers bind real ports and some tests wait on real timers (rate-limit windows).
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
