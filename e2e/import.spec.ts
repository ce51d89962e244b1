import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';

test('import from an ssh config: preview with notes, an unchecked host and skipped lines, then the imported host opens a terminal', async ({ app, sshd }) => {
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
      '  ServerAliveInterval 20',
      '  SendEnv LANG',
      '  IdentityAgent ~/.1password/agent.sock',
      '  SetEnv FOO=bar',
      '  ForwardX11 yes',
      'Host oldbox',
      '  HostName 10.9.9.9',
      '  ProxyCommand nc %h %p',
      '  ProxyUseFdpass yes',
      '  NoSuchOption 1',
      '',
    ].join('\n'),
  );
  await app.importer.open();
  await app.importer.read(config);
  await expect(app.importer.candidate('devbox')).toContainText(`devbox → ${sshd.user}@127.0.0.1:${sshd.port}`);
  await expect(app.importer.candidate('devbox')).toContainText('1 forward');
  // Every option not taken as written is named, with why.
  const notes = await app.importer.notes('devbox');
  await expect(notes).toContainText('ForwardX11 yes: not supported: X11 forwarding is not supported');
  // Environment variables are imported now, so they are not among the notes.
  await expect(notes).not.toContainText('SendEnv');
  await expect(notes).not.toContainText('SetEnv');
  // A host Warren cannot reach as configured starts unchecked, and says why.
  await expect(app.importer.candidate('oldbox')).toContainText('proxy command nc %h %p');
  await expect(app.importer.candidate('oldbox')).toContainText('Left unchecked — ProxyUseFdpass yes: not supported');
  await expect(app.importer.checkbox('oldbox')).not.toBeChecked();
  await expect(app.importer.checkbox('devbox')).toBeChecked();
  await expect(await app.importer.notes('oldbox')).toContainText("No ServerAliveInterval: Warren's default keepalive applies (every 30 s");
  await expect(app.importer.skippedLines()).toContainText(`${config}:18`);
  await app.importer.screenshot(test.info().outputPath('import-preview.png'));
  // Nothing changed yet.
  await expect(app.hosts.item('devbox')).toHaveCount(0);

  await app.importer.importHosts(1);
  await expect(app.notice('1 new and 0 updated hosts')).toBeVisible();
  await expect(app.hosts.folder('Imported from ssh config')).toBeVisible();
  await expect(app.hosts.item('devbox')).toBeVisible();
  await expect(app.hosts.item('oldbox')).toHaveCount(0);

  await app.hosts.open('devbox');
  await app.terminal.waitConnected();
  await app.terminal.type('echo imported-$((3*3))\n');
  await expect.poll(() => app.terminal.text()).toContain('imported-9');
});
