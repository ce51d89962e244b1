// The Electron main process (ESM) and the sandboxed preload (one CommonJS
// file: a sandboxed preload cannot load other modules).
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

const target = process.env.WARREN_BUILD_TARGET ?? 'main';
const node = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default defineConfig(
  target === 'main'
    ? {
        build: {
          ssr: 'src-main/main.ts',
          outDir: 'out/main',
          emptyOutDir: true,
          target: 'node22',
          sourcemap: true,
          rollupOptions: { output: { format: 'es', entryFileNames: 'main.js' } },
        },
        // Runtime dependencies stay external (loaded from node_modules).
        ssr: { noExternal: ['zod'] },
      }
    : {
        build: {
          ssr: 'src-main/preload.ts',
          outDir: 'out/preload',
          emptyOutDir: true,
          target: 'node22',
          rollupOptions: { external: ['electron', ...node], output: { format: 'cjs', entryFileNames: 'preload.cjs' } },
        },
        ssr: { noExternal: true },
      },
);
