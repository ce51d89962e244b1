import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { freePort } from '../test-support/sshd';
import { canBind } from '../test-support/net';
import { test, expect } from './fixtures';

/** Rates as the card shows them once traffic has stopped (the arrows are icons). */
const idle = /^\s*0 B\/s\s+0 B\/s\s*$/;

test('add a local forward, switch it on, fetch a page through it with the counters moving, switch it off and the port is free', async ({ app, sshd }) => {
  const body = 'hello through the tunnel\n'.repeat(4000);
  const web: Server = createHttpServer((_req, res) => res.end(body));
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  const webPort = (web.address() as { port: number }).port;
  const localPort = await freePort();
  try {
    await app.hosts.add({ name: 'tunnel box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
    await app.tunnels.open();
    const form = await app.tunnels.add({ name: 'web', listenPort: localPort, destinationHost: '127.0.0.1', destinationPort: webPort });
    await expect(form.root).toBeHidden();

    const row = app.tunnels.row('web');
    await expect(row).toHaveState('off');
    await expect(app.tunnels.switch('web')).toHaveAttribute('aria-checked', 'false');
    await expect(app.tunnels.route('web')).toHaveText(`127.0.0.1:${localPort} → 127.0.0.1:${webPort}`);
    await app.tunnels.toggle('web');
    await expect(row).toHaveState('on');
    await expect(app.tunnels.switch('web')).toHaveAttribute('aria-checked', 'true');
    await expect(row).toContainText(`via ${sshd.user}@127.0.0.1:${sshd.port}`);
    await expect(app.tunnels.tab(1)).toBeVisible();

    const page = await fetch(`http://127.0.0.1:${localPort}/`).then((r) => r.text());
    expect(page).toBe(body);
    await expect(app.tunnels.connections('web')).toContainText('1 total');
    await expect(app.tunnels.traffic('web')).toContainText(/↓ 9\d(\.\d)? KiB/);

    await app.tunnels.toggle('web');
    await expect(row).toHaveState('off');
    await expect(app.tunnels.switch('web')).toHaveAttribute('aria-checked', 'false');
    expect(await canBind(localPort)).toBe(true);
  } finally {
    web.close();
  }
});

test('rates show traffic while it flows and read 0 within 1.5 s of it stopping; the terminal keeps its size beside the Tunnels tab', async ({ app, sshd, page }) => {
  // 64 KiB every 100 ms for ~2 s: long enough to be seen moving.
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const web: Server = createHttpServer((_req, res) => {
    let sent = 0;
    const timer = setInterval(() => {
      res.write(chunk);
      if (++sent === 20) {
        clearInterval(timer);
        res.end();
      }
    }, 100);
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  const webPort = (web.address() as { port: number }).port;
  const localPort = await freePort();
  try {
    await app.hosts.add({ name: 'stream box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
    await app.hosts.open('stream box');
    await app.terminal.waitConnected();
    const before = await app.terminal.paneBox(0);
    const sizeBefore = await app.terminal.remoteSize();

    await app.tunnels.open();
    // Same box, same PTY: the Tunnels tab takes the sidebar's place, not the terminal's.
    expect(await app.terminal.paneBox(0)).toEqual(before);
    expect(await app.terminal.remoteSize()).toEqual(sizeBefore);

    await app.tunnels.add({ name: 'stream', listenPort: localPort, destinationHost: '127.0.0.1', destinationPort: webPort });
    await app.tunnels.toggle('stream');
    await expect(app.tunnels.row('stream')).toHaveState('on');
    await expect(app.tunnels.rates('stream')).toHaveText(idle);

    const download = fetch(`http://127.0.0.1:${localPort}/`).then((r) => r.arrayBuffer());
    await expect(app.tunnels.rates('stream')).toHaveText(/^\s*\d+(\.\d)? KiB\/s\s/);
    await page.screenshot({ path: test.info().outputPath('tunnels-view.png') });
    expect((await download).byteLength).toBe(20 * chunk.length);
    const stopped = Date.now();
    await expect(app.tunnels.rates('stream')).toHaveText(idle, { timeout: 3000 });
    expect(Date.now() - stopped).toBeLessThanOrEqual(1500);
    await expect(app.tunnels.traffic('stream')).toContainText('total ↓ 1.3 MiB');

    await app.tunnels.toggle('stream');
    await expect(app.tunnels.row('stream')).toHaveState('off');
  } finally {
    web.close();
  }
});

test("a host's context menu opens the Tunnels tab with only that host's forwards", async ({ app, sshd }) => {
  for (const name of ['alpha box', 'beta box']) await app.hosts.add({ name, host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
  await app.tunnels.open();
  const form = await app.tunnels.newForward();
  await form.fill({ name: 'first', listenPort: await freePort(), destinationHost: '127.0.0.1', destinationPort: 80 });
  await form.save();
  await app.tunnels.group('alpha box').getByRole('button', { name: 'New forward on alpha box' }).waitFor();
  expect(await app.tunnels.groupNames()).toEqual(['alpha box']);
  await app.tunnels.close();

  await app.hosts.menuAction('beta box', 'Tunnels');
  await expect(app.tunnels.root()).toBeVisible();
  expect(await app.tunnels.groupNames()).toEqual([]);
  // New forward from here is for this host.
  await app.tunnels.add({ name: 'second', kind: 'dynamic', listenPort: await freePort() });
  await expect(app.tunnels.group('beta box')).toBeVisible();
  expect(await app.tunnels.groupNames()).toEqual(['beta box']);

  await app.tunnels.showAllHosts().click();
  await expect(app.tunnels.group('alpha box')).toBeVisible();
  expect(await app.tunnels.groupNames()).toEqual(['alpha box', 'beta box']);
});

test('a port in use shows why on the forward, and nothing is left half on', async ({ app, sshd, page }) => {
  const blocker = createServer();
  const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
  try {
    await app.hosts.add({ name: 'busy box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
    await app.tunnels.open();
    await app.tunnels.add({ name: 'socks', kind: 'dynamic', listenPort: port });
    await app.tunnels.toggle('socks');
    await expect(app.tunnels.row('socks')).toHaveState('error');
    await expect(app.tunnels.error('socks')).toContainText(String(port));
    await expect(app.tunnels.error('socks')).toContainText('Choose another local port');
    await expect(app.tunnels.switch('socks')).not.toBeChecked();
    await page.screenshot({ path: test.info().outputPath('tunnels-error.png') });
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
    await app.hosts.add({ name: 'proxy box', host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKeyPath });
    await app.tunnels.open();

    await app.tunnels.add({ name: 'socks', kind: 'dynamic', listenPort: socksPort });
    const socks = app.tunnels.row('socks');
    await app.tunnels.toggle('socks');
    await expect(socks).toHaveState('on');
    // Async: the web server lives in this process and must keep answering.
    const { stdout: fetched } = await promisify(execFile)('curl', ['-s', '--max-time', '10', '--socks5-hostname', `127.0.0.1:${socksPort}`, `http://127.0.0.1:${webPort}/`]);
    expect(fetched).toBe(body);
    await expect(app.tunnels.connections('socks')).toContainText('1 total');

    const form = await app.tunnels.newForward();
    await form.fill({ name: 'back', kind: 'remote' });
    await expect(form.listenAddress()).toHaveValue('localhost');
    await form.fill({ listenPort: 0, destinationHost: '127.0.0.1', destinationPort: webPort });
    await form.save();
    const back = app.tunnels.row('back');
    await app.tunnels.toggle('back');
    await expect(back).toHaveState('on');
    // The card shows the port the server chose; on this machine the server side is loopback too.
    const shown = (await app.tunnels.route('back').innerText()).match(/server localhost:(\d+)/);
    expect(Number(shown?.[1])).toBeGreaterThan(0);
    expect(await fetch(`http://127.0.0.1:${shown![1]}/`).then((r) => r.text())).toBe(body);

    await app.tunnels.toggle('socks');
    await app.tunnels.toggle('back');
    await expect(socks).toHaveState('off');
    await expect(back).toHaveState('off');
    expect(await canBind(socksPort)).toBe(true);
  } finally {
    web.close();
  }
});
