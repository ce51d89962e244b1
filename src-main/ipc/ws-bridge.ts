// The e2e transport: the same contract over a WebSocket on 127.0.0.1, so the
// built renderer in a real Chromium can drive the real services. It accepts
// only loopback peers that present the random token and come from the
// harness's own origin.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { isRequestName, type EventName, type Events } from '../../src-shared/contract';
import type { Hub } from './hub';
import type { Router } from './router';

export interface BridgeMessage {
  id: number;
  name: string;
  input: unknown;
}

export function newBridgeToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::ffff:127.0.0.1' || address === '::1';
}

export function attachWsBridge(options: { server: HttpServer; router: Router; hub: Hub; token: string; origin: string }): WebSocketServer {
  const { router, hub, token, origin } = options;
  const wss = new WebSocketServer({
    server: options.server,
    path: '/bridge',
    maxPayload: 2 << 20,
    verifyClient: ({ req }: { req: IncomingMessage }) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      return isLoopback(req.socket.remoteAddress) && req.headers.origin === origin && sameToken(url.searchParams.get('token'), token);
    },
  });
  wss.on('connection', (socket: WebSocket) => {
    const clientId = randomUUID();
    const disconnect = hub.connect({
      id: clientId,
      send<E extends EventName>(name: E, payload: Events[E]) {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ event: name, payload }));
      },
    });
    socket.on('close', disconnect);
    socket.on('message', async (raw) => {
      let message: BridgeMessage;
      try {
        message = JSON.parse(String(raw)) as BridgeMessage;
      } catch {
        return socket.close(1003, 'not JSON');
      }
      if (typeof message !== 'object' || message === null || typeof message.id !== 'number') return socket.close(1003, 'bad message');
      const result = isRequestName(message.name)
        ? await router.call(message.name, message.input, { clientId })
        : { ok: false, error: { code: 'unknown-request', message: 'Unknown request.' } };
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id: message.id, result }));
    });
  });
  return wss;
}
