import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores, three workers: most files wait on failovers, timeouts and lab start-up rather than the
    // CPU. Measured here: 2 workers 640 s of vitest (one core idle while labs settle), 3 workers 506 s,
    // same 137 files green. The server matrix keeps 2 per build (scripts/test-servers.ts), since it runs
    // two builds at once.
    maxWorkers: 3,
    teardownTimeout: 10_000,
  },
});
