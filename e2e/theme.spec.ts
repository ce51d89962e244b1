// Settings → App theme: System follows the OS live, Dark and Light stay put,
// and a terminal on the default scheme wears the app's theme while a chosen
// scheme stays as chosen.
import { test, expect } from './fixtures';

const terminalDark = 'rgb(21, 23, 28)';
const terminalLight = 'rgb(250, 250, 250)';
const nord = 'rgb(46, 52, 64)';

test('the app theme follows the OS on System, stays on Dark or Light, and the default terminal theme follows it', async ({ app, sshd, harness }) => {
  await app.a11y.osPrefers('light');
  await expect.poll(() => app.a11y.appTheme()).toBe('light');
  await app.hosts.add({ name: 'themed', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.open('themed');
  await app.terminal.waitConnected();
  await expect.poll(() => app.settings.terminalBackground()).toBe(terminalLight);

  // System follows the OS as it changes, terminal included.
  await app.a11y.osPrefers('dark');
  await expect.poll(() => app.a11y.appTheme()).toBe('dark');
  await expect.poll(() => app.settings.terminalBackground()).toBe(terminalDark);

  // An explicit Light ignores the OS.
  await app.settings.open();
  await expect(app.settings.appThemeField()).toHaveValue('system');
  await app.settings.chooseAppTheme('Light');
  await expect.poll(() => app.a11y.appTheme()).toBe('light');
  await expect.poll(() => app.settings.terminalBackground()).toBe(terminalLight);
  await app.gallery.snapshot('settings-light');
  await app.settings.close();
  await app.a11y.osPrefers('dark');
  await app.a11y.osPrefers('light');
  await app.a11y.osPrefers('dark');
  await expect.poll(() => app.a11y.appTheme()).toBe('light');

  // The choice is kept: a reopened app starts light under a dark OS.
  const restarted = await harness.restart();
  await app.open(restarted.url);
  await expect.poll(() => app.a11y.appTheme()).toBe('light');

  // A chosen terminal scheme stays as chosen whatever the app wears.
  await app.hosts.open('themed');
  await app.terminal.waitConnected();
  await app.settings.open();
  await app.settings.chooseTheme('Nord');
  await app.settings.chooseAppTheme('Dark');
  await expect.poll(() => app.a11y.appTheme()).toBe('dark');
  await expect.poll(() => app.settings.terminalBackground()).toBe(nord);
  await app.settings.chooseTheme('Match the app (Dark / Light)');
  await expect.poll(() => app.settings.terminalBackground()).toBe(terminalDark);
  await app.settings.chooseAppTheme('System');
  await expect.poll(() => app.a11y.appTheme()).toBe('dark');
  await app.settings.close();
});
