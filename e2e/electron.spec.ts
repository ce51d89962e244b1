// Launches the real Electron app. The Electron binary cannot be downloaded on
// every machine (not on our build machines), so this reports itself skipped,
// with the reason, where it is missing: `npx install-electron` fetches it.
// Everything it drives through the window also runs in the harness specs;
// what only Electron has is checked here: the window's security as the page
// sees it, the preload's API, ssh:// links through the OS's entry points
// (open-url, a second launch) and the single-instance lock.
import { _electron as electron, type ElectronApplication } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { AppPage } from './pages/app-page';
import { requestNames, type TunnelView } from '../src-shared/contract';
import { trayMenu } from '../src-main/tunnels/tray-menu';
import { freePort } from '../test-support/sshd';

function electronBinary(): string | null {
  const dir = path.resolve('node_modules/electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const sandboxArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

test('the Electron app: a hardened single-instance window that connects, forwards and takes ssh:// links only after asking', async ({ sshd }) => {
  test.skip(!binary, 'Electron binary not installed (node_modules/electron/dist is missing; run `npx install-electron` where downloads work)');
  test.setTimeout(120_000);
  const userData = mkdtempSync(path.join(os.tmpdir(), 'warren-electron-'));
  const env = { ...process.env, WARREN_USER_DATA: userData };
  const electronApp: ElectronApplication = await electron.launch({ executablePath: binary!, args: ['.', ...sandboxArgs], env });
  try {
    const page = await electronApp.firstWindow();
    const warren = new AppPage(page);
    await expect(warren.hosts.newHostButton()).toBeVisible();

    // What a script that got into the page could reach: no Node, no eval, only the contract's API.
    const probe = await warren.desktop.securityProbe();
    expect(probe.require).toBe('undefined');
    expect(probe.process).toBe('undefined');
    expect(probe.evalBlocked).toBe(true);
    expect(probe.csp).toContain("default-src 'none'");
    const domains = [...new Set(requestNames.map((n) => n.split(':')[0]!))];
    expect(probe.warrenKeys).toEqual([...domains, 'on', 'pathForFile', 'startDrag'].sort());

    // The data folder is the owner's alone.
    if (process.platform !== 'win32') {
      expect(statSync(userData).mode & 0o777).toBe(0o700);
      await expect.poll(() => existsSync(path.join(userData, 'settings.json'))).toBe(true);
      expect(statSync(path.join(userData, 'settings.json')).mode & 0o777).toBe(0o600);
    }

    // A saved host: connect, type, see the echo.
    await warren.hosts.add({ name: 'electron sshd', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
    await warren.hosts.open('electron sshd');
    await warren.terminal.waitConnected();
    await warren.terminal.type('echo warren-$((6*7))\n');
    await expect.poll(() => warren.terminal.text()).toContain('warren-42');

    // A forward switched on, and the tray's items built from what main lists.
    const listenPort = await freePort();
    await warren.tunnels.open();
    await warren.tunnels.add({ name: 'web', listenPort, destinationHost: '127.0.0.1', destinationPort: sshd.port });
    await warren.tunnels.toggle('web');
    await expect(warren.tunnels.row('web')).toHaveState('on');
    const listed = await warren.desktop.hostsAndTunnels();
    const tray = trayMenu(listed.hosts, listed.tunnels as TunnelView[]);
    expect(tray.items.find((i) => i.type === 'forward')).toMatchObject({ checked: true });
    expect(tray.tooltip).toBe('Warren — 1 tunnel on');
    await warren.tunnels.close();

    // ssh:// links: ignored until the user turns them on, refused when they carry more than user@host:port.
    const link = `ssh://${sshd.user}@127.0.0.1:${sshd.port}`;
    const openUrl = (url: string) => electronApp.evaluate(({ app }, u) => void app.emit('open-url', { preventDefault() {} }, u), url);
    await openUrl(link);
    await expect(warren.desktop.anyDialog()).toBeHidden();
    await warren.settings.open();
    await warren.desktop.switch('Open ssh:// links with Warren').check();
    await warren.settings.close();
    await openUrl('ssh://-oProxyCommand=touch%20/tmp/x@127.0.0.1');
    await expect(warren.desktop.anyDialog()).toBeHidden();
    await openUrl(link);
    await expect(warren.desktop.linkConfirmation(`${sshd.user}@127.0.0.1:${sshd.port}`)).toBeVisible();
    await warren.dialogs.confirm('Cancel');

    // A second launch hands its link to this window and quits: one process owns the settings file.
    const second = spawn(binary!, ['.', ...sandboxArgs, link], { env, stdio: 'ignore' });
    const exitCode = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(exitCode).toBe(0);
    await expect(warren.desktop.linkConfirmation(`${sshd.user}@127.0.0.1:${sshd.port}`)).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('electron-link-confirmation.png') });
    await warren.dialogs.confirm('Cancel');
  } finally {
    await electronApp.close();
  }
});
