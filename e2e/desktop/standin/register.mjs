// Loaded with `node --import` before the built main: resolves `electron` to the stand-in
// (./electron/index.ts, compiled by tsx, which is imported first). Nothing else is redirected.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
      const standin = ${JSON.stringify(new URL('./electron/index.ts', import.meta.url).href)};
      export async function resolve(specifier, context, next) {
        if (specifier === 'electron') return { url: standin, shortCircuit: true, format: 'module' };
        return next(specifier, context);
      }
    `),
);
