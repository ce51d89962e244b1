// What ships: the Electron fuses electron-builder flips, the native-rebuild
// hook's decision, and a renderer bundle with none of the e2e harness in it.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

describe('electron-builder config', () => {
  // js-yaml comes with electron-builder: the same parser reads the file when packaging.
  const yaml = require('js-yaml') as { load(text: string): unknown };
  const config = yaml.load(readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

  it('sets the fuses that keep code from being injected into the packaged app', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('rebuilds native modules through the hook that says when it cannot', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.beforeBuild).toBe('scripts/native-rebuild.cjs');
    expect(config.asar).not.toBe(false);
  });
});

describe('the native-rebuild hook', () => {
  const hook = require(path.join(repo, 'scripts/native-rebuild.cjs')) as {
    default: unknown;
    headersUrl(version: string, env: Record<string, string>): string;
    rebuildPlan(input: { version: string; cached: boolean; reachable: boolean; skip: boolean; url: string }): { rebuild: boolean; message: string };
  };
  const url = hook.headersUrl('45.4.1', {});

  it('asks for the headers where node-gyp fetches them, or the configured mirror', () => {
    expect(url).toBe('https://www.electronjs.org/headers/v45.4.1/node-v45.4.1-headers.tar.gz');
    expect(hook.headersUrl('45.4.1', { npm_config_disturl: 'https://mirror.example/h/' })).toBe('https://mirror.example/h/v45.4.1/node-v45.4.1-headers.tar.gz');
    expect(typeof hook.default).toBe('function');
  });

  it('rebuilds when the headers are cached or reachable, and says so loudly when not', () => {
    expect(hook.rebuildPlan({ version: '45.4.1', cached: true, reachable: false, skip: false, url }).rebuild).toBe(true);
    expect(hook.rebuildPlan({ version: '45.4.1', cached: false, reachable: true, skip: false, url }).rebuild).toBe(true);
    const offline = hook.rebuildPlan({ version: '45.4.1', cached: false, reachable: false, skip: false, url });
    expect(offline.rebuild).toBe(false);
    expect(offline.message).toContain('NOT rebuilt for Electron 45.4.1');
    expect(offline.message).toContain(url);
    expect(hook.rebuildPlan({ version: '45.4.1', cached: true, reachable: true, skip: true, url }).rebuild).toBe(false);
  });
});

describe('the production renderer bundle', () => {
  it('contains none of the e2e harness (no bridge client, no WebSocket)', async () => {
    const { build } = await import('vite');
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'warren-bundle-'));
    try {
      await build({ configFile: path.join(repo, 'vite.config.ts'), root: path.join(repo, 'src-renderer'), logLevel: 'silent', build: { outDir, emptyOutDir: true, sourcemap: false } });
      const files = readdirSync(outDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
      expect(files.some((f) => f.name.endsWith('.js'))).toBe(true);
      const text = files.map((f) => readFileSync(path.join(f.parentPath, f.name), 'utf8')).join('\n');
      for (const marker of ['__harness', 'warren-bridge', 'bridge connection failed', 'WebSocket']) expect(text, marker).not.toContain(marker);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 120_000);
});
