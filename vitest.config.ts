import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'electron/**/*.test.ts',
      'shared/**/*.test.ts',
      'renderer/src/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    // Tests run the built CLI and package the built app: build first when out/ is stale.
    globalSetup: ['scripts/vitest-global-setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Real servers on loopback and real child processes: keep files from fighting over ports.
    fileParallelism: false,
  },
});
