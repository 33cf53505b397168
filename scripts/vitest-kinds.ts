// The two kinds of vitest file, shared by vitest.config.ts (which project runs a file) and
// scripts/vitest-kinds.test.ts (the static check that keeps the unit project pure).
//
// unit: pure code — no child process, no listening port, no out/ — so it needs no build and its
// files run in parallel. integration: real processes, ports, Docker and the built app — serial,
// after the build. A file's name says its kind: integration files end in `.int.test.ts`.

/** Where test files live. */
export const TEST_ROOTS = ['electron', 'shared', 'renderer/src', 'scripts', 'bench'] as const;

export const INTEGRATION_SUFFIX = '.int.test.ts';

export const ALL_TEST_GLOBS = TEST_ROOTS.map((root) => `${root}/**/*.test.ts`);
export const INTEGRATION_GLOBS = [...TEST_ROOTS.map((root) => `${root}/**/*${INTEGRATION_SUFFIX}`)];

/** Whether a test file (path relative to the repository root, `/`-separated) is integration. */
export function isIntegrationTest(path: string): boolean {
  return path.endsWith(INTEGRATION_SUFFIX);
}

/** What a unit test file, or a test helper it imports, may not contain, and why. */
const FORBIDDEN: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /['"](?:node:)?child_process['"]/, why: 'imports child_process (runs a process)' },
  { pattern: /\brunCommand\s*\(/, why: 'calls runCommand (runs a process)' },
  { pattern: /\b(?:PROMETHEUS|PROMTOOL|VICTORIA\w*)_BIN\b/, why: 'runs a Prometheus binary' },
  { pattern: /\.listen\s*\(/, why: 'calls listen (opens a port)' },
  { pattern: /\bcreateServer\s*\(/, why: 'creates a server (opens a port)' },
  // startWebHost, startMetricsServer, startHeadless, startTestPrometheus, startBuiltServer, …
  { pattern: /\bstart[A-Z]\w*\s*\(/, why: 'starts a server, a process or a console' },
  { pattern: /\bcreateConsole\s*\(/, why: 'creates the console (servers and the stack)' },
  { pattern: /(?<![\w.-])out\/|['"]out['"]\s*[,)]/, why: 'refers to out/ (needs the build)' },
  { pattern: /bin\/peak-watch/, why: 'runs the built CLI' },
  { pattern: /['"]@?playwright(?:\/[\w-]+)?['"]/, why: 'drives Chromium' },
];

/** Why `source` does not belong in the unit project; empty when it does. */
export function unitProblems(source: string): string[] {
  return FORBIDDEN.filter(({ pattern }) => pattern.test(source)).map(({ why }) => why);
}

/**
 * Whether a module a test imports is test support (its own code, checked like the test) rather
 * than product code (which may import child_process for functions a unit test does not call).
 */
export function isTestSupport(path: string): boolean {
  return path.startsWith('e2e/') || /(?:^|[/-])testing\.ts$/.test(path);
}

/** The relative module specifiers a source imports (static and dynamic). */
export function relativeImports(source: string): string[] {
  const found: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const m of source.matchAll(re)) found.push(m[1]!);
  return found;
}
