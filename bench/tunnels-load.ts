// The load side of the tunnel benchmark, run as a child process (forked by
// bench/tunnels.ts) so that generating and checking traffic does not share a
// thread with Warren's forwarding, just as a browser using a tunnel is a
// program of its own. Commands arrive over IPC; each gets one reply.
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { echoRoundTrip, startEchoServer } from '../test-support/net';

export type LoadCommand =
  | { id: number; op: 'servers' }
  | { id: number; op: 'stream'; port: number; bytes: number }
  | { id: number; op: 'fan'; port: number; count: number; bytes: number; socks?: { host: string; port: number } };

export type LoadReply =
  | { id: number; ok: true; echoPort: number; sinkPort: number }
  | { id: number; ok: true; ms: number }
  | { id: number; ok: true; ms: number; firstByteMs: number[]; bad: number }
  | { id: number; ok: false; error: string };

const BLOCK = randomBytes(1024 * 1024);

/** Counts what arrives; when the sender ends, answers with the count (8 bytes) and closes. */
function startSink(): Promise<number> {
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    let bytes = 0;
    socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
    socket.on('error', () => {});
    socket.on('end', () => {
      const count = Buffer.alloc(8);
      count.writeBigUInt64BE(BigInt(bytes));
      socket.end(count);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** Sends `bytes` to the sink through `port` and resolves with the ms until the sink confirmed them all. */
function stream(port: number, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const socket: Socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true, noDelay: true });
    let reply = Buffer.alloc(0);
    let left = bytes;
    const pump = () => {
      while (left > 0) {
        const piece = left >= BLOCK.length ? BLOCK : BLOCK.subarray(0, left);
        left -= piece.length;
        if (!socket.write(piece)) return void socket.once('drain', pump);
      }
      socket.end();
    };
    socket.once('connect', pump);
    socket.on('data', (chunk: Buffer) => (reply = Buffer.concat([reply, chunk])));
    socket.once('error', reject);
    socket.once('close', () => {
      const got = reply.length === 8 ? Number(reply.readBigUInt64BE(0)) : -1;
      if (got !== bytes) return reject(new Error(`the sink got ${got} of ${bytes} bytes`));
      resolve(performance.now() - t0);
    });
  });
}

async function fan(command: Extract<LoadCommand, { op: 'fan' }>): Promise<LoadReply> {
  const payloads = Array.from({ length: command.count }, (_, i) => {
    // Each connection gets different bytes, so a crossed wire cannot pass the check.
    const p = Buffer.allocUnsafe(command.bytes);
    for (let at = 0; at < p.length; at += BLOCK.length) BLOCK.copy(p, at, 0, Math.min(BLOCK.length, p.length - at));
    p.writeUInt32BE(i, 0);
    return p;
  });
  const t0 = performance.now();
  const trips = await Promise.all(payloads.map((p) => echoRoundTrip(command.port, p, { socks: command.socks, timeoutMs: 170_000 })));
  const ms = performance.now() - t0;
  return { id: command.id, ok: true, ms, firstByteMs: trips.map((t) => t.firstByteMs), bad: trips.filter((t) => !t.ok).length };
}

let servers: Promise<{ echoPort: number; sinkPort: number }> | null = null;

process.on('message', (command: LoadCommand) => {
  const answer = async (): Promise<LoadReply> => {
    switch (command.op) {
      case 'servers':
        servers ??= Promise.all([startEchoServer(), startSink()]).then(([echo, sinkPort]) => ({ echoPort: echo.port, sinkPort }));
        return { id: command.id, ok: true, ...(await servers) };
      case 'stream':
        return { id: command.id, ok: true, ms: await stream(command.port, command.bytes) };
      case 'fan':
        return fan(command);
    }
  };
  answer().then(
    (reply) => process.send!(reply),
    (error: unknown) => process.send!({ id: command.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
// The parent going away (or killing us) ends the run; no orphan keeps ports open.
process.on('disconnect', () => process.exit(0));
