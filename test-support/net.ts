// Loopback servers and clients for tunnel tests and the benchmark: an echo
// server, an HTTP server, a raw TCP client that sends in pieces, and a round
// trip that checks every byte. Everything binds to 127.0.0.1 or ::1.
import { createHash } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { freePort } from './sshd';

export interface TestServer {
  port: number;
  /** Connections accepted so far. */
  accepted(): number;
  /** Stops listening and cuts every connection. */
  close(): Promise<void>;
}

function track(server: Server, host: string): Promise<TestServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  server.on('connection', (socket: Socket) => {
    accepted++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        accepted: () => accepted,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}

/** Sends back whatever it receives; ends its side when the client ends. */
export function startEchoServer(host = '127.0.0.1'): Promise<TestServer> {
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    socket.setNoDelay(true);
    socket.on('error', () => {});
    socket.pipe(socket);
  });
  return track(server, host);
}

/** Answers every request with `body` (and its path in a header). */
export function startHttpServer(body: string, host = '127.0.0.1'): Promise<TestServer> {
  const server = createHttpServer((request, response) => {
    response.setHeader('x-path', request.url ?? '');
    response.end(body);
  });
  return track(server as unknown as Server, host);
}

/** A port that nothing listens on right now (bound, then released). */
export const closedPort = freePort;

/** Binding the port succeeds (then it is released again): nothing is left listening there. */
export function canBind(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export interface RoundTrip {
  /** The echo came back byte for byte. */
  ok: boolean;
  sent: number;
  received: number;
  /** From connect() to the first echoed byte, in ms. */
  firstByteMs: number;
  totalMs: number;
}

export interface RoundTripOptions {
  host?: string;
  timeoutMs?: number;
  /** Go through a SOCKS5 server at host:port first, asking it for this destination (CONNECT, no auth). */
  socks?: { host: string; port: number };
}

/**
 * Connects, sends `payload` (written in 64 KiB pieces, honouring
 * backpressure), half-closes, reads until the peer closes, and compares the
 * hash of what came back.
 */
export function echoRoundTrip(port: number, payload: Buffer, options: RoundTripOptions = {}): Promise<RoundTrip> {
  const host = options.host ?? '127.0.0.1';
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let firstByteMs = -1;
    let received = 0;
    const hash = createHash('sha256');
    /** SOCKS method choice (2 bytes) + reply (10 bytes for an IPv4 bound address). */
    let handshake = options.socks ? Buffer.alloc(0) : null;
    const socket = connect({ port, host, allowHalfOpen: true, noDelay: true });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`echo round trip via ${host}:${port} timed out after ${timeoutMs} ms (${received}/${payload.length} bytes back)`));
    }, timeoutMs);
    const start = () => void writeAll(socket, payload).then(() => socket.end());
    socket.on('data', (chunk: Buffer) => {
      if (handshake) {
        handshake = Buffer.concat([handshake, chunk]);
        if (handshake.length < 12) return;
        if (handshake[1] !== 0 || handshake[3] !== 0) {
          socket.destroy();
          return reject(new Error(`SOCKS refused: ${handshake.toString('hex')}`));
        }
        chunk = handshake.subarray(12);
        handshake = null;
        start();
        if (chunk.length === 0) return;
      }
      if (firstByteMs < 0) firstByteMs = performance.now() - t0;
      received += chunk.length;
      hash.update(chunk);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('close', () => {
      clearTimeout(timer);
      const ok = received === payload.length && hash.digest('hex') === createHash('sha256').update(payload).digest('hex');
      resolve({ ok, sent: payload.length, received, firstByteMs, totalMs: performance.now() - t0 });
    });
    socket.once('connect', () => {
      if (!options.socks) return start();
      const request = Buffer.alloc(10);
      request.set([5, 1, 0, 1]);
      options.socks.host.split('.').forEach((octet, i) => request.writeUInt8(Number(octet), 4 + i));
      request.writeUInt16BE(options.socks.port, 8);
      // Greeting and request in one write: our server copes; the reply is read above.
      socket.write(Buffer.concat([Buffer.from([5, 1, 0]), request]));
    });
  });
}

async function writeAll(socket: Socket, payload: Buffer, piece = 64 * 1024): Promise<void> {
  for (let at = 0; at < payload.length; at += piece) {
    if (!socket.write(payload.subarray(at, at + piece))) {
      await new Promise<void>((resolve) => {
        const done = () => (socket.off('drain', done), socket.off('close', done), resolve());
        socket.on('drain', done).on('close', done);
      });
    }
    if (socket.destroyed) return;
  }
}

export interface RawClient {
  socket: Socket;
  /** Everything received so far. */
  received(): Buffer;
  /** Resolves once at least `n` bytes have arrived (or rejects when the socket closes first / after `ms`). */
  waitFor(n: number, ms?: number): Promise<Buffer>;
  /** Resolves when the server closed the connection. */
  closed: Promise<void>;
  /** Writes each piece after a tick of its own, so the server sees them as separate reads. */
  send(pieces: Buffer[]): Promise<void>;
}

/** A plain TCP client for speaking SOCKS by hand. */
export async function rawClient(port: number, host = '127.0.0.1'): Promise<RawClient> {
  const socket = connect({ port, host, noDelay: true });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let data = Buffer.alloc(0);
  let wake = () => {};
  socket.on('data', (chunk: Buffer) => {
    data = Buffer.concat([data, chunk]);
    wake();
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => (wake(), resolve())));
  return {
    socket,
    received: () => data,
    closed,
    waitFor: async (n, ms = 10_000) => {
      const deadline = Date.now() + ms;
      while (data.length < n) {
        if (socket.destroyed) throw new Error(`connection closed after ${data.length} of ${n} bytes: ${data.toString('hex')}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${n} bytes (have ${data.toString('hex')})`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
          wake = () => (clearTimeout(timer), resolve());
        });
      }
      return data;
    },
    send: async (pieces) => {
      for (const piece of pieces) {
        socket.write(piece);
        // setTimeout rather than setImmediate: Nagle is off, but the kernel may
        // still merge writes made within the same event-loop turn.
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    },
  };
}

/** Splits a buffer into one-byte pieces. */
export const bytewise = (buffer: Buffer): Buffer[] => [...buffer].map((b) => Buffer.from([b]));
