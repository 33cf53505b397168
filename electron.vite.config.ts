import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { emptyBlockCheck } from './scripts/build/dropped-checks';
import { sandboxedPreloadCheck } from './scripts/build/sandboxed-preload';

// Layout follows DESIGN.md: electron/ (main + preload), renderer/, shared/.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The CLI is a second input of the same build, so out/main/cli.js shares chunks with
      // main.js and ships in the app (run by the app's binary with ELECTRON_RUN_AS_NODE=1).
      rollupOptions: {
        input: {
          main: resolve(__dirname, 'electron/main.ts'),
          cli: resolve(__dirname, 'electron/cli.ts'),
        },
      },
    },
    // A check a bundler deleted leaves an empty block behind: fail the build (dropped-checks.ts).
    plugins: [emptyBlockCheck()],
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(__dirname, 'electron/preload.ts') },
        // A sandboxed preload cannot load ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
    // Electron's sandboxed preload loader can require only `electron`: fail the build otherwise.
    plugins: [sandboxedPreloadCheck(), emptyBlockCheck()],
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves bundles unminified; the renderer is also served over HTTP.
      minify: true,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
    plugins: [react(), emptyBlockCheck()],
  },
});
