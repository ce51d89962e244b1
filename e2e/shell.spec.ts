// The desktop shell's parts that run in the harness: Browse… buttons (the
// harness has no native dialog, so the typed path must stay usable) and the
// Desktop settings, which persist here but have no OS effect (that part runs
// in e2e/electron.spec.ts where an Electron binary exists).
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';

test('Browse… without a native file dialog hands the user the typed-path field', async ({ app, page }) => {
  const form = await app.desktop.openNewHostForm();
  await app.desktop.browseButton(form, 'Choose a key file').click();
  await expect(app.desktop.browseNote(form)).toHaveText('No file dialog is available here: type the path.');
  const field = app.desktop.pathField(form, 'Private key file (optional)');
  await expect(field).toBeFocused();
  await page.keyboard.type('~/.ssh/id_test');
  await expect(field).toHaveValue('~/.ssh/id_test');
  await page.screenshot({ path: test.info().outputPath('host-form-browse.png') });
  await app.dialogs.confirm('Cancel');

  await app.importer.open();
  await app.desktop.browseButton(app.importer.root, 'Choose the file to import').click();
  await expect(app.desktop.browseNote(app.importer.root)).toBeVisible();
  await expect(app.desktop.pathField(app.importer.root, 'Config file')).toBeFocused();
});

test('Desktop settings are off by default and stay as set after a restart', async ({ app, harness }) => {
  await app.settings.open();
  for (const name of ['Keep running in the tray when the window closes', 'Start Warren at login', 'Open ssh:// links with Warren', 'Notify me when a tunnel drops or comes back'] as const) {
    await expect(app.desktop.switch(name)).not.toBeChecked();
  }
  await app.desktop.switch('Open ssh:// links with Warren').check();
  await app.desktop.switch('Keep running in the tray when the window closes').check();
  await expect(app.desktop.switch('Open ssh:// links with Warren')).toBeChecked();
  await app.desktop.desktopSection().screenshot({ path: test.info().outputPath('desktop-settings.png') });
  await app.settings.close();

  const file = path.join(harness.dataDir, 'settings.json');
  await expect.poll(() => JSON.parse(readFileSync(file, 'utf8')).app?.desktop).toEqual({ keepInTray: true, startAtLogin: false, openSshLinks: true, notifyForwards: false });
  // Host names, users and key paths are nobody else's business.
  if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

  await app.open((await harness.restart()).url);
  await app.settings.open();
  await expect(app.desktop.switch('Open ssh:// links with Warren')).toBeChecked();
  await expect(app.desktop.switch('Keep running in the tray when the window closes')).toBeChecked();
  await expect(app.desktop.switch('Start Warren at login')).not.toBeChecked();
});
