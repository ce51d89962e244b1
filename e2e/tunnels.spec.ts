import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { freePort } from '../test-support/sshd';
import { canBind } from '../test-support/net';
import { test, expect } from './fixtures';

test('add a local forward, switch it on, fetch a page through it with the counters moving, switch it off and the port is free', async ({ app, sshd }) => {
  const body = 'hello through the tunnel\n'.repeat(4000);
  const web: Server = createHttpServer((_req, res) => res.end(body));
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  const webPort = (web.address() as { port: number }).port;
  const localPort = await freePort();
  try {
    await app.addHost({ name: 'tunnel box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
    await app.page.getByRole('button', { name: 'Tunnels' }).click();
    const panel = app.page.getByRole('region', { name: 'Tunnels' });
    await panel.getByRole('button', { name: 'New forward' }).click();
    const form = app.page.getByRole('dialog', { name: 'New forward' });
    await form.getByLabel('Name').fill('web');
    await form.getByLabel('Listen port').fill(String(localPort));
    await form.getByLabel('Destination host').fill('127.0.0.1');
    await form.getByLabel('Destination port').fill(String(webPort));
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form).toBeHidden();

    const row = panel.getByRole('row', { name: 'Forward web' });
    await expect(row).toHaveAttribute('data-state', 'off');
    await expect(row).toContainText(`127.0.0.1:${localPort} → 127.0.0.1:${webPort}`);
    await row.getByRole('switch', { name: 'Switch web' }).click();
    await expect(row).toHaveAttribute('data-state', 'on');
    await expect(row).toContainText(`via ${sshd.user}@127.0.0.1:${sshd.port}`);
    await expect(app.page.getByRole('button', { name: 'Tunnels (1 on)' })).toBeVisible();

    const page = await fetch(`http://127.0.0.1:${localPort}/`).then((r) => r.text());
    expect(page).toBe(body);
    await expect(row.locator('.tunnel-connections')).toContainText('1 total');
    await expect(row.locator('.tunnel-traffic')).toContainText(/↓ 9\d(\.\d)? KiB/);

    await row.getByRole('switch', { name: 'Switch web' }).click();
    await expect(row).toHaveAttribute('data-state', 'off');
    expect(await canBind(localPort)).toBe(true);
  } finally {
    web.close();
  }
});

test('a port in use shows why on the forward, and nothing is left half on', async ({ app, sshd }) => {
  const blocker = createServer();
  const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
  try {
    await app.addHost({ name: 'busy box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
    await app.page.getByRole('button', { name: 'Tunnels' }).click();
    const panel = app.page.getByRole('region', { name: 'Tunnels' });
    await panel.getByRole('button', { name: 'New forward' }).click();
    const form = app.page.getByRole('dialog', { name: 'New forward' });
    await form.getByLabel('Name').fill('socks');
    await form.getByText(/Dynamic \(-D\)/).click();
    await form.getByLabel('Listen port').fill(String(port));
    await form.getByRole('button', { name: 'Save' }).click();
    const row = panel.getByRole('row', { name: 'Forward socks' });
    await row.getByRole('switch', { name: 'Switch socks' }).click();
    await expect(row).toHaveAttribute('data-state', 'error');
    await expect(row.locator('.tunnel-error')).toContainText(String(port));
    await expect(row.getByRole('switch', { name: 'Switch socks' })).not.toBeChecked();
  } finally {
    blocker.close();
  }
});

test('a SOCKS forward and a remote forward on port 0 work through the UI: curl through SOCKS, the server-chosen port shown and reachable', async ({ app, sshd }) => {
  const body = 'through socks and back\n';
  const web: Server = createHttpServer((_req, res) => res.end(body));
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  const webPort = (web.address() as { port: number }).port;
  const socksPort = await freePort();
  try {
    await app.addHost({ name: 'proxy box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
    await app.page.getByRole('button', { name: 'Tunnels' }).click();
    const panel = app.page.getByRole('region', { name: 'Tunnels' });

    await panel.getByRole('button', { name: 'New forward' }).click();
    let form = app.page.getByRole('dialog', { name: 'New forward' });
    await form.getByLabel('Name').fill('socks');
    await form.getByText(/Dynamic \(-D\)/).click();
    await form.getByLabel('Listen port').fill(String(socksPort));
    await form.getByRole('button', { name: 'Save' }).click();
    const socks = panel.getByRole('row', { name: 'Forward socks' });
    await socks.getByRole('switch', { name: 'Switch socks' }).click();
    await expect(socks).toHaveAttribute('data-state', 'on');
    // Async: the web server lives in this process and must keep answering.
    const { stdout: fetched } = await promisify(execFile)('curl', ['-s', '--max-time', '10', '--socks5-hostname', `127.0.0.1:${socksPort}`, `http://127.0.0.1:${webPort}/`]);
    expect(fetched).toBe(body);
    await expect(socks.locator('.tunnel-connections')).toContainText('1 total');

    await panel.getByRole('button', { name: 'New forward' }).click();
    form = app.page.getByRole('dialog', { name: 'New forward' });
    await form.getByLabel('Name').fill('back');
    await form.getByText(/Remote \(-R\)/).click();
    await expect(form.getByLabel('Listen address')).toHaveValue('localhost');
    await form.getByLabel('Listen port').fill('0');
    await form.getByLabel('Destination host').fill('127.0.0.1');
    await form.getByLabel('Destination port').fill(String(webPort));
    await form.getByRole('button', { name: 'Save' }).click();
    const back = panel.getByRole('row', { name: 'Forward back' });
    await back.getByRole('switch', { name: 'Switch back' }).click();
    await expect(back).toHaveAttribute('data-state', 'on');
    // The row shows the port the server chose; on this machine the server side is loopback too.
    const shown = (await back.locator('td').nth(2).innerText()).match(/server localhost:(\d+)/);
    expect(Number(shown?.[1])).toBeGreaterThan(0);
    expect(await fetch(`http://127.0.0.1:${shown![1]}/`).then((r) => r.text())).toBe(body);

    await socks.getByRole('switch', { name: 'Switch socks' }).click();
    await back.getByRole('switch', { name: 'Switch back' }).click();
    await expect(socks).toHaveAttribute('data-state', 'off');
    await expect(back).toHaveAttribute('data-state', 'off');
    expect(await canBind(socksPort)).toBe(true);
  } finally {
    web.close();
  }
});
