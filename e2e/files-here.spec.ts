import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';

test('Open files here: the Files tab opens at the folder the shell is in, found on the server or told by OSC 7', async ({ app, sshd }) => {
  await app.hosts.add({ name: 'here box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.open('here box');
  await app.terminal.waitConnected();

  // The fixture's shell sends no OSC 7: Warren asks the server where the shell is.
  const n = `${process.pid}-${Date.now()}`;
  await app.terminal.type(`cd /tmp && mkdir -p warren-here-${n} && cd warren-here-${n} && touch marker-${n}.txt && echo ready-$((40+2))\n`);
  await expect.poll(() => app.terminal.text()).toMatch(/ready-42/);
  await app.page.screenshot({ path: test.info().outputPath('terminal-toolbar.png') });
  await app.filesHere.click();
  await expect(app.files.root()).toHaveState('connected');
  await expect(app.files.remote.pathField()).toHaveValue(`/tmp/warren-here-${n}`);
  await expect(app.files.remote.row(`marker-${n}.txt`)).toBeVisible();
  await app.page.screenshot({ path: test.info().outputPath('files-here.png') });

  // A shell that reports its folder (OSC 7) is believed, with the keyboard too.
  const reported = path.join(sshd.dir, 'reported by osc7');
  mkdirSync(reported, { recursive: true });
  writeFileSync(path.join(reported, 'osc7.txt'), 'x');
  await app.terminal.tab('here box').first().click();
  await app.terminal.waitConnected();
  await app.terminal.type(`printf '\\033]7;file://%s%s\\007' "$(hostname)" '${encodeURI(reported)}'; echo sent-$((40+2))\n`);
  await expect.poll(() => app.terminal.text()).toMatch(/sent-42/);
  await app.terminal.focus();
  await app.filesHere.press();
  await expect(app.files.remote.pathField()).toHaveValue(reported);
  await expect(app.files.remote.row('osc7.txt')).toBeVisible();
});
