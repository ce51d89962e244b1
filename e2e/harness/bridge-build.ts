// Builds the browser end of the bridge (bridge-client.ts) for tests only, into
// test-results/harness/<use>/, never into the production out/renderer.
// Playwright's global setup builds it once per run ('e2e') and passes the path
// on in WARREN_BRIDGE_CLIENT; a harness started without it (`npm run harness`)
// builds its own ('standalone').
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Bundles bridge-client.ts (with the src-shared code it imports) and answers the
 * built file's path. It is built beside its place and renamed into it, so a
 * harness of another run that serves the file meanwhile never finds it missing.
 */
export async function buildBridgeClient(use: 'e2e' | 'standalone'): Promise<string> {
  const base = path.join(repo, 'test-results', 'harness');
  const outDir = path.join(base, use);
  const staging = path.join(base, `.build-${use}-${process.pid}`);
  await build({
    configFile: false,
    root: repo,
    logLevel: 'warn',
    build: {
      outDir: staging,
      emptyOutDir: true,
      target: 'chrome130',
      sourcemap: true,
      minify: false,
      copyPublicDir: false,
      lib: { entry: path.join(repo, 'e2e/harness/bridge-client.ts'), formats: ['es'], fileName: () => 'bridge-client.js' },
    },
  });
  mkdirSync(outDir, { recursive: true });
  for (const name of ['bridge-client.js.map', 'bridge-client.js']) renameSync(path.join(staging, name), path.join(outDir, name));
  rmSync(staging, { recursive: true, force: true });
  return path.join(outDir, 'bridge-client.js');
}
