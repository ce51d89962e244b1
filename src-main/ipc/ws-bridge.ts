// The e2e transport: the same contract over a WebSocket on 127.0.0.1, so the
// built renderer in a real Chromium can drive the real services. It accepts
// only loopback peers that present the random token and come from the
// harness's own origin.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodeDataFrame, isRequestName, type EventName, type Events, type SessionDataEvent } from '../../src-shared/contract';
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

const internalError = (name: string) => ({
  ok: false,
  error: { code: 'internal', message: `Warren hit an internal error handling ${name.slice(0, 80)}. See the log for details.` },
});

/** The request a bridge message carries, or null when it is not one (the socket is then closed). */
export function parseBridgeMessage(raw: string): BridgeMessage | null {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return null;
  const { id, name, input } = message as Record<string, unknown>;
  // Ids are the client's counter: a safe non-negative integer, echoed back as it came.
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return null;
  if (typeof name !== 'string') return null;
  return { id, name, input };
}

export function attachWsBridge(options: {
  server: HttpServer;
  router: Router;
  hub: Hub;
  token: string;
  origin: string;
  log?: (line: string) => void;
}): WebSocketServer {
  const { router, hub, token, origin } = options;
  const log = options.log ?? (() => {});
  const wss = new WebSocketServer({
    server: options.server,
    path: '/bridge',
    maxPayload: 2 << 20,
    verifyClient: ({ req }: { req: IncomingMessage }) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      return isLoopback(req.socket.remoteAddress) && req.headers.origin === origin && sameToken(url.searchParams.get('token'), token);
    },
  });
  // The http server's own errors are re-emitted here; unheard, they would end the process.
  wss.on('error', (error) => log(`bridge server error: ${error.message}`));
  wss.on('connection', (socket: WebSocket) => {
    const clientId = randomUUID();
    /** False when `data` cannot be encoded (nothing is sent then). */
    const send = (data: unknown): boolean => {
      let text: string;
      try {
        text = JSON.stringify(data);
      } catch (error) {
        log(`bridge could not encode a message: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      }
      if (socket.readyState === socket.OPEN) socket.send(text, (error) => error && log(`bridge send failed: ${error.message}`));
      return true;
    };
    const disconnect = hub.connect({
      id: clientId,
      send<E extends EventName>(name: E, payload: Events[E]) {
        // Terminal output goes as bytes in a binary frame (see encodeDataFrame), not as JSON.
        if (name !== 'session:data') return void send({ event: name, payload });
        if (socket.readyState !== socket.OPEN) return;
        socket.send(encodeDataFrame(payload as SessionDataEvent), { binary: true }, (error) => error && log(`bridge send failed: ${error.message}`));
      },
    });
    socket.on('close', disconnect);
    // A frame over maxPayload, a bad opcode, reserved bits or invalid UTF-8: ws
    // emits 'error' and closes this socket (1009, 1002 or 1007). Heard here, it ends
    // only this socket, not the process and the other clients.
    socket.on('error', (error) => log(`bridge client ${clientId.slice(0, 8)} dropped: ${error.message}`));
    socket.on('message', (raw, isBinary) => {
      if (isBinary) return socket.close(1003, 'text frames only');
      const message = parseBridgeMessage(String(raw));
      if (message === null) return socket.close(1003, 'bad message');
      void answer(message);
    });
    const answer = async (message: BridgeMessage): Promise<void> => {
      let result: unknown;
      try {
        result = isRequestName(message.name)
          ? await router.call(message.name, message.input, { clientId })
          : { ok: false, error: { code: 'unknown-request', message: 'Unknown request.' } };
      } catch (error) {
        // The router wraps handler failures itself; this is for a fault in the router.
        log(`${message.name.slice(0, 80)} failed in the bridge: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        result = internalError(message.name);
      }
      if (!send({ id: message.id, result })) send({ id: message.id, result: internalError(message.name) });
    };
  });
  return wss;
}
