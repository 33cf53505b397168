import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // codemirror-promql has no "exports" map, so Node would load its CommonJS build, and with it
    // CommonJS copies of @codemirror/* beside the ES ones a test imports (CodeMirror then refuses
    // the mixed extensions). Its ES build is what the renderer's bundle uses; tests use it too.
    alias: {
      '@prometheus-io/codemirror-promql': '@prometheus-io/codemirror-promql/dist/esm/index.js',
    },
  },
  test: {
    include: [
      'electron/**/*.test.ts',
      'shared/**/*.test.ts',
      'renderer/src/**/*.test.ts',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    // Tests run the built CLI and package the built app: build first when out/ is stale.
    globalSetup: ['scripts/vitest-global-setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Real servers on loopback and real child processes: keep files from fighting over ports.
    fileParallelism: false,
    server: { deps: { inline: ['@prometheus-io/codemirror-promql'] } },
  },
});
