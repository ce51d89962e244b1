import { test, expect } from './fixtures';
import type { AppPage } from './pages/app-page';
import type { Sshd } from '../test-support/sshd';

/** Two saved hosts on the same sshd, under different names. */
async function addHosts(app: AppPage, sshd: Sshd): Promise<void> {
  await app.hosts.add({ name: 'alpha', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.hosts.add({ name: 'beta', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
}

test('Ctrl+Shift+S opens the picker and never reaches the shell; a placeholder is asked and the shell runs the filled command', async ({ app, sshd, page }) => {
  await addHosts(app, sshd);
  await app.hosts.open('alpha');
  await app.terminal.waitConnected();

  // With flow control off, a ^S that reached the remote would be echoed by its tty as "^S".
  await app.terminal.type('stty -ixon; cat -v\n');
  await expect.poll(() => app.terminal.text()).toContain('cat -v');
  await app.snippets.openWithShortcut();
  await expect(app.snippets.searchBox()).toBeFocused();
  await expect(app.snippets.emptyMessage()).toHaveText(/No snippets yet/);
  await app.snippets.close();
  await app.terminal.press('Control+C');
  await app.terminal.type('echo shell-back-$((2+3))\n');
  await expect.poll(() => app.terminal.text()).toContain('shell-back-5');
  expect(await app.terminal.text()).not.toContain('^S');

  await app.snippets.toolbarButton().click();
  await expect(app.snippets.picker).toBeVisible();
  await app.snippets.create({ name: 'Greet', command: 'echo snip-{{word}}-$((6*7))', scope: 'all', pressEnter: true });
  await app.snippets.create({ name: 'Disk usage', command: 'df -h /', scope: 'all', pressEnter: true });
  await expect.poll(() => app.snippets.names()).toEqual(['Disk usage', 'Greet']);
  // Filtered as you type, over names and commands.
  await app.snippets.search('df');
  await expect.poll(() => app.snippets.names()).toEqual(['Disk usage']);
  await app.snippets.search('nothing like it');
  await expect(app.snippets.emptyMessage()).toHaveText('No snippet matches "nothing like it".');
  await app.snippets.close();

  // From the terminal: the shortcut, part of the name, Enter, the placeholder, Enter.
  await app.terminal.focus();
  await app.snippets.openWithShortcut();
  await app.snippets.typeKeys('gre');
  await expect.poll(() => app.snippets.names()).toEqual(['Greet']);
  await app.terminal.press('Enter');
  const word = app.snippets.placeholderField('Greet', 'word');
  await expect(word).toBeFocused();
  await app.snippets.typeKeys('hello');
  await expect(app.snippets.preview('Greet')).toHaveText('echo snip-hello-$((6*7))');
  await page.screenshot({ path: test.info().outputPath('placeholders.png') });
  await app.terminal.press('Enter');
  await expect(app.snippets.placeholders('Greet')).toBeHidden();
  // Only the shell's output says 42: the typed line still shows $((6*7)).
  await expect.poll(() => app.terminal.text()).toMatch(/^snip-hello-42$/m);
  // The focus is back in the terminal: keys go to the shell without a click.
  await app.snippets.typeKeys('echo typed-on-$((3+4))\n');
  await expect.poll(() => app.terminal.text()).toContain('typed-on-7');

  // Arrows move the highlight, Enter runs the highlighted one.
  await app.snippets.openWithShortcut();
  await expect(app.snippets.highlighted()).toHaveAccessibleName('Disk usage');
  await app.press('ArrowDown');
  await expect(app.snippets.highlighted()).toHaveAccessibleName('Greet');
  await app.press('ArrowDown');
  await expect(app.snippets.highlighted()).toHaveAccessibleName('Disk usage');
  await app.snippets.close();
  await app.terminal.type('clear\n');
  await app.terminal.type('printf "\\033[1;32m%s\\033[0m\\n" "ready"; ls --color=always /usr\n');
  await expect.poll(() => app.terminal.text()).toMatch(/ src\s*\n/);
  await app.snippets.openWithShortcut();
  // For a person to look at: the picker over a working terminal.
  await page.screenshot({ path: test.info().outputPath('picker.png') });
  await app.press('Enter');
  await expect(app.snippets.picker).toBeHidden();
  await expect.poll(() => app.terminal.text()).toMatch(/Filesystem\s+Size/);
});

test('a snippet for one host shows only in its terminals; edit, delete and a restart', async ({ app, sshd, harness, page }) => {
  await addHosts(app, sshd);
  await app.hosts.open('alpha');
  await app.terminal.waitConnected();
  await app.snippets.openWithShortcut();
  await app.snippets.button('New snippet').click();
  await expect(app.snippets.hostScope()).toHaveAccessibleName('Only for alpha');
  await app.snippets.form().getByRole('button', { name: 'Cancel' }).click();
  await app.snippets.create({ name: 'Alpha only', command: 'echo only-alpha-$((1+2))', scope: 'host' });
  await app.snippets.create({ name: 'Everywhere', command: 'echo everywhere', scope: 'all' });
  await expect.poll(() => app.snippets.names()).toEqual(['Alpha only', 'Everywhere']);
  await expect(app.snippets.option('Alpha only')).toContainText('alpha');
  await app.snippets.close();

  await app.hosts.open('beta');
  await app.terminal.waitConnected();
  await app.snippets.openWithShortcut();
  await expect.poll(() => app.snippets.names()).toEqual(['Everywhere']);
  await app.snippets.close();

  await app.terminal.tab('alpha').click();
  await app.snippets.openWithShortcut();
  await expect.poll(() => app.snippets.names()).toEqual(['Alpha only', 'Everywhere']);
  // Edit: a new name and command, and no Enter after it: the command waits on the prompt.
  await app.snippets.option('Alpha only').click();
  await app.snippets.button('Edit').click();
  await expect(app.snippets.hostScope()).toBeChecked();
  await page.screenshot({ path: test.info().outputPath('form.png') });
  await app.snippets.form().getByRole('button', { name: 'Cancel' }).click();
  await app.snippets.edit('Alpha only', { name: 'Alpha check', command: 'echo edited-$((2+2))', pressEnter: false });
  await expect.poll(() => app.snippets.names()).toEqual(['Alpha check', 'Everywhere']);
  await app.snippets.option('Alpha check').dblclick();
  await expect(app.snippets.picker).toBeHidden();
  await expect.poll(() => app.terminal.text()).toContain('echo edited-$((2+2))');
  expect(await app.terminal.text()).not.toContain('edited-4');
  await app.terminal.press('Enter');
  await expect.poll(() => app.terminal.text()).toMatch(/^edited-4$/m);

  // Delete asks first; Cancel keeps it.
  await app.snippets.openWithShortcut();
  await app.snippets.remove('Everywhere', 'Cancel');
  await expect.poll(() => app.snippets.names()).toEqual(['Alpha check', 'Everywhere']);
  await app.snippets.remove('Everywhere');
  await expect.poll(() => app.snippets.names()).toEqual(['Alpha check']);
  await app.snippets.create({ name: 'Global kept', command: 'echo kept', scope: 'all' });
  await app.snippets.close();

  await app.open((await harness.restart()).url);
  // No terminal yet: the picker still opens, and says why it cannot run anything.
  await app.snippets.openWithShortcut();
  await expect.poll(() => app.snippets.names()).toEqual(['Global kept']);
  await app.press('Enter');
  await expect(app.snippets.error()).toHaveText(/No terminal has the focus/);
  await app.snippets.close();

  await app.hosts.open('alpha');
  await app.terminal.waitConnected();
  await app.snippets.openWithShortcut();
  await expect.poll(() => app.snippets.names()).toEqual(['Alpha check', 'Global kept']);
});
