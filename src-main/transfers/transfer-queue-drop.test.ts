// A folder download whose listing loses its connection, through the whole
// service stack: the server (ssh2's own Server, test-support/hostile-sftp-server.ts)
// destroys the TCP connection while a folder is being read. Before, ssh2's
// path-based readdir never answered and the transfer stayed "running" for ever.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dir, file, startHostileServer, type HostileServer } from '../../test-support/hostile-sftp-server';
import { fakeWindow, saveTestHost, testServices } from '../../test-support/services';
import type { Services } from '../app/services';
import { openFiles } from '../../test-support/lifecycle';

let server: HostileServer;
let services: Services;
let work: string;

beforeAll(async () => {
  server = await startHostileServer(dir('/', { top: dir('/top', { ok: file('1'), slow: dir('/top/slow', { b: file('b') }) }) }), { dropOnReaddir: '/top/slow' });
  work = mkdtempSync(path.join(os.tmpdir(), 'warren-drop-'));
});
afterAll(async () => {
  services?.dispose();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

it('a connection that drops mid-listing pauses the folder download within 2 s, saying why', async () => {
  const made = testServices();
  services = made.services;
  const win = fakeWindow(made.hub, 'win');
  // The server takes any key; the app needs one to offer.
  const keyPath = path.join(work, 'key');
  writeFileSync(keyPath, ssh2.utils.generateKeyPairSync('ed25519').private, { mode: 0o600 });
  const host = await saveTestHost(services, 'flaky', { port: server.port, user: 'tester', clientKeyPath: keyPath });
  await openFiles(services, win.ctx.clientId, 'b1', host.id);
  const t0 = performance.now();
  const { transferIds } = await services.handlers['transfer:start']({ browserId: 'b1', direction: 'download', sources: ['/top'], targetDir: work }, win.ctx);
  await expect.poll(() => win.transfers.get(transferIds[0]!)?.state, { timeout: 5_000, interval: 20 }).toBe('paused');
  expect(performance.now() - t0).toBeLessThan(2_000);
  expect(win.transfers.get(transferIds[0]!)?.error).toMatch(/connection to the server was lost.*It continues when the files tab reconnects\./);
});
