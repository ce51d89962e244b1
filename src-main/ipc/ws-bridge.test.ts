import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { connect as tcpConnect, type Socket } from 'node:net';
import { WebSocket } from 'ws';
import { Hub } from './hub';
import { createRouter, type Handlers, type Router } from './router';
import { attachWsBridge, newBridgeToken } from './ws-bridge';
import { decodeDataFrame, DATA_FRAME } from '../../src-shared/contract';

let server: Server | null = null;
const sockets: WebSocket[] = [];
afterEach(() => {
  for (const ws of sockets.splice(0)) ws.terminate();
  server?.closeAllConnections();
  server?.close();
});

async function bridge(router?: Router) {
  const handlers = { 'hosts:list': () => ({ folders: [], hosts: [] }) } as unknown as Handlers;
  server = createServer();
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  const token = newBridgeToken();
  const logged: string[] = [];
  const hub = new Hub();
  attachWsBridge({ server, router: router ?? createRouter(handlers), hub, token, origin, log: (line) => logged.push(line) });
  return { port, origin, token, url: `ws://127.0.0.1:${port}/bridge?token=${token}`, logged, hub };
}

function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    sockets.push(ws);
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

  it('drops only the socket that sends a frame over the size limit; other clients still get answers', async () => {
    const { url, origin, logged } = await bridge();
    const other = await connect(url, origin);
    const big = await connect(url, origin);
    const closed = closeOf(big);
    big.send('x'.repeat((2 << 20) + 1));
    expect((await closed).code).toBe(1009);
    expect(logged.join('\n')).toMatch(/Max payload size exceeded/);
    expect(await ask(other, { id: 7, name: 'hosts:list', input: {} })).toEqual({ id: 7, result: { ok: true, value: { folders: [], hosts: [] } } });
    expect(await ask(await connect(url, origin), { id: 1, name: 'hosts:list', input: {} })).toMatchObject({ id: 1, result: { ok: true } });
  });

  it('drops only the socket that sends a malformed frame (reserved bits, unmasked, bad opcode)', async () => {
    const { port, token, url, origin, logged } = await bridge();
    const other = await connect(url, origin);
    for (const frame of [
      Buffer.from([0xf1, 0x80, 1, 2, 3, 4]), // FIN + RSV1-3 without an extension
      Buffer.from([0x81, 0x05, ...Buffer.from('hello')]), // a client frame without a mask
      Buffer.from([0x83, 0x80, 1, 2, 3, 4]), // reserved opcode 3
      Buffer.from([0x81, 0x82, 0, 0, 0, 0, 0xc3, 0x28]), // text that is not UTF-8
    ]) {
      const raw = await rawUpgrade(port, token, origin);
      const ended = new Promise<Buffer>((resolve) => {
        const chunks: Buffer[] = [];
        raw.on('data', (c: Buffer) => chunks.push(c));
        raw.once('close', () => resolve(Buffer.concat(chunks)));
      });
      raw.write(frame);
      const reply = await ended;
      // The server's close frame (opcode 8) with 1002 or 1007, then the socket ends.
      expect(reply[0]).toBe(0x88);
      expect([1002, 1007]).toContain(reply.readUInt16BE(2));
    }
    expect(logged.length).toBe(4);
    expect(await ask(other, { id: 2, name: 'hosts:list', input: {} })).toMatchObject({ id: 2, result: { ok: true } });
  });

  it('closes a socket that sends something other than a request object, and keeps serving the rest', async () => {
    const { url, origin } = await bridge();
    const other = await connect(url, origin);
    for (const text of ['42', '"hosts:list"', 'null', '[1,2]', 'not json', '{"id":1e400,"name":"hosts:list"}', `{"id":${'9'.repeat(400)},"name":"hosts:list"}`, '{"id":-1,"name":"hosts:list"}', '{"id":1.5,"name":"hosts:list"}', '{"id":1,"name":{"x":1}}']) {
      const ws = await connect(url, origin);
      const closed = closeOf(ws);
      ws.send(text);
      expect((await closed).code, text).toBe(1003);
    }
    const binary = await connect(url, origin);
    const closed = closeOf(binary);
    binary.send(Buffer.from(JSON.stringify({ id: 1, name: 'hosts:list', input: {} })), { binary: true });
    expect((await closed).code).toBe(1003);
    expect(await ask(other, { id: Number.MAX_SAFE_INTEGER, name: 'hosts:list', input: {} })).toMatchObject({ id: Number.MAX_SAFE_INTEGER, result: { ok: true } });
    expect(await ask(other, { id: 3, name: 'no:such', input: {} })).toEqual({ id: 3, result: { ok: false, error: { code: 'unknown-request', message: 'Unknown request.' } } });
  });

  it('carries session:data as a binary frame (kind, id length, id, raw bytes), other events as JSON, in order', async () => {
    const { url, origin, hub } = await bridge();
    const ws = await connect(url, origin);
    await ask(ws, { id: 1, name: 'hosts:list', input: {} }); // the hub knows this client by now
    const received: { binary: boolean; data: Buffer }[] = [];
    const three = new Promise<void>((resolve) =>
      ws.on('message', (data, binary) => {
        received.push({ binary, data: data as Buffer });
        if (received.length === 3) resolve();
      }),
    );
    const sessionId = '0b6f3a52-5d0e-4c1f-9a7e-2f5d7c1e9b10';
    // Not valid UTF-8 on its own (a character split across batches), and a zero byte: carried as they are.
    const bytes = new Uint8Array([0x68, 0x69, 0x00, 0xe2, 0x82]);
    hub.broadcast('session:data', { sessionId, data: bytes });
    hub.broadcast('session:state', { sessionId, state: 'closed', message: 'Closed.' });
    hub.broadcast('session:data', { sessionId, data: new Uint8Array([0xac]) });
    await three;
    expect(received.map((r) => r.binary)).toEqual([true, false, true]);
    const frame = received[0]!.data;
    expect(frame[0]).toBe(DATA_FRAME);
    expect(frame[1]).toBe(sessionId.length);
    expect(frame.subarray(2, 2 + sessionId.length).toString('ascii')).toBe(sessionId);
    expect([...frame.subarray(2 + sessionId.length)]).toEqual([...bytes]);
    expect(decodeDataFrame(new Uint8Array(frame))).toEqual({ sessionId, data: bytes });
    expect(JSON.parse(String(received[1]!.data))).toEqual({ event: 'session:state', payload: { sessionId, state: 'closed', message: 'Closed.' } });
    expect(new TextDecoder().decode(Buffer.concat([frame.subarray(2 + sessionId.length), received[2]!.data.subarray(2 + sessionId.length)]))).toBe('hi\0€');
  });

  it('answers an internal error when the router throws or a result cannot be encoded, and keeps the socket', async () => {
    const router: Router = {
      call: async (name) => {
        if (name === 'hosts:list') throw new Error('router fault');
        return { ok: true, value: 10n };
      },
    };
    const { url, origin, logged } = await bridge(router);
    const ws = await connect(url, origin);
    expect(await ask(ws, { id: 1, name: 'hosts:list', input: {} })).toMatchObject({ id: 1, result: { ok: false, error: { code: 'internal' } } });
    expect(await ask(ws, { id: 2, name: 'settings:get', input: {} })).toMatchObject({ id: 2, result: { ok: false, error: { code: 'internal' } } });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    expect(logged.join('\n')).toMatch(/router fault/);
  });
});

function closeOf(ws: WebSocket): Promise<{ code: number }> {
  return new Promise((resolve) => ws.once('close', (code) => resolve({ code })));
}

function ask(ws: WebSocket, message: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    ws.once('message', (m) => resolve(JSON.parse(String(m))));
    ws.once('close', (code) => reject(new Error(`closed with ${code}`)));
    ws.send(JSON.stringify(message));
  });
}

/** A WebSocket upgrade done by hand, so the test can write any bytes after it. */
function rawUpgrade(port: number, token: string, origin: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const raw = tcpConnect(port, '127.0.0.1', () => {
      raw.write(
        [
          `GET /bridge?token=${token} HTTP/1.1`,
          `Host: 127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
          'Sec-WebSocket-Version: 13',
          `Origin: ${origin}`,
          '',
          '',
        ].join('\r\n'),
      );
    });
    raw.once('error', reject);
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      raw.off('data', onData);
      if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(head.split('\r\n')[0]));
      resolve(raw);
    };
    raw.on('data', onData);
  });
}
