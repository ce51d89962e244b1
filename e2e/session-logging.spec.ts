import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Sshd } from '../test-support/sshd';
import type { AppPage } from './pages/app-page';
import { test, expect } from './fixtures';

const COLOURS = String.raw`printf '\033[1;31mred\033[0m and plain\n'; printf 'caf\303\251 \342\234\223\n'`;

async function connect(app: AppPage, sshd: Sshd, name = 'lab'): Promise<void> {
  await app.hosts.add({ name, host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.open(name);
  await app.terminal.waitConnected();
}

test('a text recording holds the prompt, the command and the output without escapes; raw keeps the ESC bytes', async ({ app, sshd, page }) => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'warren-logs-'));
  await app.recording.setLogFolder(folder);
  await connect(app, sshd);
  await expect(app.recording.recordButton()).toHaveAttribute('aria-pressed', 'false');

  const textLog = await app.recording.startAndGetPath('Text log');
  expect(path.dirname(textLog)).toBe(folder);
  expect(path.basename(textLog)).toMatch(/^lab_\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d\.log$/);
  await expect(app.recording.stopButton()).toHaveAttribute('aria-pressed', 'true');
  await expect(app.recording.tabMark()).toHaveAccessibleName(`Recording to ${textLog}`);
  await app.terminal.type(`${COLOURS}\n`);
  await expect.poll(() => app.terminal.text()).toMatch(/café ✓/);
  await app.terminal.type('echo done-$((1+1))\n');
  await expect.poll(() => app.terminal.text()).toMatch(/done-2/);
  await page.screenshot({ path: test.info().outputPath('recording.png') });
  await app.recording.stop();
  await expect(app.recording.tabMark()).toHaveCount(0);

  const text = readFileSync(textLog, 'utf8');
  expect(text).not.toContain('\x1b');
  // The recording starts after the first prompt was drawn: the command typed at it comes first, then each prompt with its command.
  expect(text).toMatch(new RegExp(String.raw`^printf '\\033\[1;31mred\\033\[0m and plain\\n'; printf 'caf\\303\\251 \\342\\234\\223\\n'\nred and plain\ncafé ✓\n${sshd.user}@warren-test:\S*[#$] echo done-\$\(\(1\+1\)\)\ndone-2\n${sshd.user}@warren-test:\S*[#$]\n$`));

  const rawLog = await app.recording.startAndGetPath('Raw log');
  expect(rawLog).toMatch(/\.raw\.log$/);
  await app.terminal.type(`${COLOURS}\n`);
  await expect.poll(() => (app.terminal.text()).then((t) => t.match(/café ✓/g)?.length)).toBe(2);
  await app.recording.stop();
  const raw = readFileSync(rawLog);
  expect(raw.includes(Buffer.from('\x1b[1;31mred\x1b[0m and plain\r\n'))).toBe(true);
  expect(raw.includes(Buffer.from('café ✓\r\n'))).toBe(true);
  expect(readdirSync(folder).sort()).toEqual([path.basename(textLog), path.basename(rawLog)].sort());
});

test('a host set to "Record sessions: text" writes a log as soon as its terminal connects', async ({ app, sshd }) => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'warren-logs-'));
  await app.recording.setLogFolder(folder);
  await app.hosts.add({ name: 'recorded', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.recording.setHostRecordSessions('recorded', 'Text log');
  await app.hosts.open('recorded');
  await app.terminal.waitConnected();
  await expect(app.recording.stopButton()).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => readdirSync(folder)).toEqual([expect.stringMatching(/^recorded_.*\.log$/)]);
  await app.terminal.type('echo logged-$((6*7))\n');
  await expect.poll(() => app.terminal.text()).toMatch(/logged-42/);
  await app.recording.stop();
  const text = readFileSync(path.join(folder, readdirSync(folder)[0]!), 'utf8');
  expect(text).toMatch(/warren-test:\S*[#$] echo logged-\$\(\(6\*7\)\)\nlogged-42\n/);
});

test('a file where the log folder should be: a clear message, and the terminal keeps working', async ({ app, sshd, page }) => {
  const blocked = path.join(mkdtempSync(path.join(os.tmpdir(), 'warren-logs-')), 'logs');
  writeFileSync(blocked, 'a file, not a folder');
  await app.recording.setLogFolder(blocked);
  await connect(app, sshd);
  await app.recording.start('Text log');
  await expect(app.recording.error()).toContainText(`Warren cannot record to ${blocked}: a file is in the way where that folder should be. Choose another folder for session logs in Settings`);
  await page.screenshot({ path: test.info().outputPath('recording-error.png') });
  await expect(app.recording.recordButton()).toBeVisible();
  await app.terminal.type('echo still-$((40+2))\n');
  await expect.poll(() => app.terminal.text()).toMatch(/still-42/);
  await app.recording.dismissError();
  await expect(app.recording.error()).toBeHidden();
});
