import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';

test('import from an ssh config: preview with skipped lines, then the imported host opens a terminal', async ({ app, sshd }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-import-'));
  const config = path.join(dir, 'config');
  writeFileSync(
    config,
    [
      'Host devbox',
      '  HostName 127.0.0.1',
      `  Port ${sshd.port}`,
      `  User ${sshd.user}`,
      `  IdentityFile ${sshd.clientKeyPath}`,
      '  IdentitiesOnly yes',
      '  StrictHostKeyChecking accept-new',
      '  LocalForward 15432 db:5432',
      'Host oldbox',
      '  HostName 10.9.9.9',
      '  ProxyCommand nc %h %p',
      '  NoSuchOption 1',
      '',
    ].join('\n'),
  );
  await app.page.getByRole('button', { name: 'Import…' }).click();
  const dialog = app.page.getByRole('dialog').locator('.import-dialog');
  await dialog.getByLabel('Config file').fill(config);
  await dialog.getByRole('button', { name: 'Read' }).click();
  await expect(dialog.getByRole('listitem', { name: 'Import devbox' })).toContainText(`devbox → ${sshd.user}@127.0.0.1:${sshd.port}`);
  await expect(dialog.getByRole('listitem', { name: 'Import devbox' })).toContainText('1 forward');
  await expect(dialog.getByRole('listitem', { name: 'Import oldbox' })).toContainText('ProxyCommand nc %h %p is not supported');
  await expect(dialog.getByRole('list', { name: 'Lines skipped' })).toContainText(`${config}:12`);
  // Nothing changed yet.
  await expect(app.treeItem('devbox')).toHaveCount(0);

  await dialog.getByRole('listitem', { name: 'Import oldbox' }).getByRole('checkbox').uncheck();
  await dialog.getByRole('button', { name: 'Import 1 host' }).click();
  await expect(app.page.getByRole('alert').filter({ hasText: '1 new and 0 updated hosts' })).toBeVisible();
  await expect(app.folder('Imported from ssh config')).toBeVisible();
  await expect(app.treeItem('devbox')).toBeVisible();
  await expect(app.treeItem('oldbox')).toHaveCount(0);

  await app.openHost('devbox');
  await app.waitConnected();
  await app.typeInTerminal('echo imported-$((3*3))\n');
  await expect.poll(() => app.terminalText()).toContain('imported-9');
});
