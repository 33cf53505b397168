import { configDefaults, defineConfig } from 'vitest/config';
import { ALL_TEST_GLOBS, INTEGRATION_GLOBS } from './scripts/vitest-kinds.js';

// Two projects (scripts/vitest-kinds.ts says which file is which): `unit` is pure and runs files
// in parallel with no build; `integration` runs real processes and ports, one file at a time,
// after the build. `npm run test:unit` is the one to run while editing.
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
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ['@prometheus-io/codemirror-promql'] } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ALL_TEST_GLOBS,
          exclude: [...configDefaults.exclude, ...INTEGRATION_GLOBS],
          // A unit test that spawns a process or listens on a port fails, naming it.
          setupFiles: ['scripts/vitest-unit-setup.ts'],
          // Pure files share a worker's module cache instead of each re-importing vitest, zod
          // and CodeMirror: the run takes seconds rather than minutes. A unit test therefore
          // leaves no global behind (vi.unstubAllGlobals, vi.useRealTimers in afterEach).
          isolate: false,
          // With both projects in one run, the pure files finish before the serial ones start.
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION_GLOBS,
          // Tests run the built CLI and package the built app: build first when out/ is stale.
          globalSetup: ['scripts/vitest-global-setup.ts'],
          // Real servers on loopback and real child processes: keep files from fighting over ports.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
