// Password and keyboard-interactive prompts in the UI, against ssh2's Server
// (OpenSSH would need a real account with a known password).
import { test, expect } from './fixtures';
import { startSsh2Server } from '../test-support/ssh2-server';

test('a password is asked in a dialog; a wrong one is asked again; the right one opens the shell', async ({ app }) => {
  const server = await startSsh2Server({ password: 'letmein' });
  try {
    await app.addHost({ name: 'pw box', host: '127.0.0.1', port: server.port, user: server.username });
    await app.openHost('pw box');
    const ask = app.prompt('Password');
    await expect(ask).toContainText(`Password for alice@127.0.0.1:${server.port}`);
    await app.promptSecret('Password').fill('nope');
    await ask.getByRole('button', { name: 'OK' }).click();
    await expect(app.prompt('Password')).toContainText('The server did not accept the password');
    await app.promptSecret('Password').fill('letmein');
    await app.prompt('Password').getByRole('button', { name: 'OK' }).click();
    await app.waitConnected();
    await app.typeInTerminal('hello\r');
    await expect.poll(() => app.terminalText()).toContain('you said: hello');
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
    await app.addHost({ name: '2fa box', host: '127.0.0.1', port: server.port, user: server.username });
    await app.openHost('2fa box');
    let ask = app.prompt('Server question');
    await expect(ask).toContainText('Answer the questions.');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect(app.sessionStatus()).toContainText('Cancelled.');
    await expect(app.prompt('Server question')).toHaveCount(0);

    await app.sessionStatus().getByRole('button', { name: 'Reconnect' }).click();
    ask = app.prompt('Server question');
    await expect(ask.getByLabel('Password:')).toHaveAttribute('type', 'password');
    await expect(ask.getByLabel('Verification code:')).toHaveAttribute('type', 'text');
    await ask.getByLabel('Password:').fill('pw');
    await ask.getByLabel('Verification code:').fill('424242');
    await ask.getByRole('button', { name: 'OK' }).click();
    await app.waitConnected();
  } finally {
    await server.close();
  }
});
