import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: more workers only make the real-server tests fight for CPU.
    maxWorkers: 2,
    teardownTimeout: 10_000,
  },
});
