// The renderer: a plain Vite + React build loaded from file:// by Electron
// (hence relative asset paths) and over http by the e2e harness. The harness's
// bridge client is not part of it: e2e/harness/bridge-build.ts builds that for
// tests only. WARREN_RENDERER_OUT builds elsewhere (and the harness serves
// from there), so two checkouts' test runs never serve each other's build.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: process.env.WARREN_RENDERER_OUT ?? '../out/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    rollupOptions: {
      input: { index: 'src-renderer/index.html' },
      output: { entryFileNames: 'assets/[name].js' },
    },
  },
});
