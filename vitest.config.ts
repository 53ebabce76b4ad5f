import { defineConfig } from 'vitest/config';

// Unit and engine tests run in Node; browser tests drive Debian's Chromium against `amelia serve`
// (built first by `npm test`). Media work is slow on two cores: generous timeouts, no timed assertions.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // A page answers slower on a loaded machine: polled expectations wait for it (no timing is asserted).
          expect: { poll: { timeout: 20_000, interval: 50 } },
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
