// Save… in "Export as ssh config": with no native Save dialog (the harness),
// the typed path is where the file goes; what lands on disk is the export,
// 0600, read back by the real ssh; a file already there is replaced only
// after Replace.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { sshG } from '../test-support/openssh-oracle';

test('Save… writes two exported hosts to a typed path, and replaces a file only after Replace', async ({ app, sshd, page }) => {
  await app.hosts.addFolder('prod');
  await app.hosts.add({ name: 'web one', host: '10.0.0.11', port: 2201, user: 'ann', keyPath: sshd.clientKeyPath, folder: 'prod' });
  await app.hosts.add({ name: 'web two', host: '10.0.0.12', port: 2202, user: 'bob', keyPath: sshd.clientKeyPath, folder: 'prod' });
  const dialog = await app.exportSave.exportFolder(app.hosts, 'prod');

  const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-export-save-'));
  const file = path.join(dir, 'warren.conf');
  await app.exportSave.saveAsTyped(dialog, file);
  await expect(app.exportSave.saved(dialog, file)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('export-saved.png') });

  const text = readFileSync(file, 'utf8');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const env = { ...process.env, HOME: dir };
  expect(sshG(file, 'web-one', env)?.get('hostname')).toEqual(['10.0.0.11']);
  expect(sshG(file, 'web-one', env)?.get('user')).toEqual(['ann']);
  expect(sshG(file, 'web-two', env)?.get('port')).toEqual(['2202']);
  expect(sshG(file, 'web-two', env)?.get('user')).toEqual(['bob']);

  // A file of the user's own is never overwritten unasked.
  const mine = path.join(dir, 'mine.conf');
  writeFileSync(mine, '# my own config\n', { mode: 0o644 });
  await app.exportSave.typeAndSave(dialog, mine);
  await expect(app.exportSave.alreadyThere(dialog)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('export-exists.png') });
  expect(readFileSync(mine, 'utf8')).toBe('# my own config\n');
  await app.exportSave.replace(dialog);
  await expect(app.exportSave.saved(dialog, mine)).toBeVisible();
  expect(readFileSync(mine, 'utf8')).toBe(text);
  expect(statSync(mine).mode & 0o777).toBe(0o600);
});
