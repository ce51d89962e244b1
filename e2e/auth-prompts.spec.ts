// Password and keyboard-interactive prompts in the UI, against ssh2's Server
// (OpenSSH would need a real account with a known password).
import { test, expect } from './fixtures';
import { startSsh2Server } from '../test-support/ssh2-server';

test('a password is asked in a dialog; a wrong one is asked again; the right one opens the shell', async ({ app }) => {
  const server = await startSsh2Server({ password: 'letmein' });
  try {
    await app.hosts.add({ name: 'pw box', host: '127.0.0.1', port: server.port, user: server.username });
    await app.hosts.open('pw box');
    await expect(app.prompts.dialog('Password')).toContainText(`Password for alice@127.0.0.1:${server.port}`);
    await app.prompts.enterPassword('nope');
    await expect(app.prompts.dialog('Password')).toContainText('The server did not accept the password');
    await app.prompts.enterPassword('letmein');
    await app.terminal.waitConnected();
    await app.terminal.type('hello\r');
    await expect.poll(() => app.terminal.text()).toContain('you said: hello');
  } finally {
    await server.close();
  }
});

test('keyboard-interactive shows each server prompt (hidden or not); Cancel aborts cleanly', async ({ app }) => {
  const server = await startSsh2Server({
    kbdInteractive: [
      { prompt: 'Password: ', echo: false, answer: 'pw' },
      { prompt: 'Verification code: ', echo: true, answer: '424242' },
    ],
  });
  try {
    await app.hosts.add({ name: '2fa box', host: '127.0.0.1', port: server.port, user: server.username });
    await app.hosts.open('2fa box');
    await expect(app.prompts.dialog('Server question')).toContainText('Answer the questions.');
    await app.prompts.click('Server question', 'Cancel');
    await expect(app.terminal.status()).toContainText('Cancelled.');
    await expect(app.prompts.dialog('Server question')).toHaveCount(0);

    await app.terminal.reconnect();
    await expect(app.prompts.question('Password:')).toHaveAttribute('type', 'password');
    await expect(app.prompts.question('Verification code:')).toHaveAttribute('type', 'text');
    await app.prompts.question('Password:').fill('pw');
    await app.prompts.question('Verification code:').fill('424242');
    await app.prompts.click('Server question', 'OK');
    await app.terminal.waitConnected();
  } finally {
    await server.close();
  }
});
