// axe on every main screen, in both themes: 0 serious or critical violations.
// Each screen is checked softly so one run lists every screen's problems.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';

for (const theme of ['dark', 'light'] as const) {
  test(`every main screen passes axe in the ${theme} theme`, async ({ app, sshd }) => {
    // Eight axe runs over a full page: slow on a loaded two-core machine.
    test.setTimeout(180_000);
    await app.a11y.osPrefers(theme);
    await expect.poll(() => app.a11y.appTheme()).toBe(theme);
    const clean = async (screen: string) => expect.soft(await app.a11y.violations(), `${screen} (${theme})`).toEqual([]);
    const login = { host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath };

    await app.hosts.addFolder('Production');
    await app.hosts.add({ name: 'web-01', ...login, folder: 'Production' });
    await app.hosts.add({ name: 'build box', ...login });
    await clean('host tree');
    // Keyboard focus shows: ArrowDown from the search box lands on a row with a ring.
    await app.hosts.searchAndEnterResults('');
    await expect.poll(() => app.a11y.focusRing()).toMatch(/^solid [2-9]px$/);

    await app.hosts.newHostButton().click();
    await expect(app.hosts.newHostForm().root).toBeVisible();
    await clean('host form');
    await app.gallery.snapshot(`host-form-${theme}`);
    await app.press('Escape');
    await expect(app.hosts.newHostForm().root).toBeHidden();

    await app.hosts.open('build box');
    await app.terminal.waitConnected();
    await app.terminal.type('echo ready-$((40+2))\n');
    await expect.poll(() => app.terminal.text()).toContain('ready-42');
    await clean('terminal');

    await app.files.open('web-01');
    await clean('files');
    // Nothing is selected on the remote side: Download is disabled and looks it.
    await expect(app.files.remote.transferButton()).toBeDisabled();
    expect(await app.a11y.opacity(app.files.remote.transferButton())).toBeLessThan(0.6);

    await app.tunnels.open();
    const form = await app.tunnels.add({ name: 'web', listenPort: 8080, destinationHost: '127.0.0.1', destinationPort: 80 });
    await expect(form.root).toBeHidden();
    await expect(app.tunnels.row('web')).toBeVisible();
    await clean('tunnels');
    await app.tunnels.close(); // the Hosts tab holds Import… and Keys…

    await app.settings.open();
    await clean('settings');
    await app.gallery.snapshot(`settings-${theme}`);
    await app.settings.close();

    const config = path.join(mkdtempSync(path.join(os.tmpdir(), 'warren-a11y-')), 'config');
    writeFileSync(config, `Host staging\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User ${sshd.user}\n\nHost db\n  HostName 127.0.0.1\n  ForwardAgent yes\n`);
    await app.importer.open();
    await app.importer.read(config);
    await expect(app.importer.candidate('staging')).toBeVisible();
    await clean('import dialog');
    await app.gallery.snapshot(`import-${theme}`);
    await app.press('Escape');
    await expect(app.importer.root).toBeHidden();

    await app.keys.open();
    await expect(app.keys.root).toBeVisible();
    await clean('keys dialog');
    await app.gallery.snapshot(`keys-${theme}`);
    await app.press('Escape');
  });
}
