// A build rule for the preload: Electron loads it in a sandboxed renderer, whose `require` is a
// polyfill that knows only `electron` and the Node builtins `events`, `timers` and `url` (also as
// `node:…`), and cannot load a second file
// (https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts). Our preload is held
// to less than the sandbox allows: one CommonJS file whose only require is `electron` — it needs
// nothing else, and a builtin creeping in (a bundled `events` shim, say) is worth a look.
import type { Plugin } from 'vite';

/** What the built preload may require; anything else fails the build. */
export const SANDBOX_MODULES: readonly string[] = ['electron'];

/**
 * Every module name a CommonJS bundle asks for with require("…") or import("…"). No word
 * boundary before the name: bundlers call through helpers such as esbuild's `__require("x")`
 * or a renamed `require$1("x")`, and those load modules just the same.
 */
export function requiredModules(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(/(?:require|import)(?:\$\d+)?\s*\(\s*(["'`])([^"'`]+)\1\s*\)/g)) {
    if (m[2]) names.add(m[2]);
  }
  return [...names];
}

/** What is wrong with a built preload, in words a build log can show; empty when it is fine. */
export function preloadProblems(files: { name: string; code: string }[]): string[] {
  const problems: string[] = [];
  if (files.length !== 1) {
    problems.push(
      `the preload must be one file, but the build wrote ${files.length}: ${files.map((f) => f.name).join(', ')}`,
    );
  }
  for (const file of files) {
    if (/^\s*import\s|^\s*export\s/m.test(file.code)) {
      problems.push(`${file.name} is an ES module; a sandboxed preload must be CommonJS`);
    }
    for (const name of requiredModules(file.code)) {
      if (!SANDBOX_MODULES.includes(name)) {
        problems.push(
          `${file.name} requires "${name}", but a sandboxed preload may require only ${SANDBOX_MODULES.join(', ')} (Electron's loader knows electron, events, timers and url, and no npm package or second file)`,
        );
      }
    }
  }
  return problems;
}

/** Fails `electron-vite build` when the preload bundle breaks the rule. */
export function sandboxedPreloadCheck(): Plugin {
  return {
    name: 'peak-watch:sandboxed-preload',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.values(bundle).flatMap((out) =>
        out.type === 'chunk' ? [{ name: out.fileName, code: out.code }] : [],
      );
      const problems = preloadProblems(files);
      if (problems.length) {
        this.error(`The sandboxed preload would not load in Electron:\n- ${problems.join('\n- ')}`);
      }
    },
  };
}
