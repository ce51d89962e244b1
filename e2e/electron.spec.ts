// Launches the real Electron app. The Electron binary cannot be downloaded on
// every machine (not on our build machines), so this reports itself skipped,
// with the reason, where it is missing: `npx install-electron` fetches it.
import { _electron as electron } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { AppPage } from './pages/app-page';
import { requestNames } from '../src-shared/contract';

function electronBinary(): string | null {
  const dir = path.resolve('node_modules/electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();

test('the Electron app opens a sandboxed window and connects to a saved host', async ({ sshd }) => {
  test.skip(!binary, 'Electron binary not installed (node_modules/electron/dist is missing; run `npx install-electron` where downloads work)');
  const userData = mkdtempSync(path.join(os.tmpdir(), 'warren-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: ['.', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: { ...process.env, WARREN_USER_DATA: userData },
  });
  try {
    const page = await app.firstWindow();
    const warren = new AppPage(page);
    await expect(warren.hosts.newHostButton()).toBeVisible();
    // The page has the contract's API and no Node.
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    const domains = [...new Set(requestNames.map((n) => n.split(':')[0]!))];
    expect(await page.evaluate(() => Object.keys((window as unknown as { warren: object }).warren).sort())).toEqual([...domains, 'on', 'pathForFile', 'startDrag'].sort());
    await warren.hosts.add({ name: 'electron sshd', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
    await warren.hosts.open('electron sshd');
    await expect(warren.terminal.pane()).toHaveState('connected');
  } finally {
    await app.close();
  }
});
