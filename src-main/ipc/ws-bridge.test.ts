import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { WebSocket } from 'ws';
import { Hub } from './hub';
import { createRouter, type Handlers } from './router';
import { attachWsBridge, newBridgeToken } from './ws-bridge';

let server: Server | null = null;
afterEach(() => server?.close());

async function bridge() {
  const handlers = { 'hosts:list': () => ({ folders: [], hosts: [] }) } as unknown as Handlers;
  server = createServer();
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  const token = newBridgeToken();
  attachWsBridge({ server, router: createRouter(handlers), hub: new Hub(), token, origin });
  return { port, origin, token };
}

function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

describe('WebSocket bridge', () => {
  it('answers a contract request from the right origin with the token', async () => {
    const { port, origin, token } = await bridge();
    const ws = await connect(`ws://127.0.0.1:${port}/bridge?token=${token}`, origin);
    const reply = new Promise<string>((r) => ws.once('message', (m) => r(String(m))));
    ws.send(JSON.stringify({ id: 1, name: 'hosts:list', input: {} }));
    expect(JSON.parse(await reply)).toEqual({ id: 1, result: { ok: true, value: { folders: [], hosts: [] } } });
    ws.close();
  });

  it('refuses a wrong token, a missing token and a foreign origin', async () => {
    const { port, origin, token } = await bridge();
    await expect(connect(`ws://127.0.0.1:${port}/bridge?token=${token}x`, origin)).rejects.toThrow('HTTP 401');
    await expect(connect(`ws://127.0.0.1:${port}/bridge`, origin)).rejects.toThrow('HTTP 401');
    await expect(connect(`ws://127.0.0.1:${port}/bridge?token=${token}`, 'http://evil.example')).rejects.toThrow('HTTP 401');
  });
});
