import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { sandboxedPreloadCheck } from './scripts/build/sandboxed-preload';

// Layout follows DESIGN.md: electron/ (main + preload), renderer/, shared/.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { main: resolve(__dirname, 'electron/main.ts') } },
    },
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
    plugins: [sandboxedPreloadCheck()],
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
    plugins: [react()],
  },
});
