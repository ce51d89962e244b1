// The README's gallery: the host tree, a split terminal, files with a transfer
// running, and tunnels, each in the dark and the light theme, at 1400×900.
// WARREN_GALLERY=1 writes them to docs/gallery/; any other run keeps them in
// the test's output folder (and still checks every screen gets there).
import { closeSync, mkdirSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { freePort } from '../test-support/sshd';
import { test, expect } from './fixtures';
import type { AppPage } from './pages/app-page';

/** Both themes of one scene, the dark one first; the app is left dark. */
async function inBothThemes(app: AppPage, name: string): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await app.a11y.osPrefers(theme);
    await expect.poll(() => app.a11y.appTheme()).toBe(theme);
    const file = await app.gallery.shot(`${name}-${theme}`);
    expect(file).toMatch(new RegExp(`${name}-${theme}\\.png$`));
  }
  await app.a11y.osPrefers('dark');
}

function files(dir: string, names: Record<string, number>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, size] of Object.entries(names)) {
    if (name.endsWith('/')) mkdirSync(path.join(dir, name), { recursive: true });
    else writeFileSync(path.join(dir, name), Buffer.alloc(size, 'x'));
  }
}

test('gallery: tree, split terminal, files with a transfer, tunnels — dark and light', async ({ app, sshd }) => {
  test.setTimeout(300_000);
  await app.gallery.useGallerySize();
  const login = { host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath };

  await app.hosts.addFolder('Production');
  await app.hosts.addFolder('Staging');
  await app.hosts.add({ name: 'web-01', ...login, folder: 'Production' });
  await app.hosts.add({ name: 'web-02', ...login, folder: 'Production' });
  await app.hosts.add({ name: 'db-primary', ...login, folder: 'Production' });
  await app.hosts.add({ name: 'staging-app', ...login, folder: 'Staging' });
  await app.hosts.add({ name: 'build box', ...login });
  await app.hosts.add({ name: 'raspberry pi', ...login });

  await app.hosts.open('web-01');
  await app.terminal.waitConnected();
  await app.terminal.type('clear; ls -l --color=always /usr; echo; uname -sr\n');
  await expect.poll(() => app.terminal.text()).toMatch(/Linux \d/);
  await app.hosts.select('web-01');
  await inBothThemes(app, 'tree');

  await app.terminal.toolbarButton('Split right').click();
  await app.terminal.waitPanesConnected(2);
  await app.terminal.clickPane(1);
  await app.terminal.type('clear; top -b -n 1 -w $(tput cols) | head -n $(($(tput lines) - 1))\n');
  await expect.poll(() => app.terminal.paneText(1)).toMatch(/PID USER/);
  await inBothThemes(app, 'terminal-split');

  const local = mkdtempSync(path.join(os.tmpdir(), 'warren-gallery-'));
  const remote = path.join(sshd.dir, 'gallery-remote');
  files(local, { 'photos/': 0, 'notes.md': 2_400, 'deploy.sh': 900, 'release-2.4.1.tar.gz': 3_200_000, 'site.conf': 1_700 });
  files(remote, { 'backups/': 0, 'logs/': 0, 'www/': 0, 'nginx.conf': 2_900, 'app.env': 400, 'README.md': 5_100 });
  // Sparse, so it costs no disk here, and big enough to still be running while both pictures are taken.
  const big = openSync(path.join(local, 'vm-image.qcow2'), 'w');
  ftruncateSync(big, 8 * 1024 ** 3);
  closeSync(big);
  await app.files.open('db-primary');
  await app.files.local.goTo(local);
  await app.files.remote.goTo(remote);
  await app.files.upload('deploy.sh');
  await expect(app.files.transfer('deploy.sh')).toHaveState('done');
  await app.files.upload('release-2.4.1.tar.gz');
  await expect(app.files.transfer('release-2.4.1.tar.gz')).toHaveState('done');
  await app.files.upload('vm-image.qcow2');
  await expect(app.files.transfer('vm-image.qcow2')).toHaveState('running');
  await expect.poll(() => app.files.progressValue('vm-image.qcow2')).toBeGreaterThan(0);
  await app.files.local.select('notes.md');
  await inBothThemes(app, 'files');

  await app.terminal.tab('web-01').click();
  await app.tunnels.open();
  const socksPort = await freePort();
  await app.tunnels.add({ name: 'intranet web', listenPort: 8080, destinationHost: '127.0.0.1', destinationPort: 8000 });
  await app.tunnels.add({ name: 'postgres', listenPort: 15432, destinationHost: '127.0.0.1', destinationPort: 5432 });
  await app.tunnels.add({ name: 'socks proxy', kind: 'dynamic', listenPort: socksPort });
  await app.tunnels.toggle('socks proxy');
  await expect(app.tunnels.row('socks proxy')).toHaveState('on');
  await inBothThemes(app, 'tunnels');
});
