// `ssh -L` and `ssh -D`: a listener on this machine, and for each connection a
// direct-tcpip channel from the server to the destination — fixed for a
// local forward, whatever the SOCKS client asks for a dynamic one.
import type { AddressInfo, Socket } from 'node:net';
import type { Channel, Client } from 'ssh2';
import { connectionCounter, type ForwardCore } from './forward-core';
import { hostForDisplay, type ForwardSpec } from './forward-spec';
import { listenLocal } from './listen';
import { splice } from './pipe-counters';
import { sendGate } from './send-gate';
import { seconds, withDeadline } from '../connections/deadline';
import { AppError } from '../errors/app-error';
import { readSocksRequest, refuse, socks5CodeForOpenFailure, socksFailure, socksSuccess, SocksRefused, type SocksRequest } from './socks';

export interface LocalSide {
  close(): Promise<void>;
}

export async function startLocalSide(
  client: Client,
  spec: Extract<ForwardSpec, { kind: 'local' | 'dynamic' }>,
  core: ForwardCore,
  socksTimeoutMs: number,
  replyMs: number,
): Promise<LocalSide> {
  const servers = await listenLocal(spec.bindHost, spec.bindPort, (message) => core.note(message));
  core.boundPort = (servers[0]!.address() as AddressInfo).port;
  // Every accepted socket, including those no longer counted (a SOCKS refusal
  // still flushing its reply), so close() leaves none behind.
  const sockets = new Set<Socket>();
  for (const server of servers) {
    // accept() failures (e.g. out of file descriptors) do not stop the server.
    server.on('error', (error) => core.note(`The listener on ${hostForDisplay(spec.bindHost || '*')}:${core.boundPort} could not accept a connection: ${error.message}.`));
    server.on('connection', (socket) => {
      if (core.stopped) return void socket.destroy();
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      void carry(client, spec, core, socket, socksTimeoutMs, replyMs);
    });
  }
  return {
    close: async () => {
      // close() stops accepting at once; its callback waits for the sockets destroyed below.
      const closed = servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
      core.cutAll();
      for (const socket of sockets) socket.destroy();
      await Promise.all(closed);
    },
  };
}

async function carry(
  client: Client,
  spec: Extract<ForwardSpec, { kind: 'local' | 'dynamic' }>,
  core: ForwardCore,
  socket: Socket,
  socksTimeoutMs: number,
  replyMs: number,
): Promise<void> {
  const from = `${hostForDisplay(socket.remoteAddress ?? '?')}:${socket.remotePort ?? 0}`;
  let pendingChannel: Channel | null = null;
  let gone = false;
  const id = core.begin(() => {
    gone = true;
    socket.destroy();
    pendingChannel?.close();
  });
  // Until the splice takes over, a vanished client just ends the attempt.
  const onEarlyClose = () => {
    gone = true;
    core.forget(id);
  };
  socket.on('error', () => {});
  socket.once('close', onEarlyClose);

  let request: Pick<SocksRequest, 'host' | 'port' | 'early'> & { version?: 4 | 5 };
  if (spec.kind === 'dynamic') {
    try {
      request = await readSocksRequest(socket, socksTimeoutMs);
    } catch (error) {
      if (gone || (error instanceof SocksRefused && error.silent)) core.forget(id);
      else core.failed(id, from, null, `A SOCKS client at ${from} was turned away: ${(error as Error).message}.`);
      if (!socket.writableEnded) socket.destroy();
      return;
    }
    if (gone) return;
  } else {
    request = { host: spec.destHost, port: spec.destPort, early: Buffer.alloc(0) };
  }
  const to = `${hostForDisplay(request.host)}:${request.port}`;

  let channel: Channel;
  try {
    channel = await openDirect(client, socket, request.host, request.port, replyMs, (c) => (pendingChannel = c));
  } catch (error) {
    if (gone) return;
    socket.off('close', onEarlyClose);
    if (request.version) refuse(socket, socksFailure(request.version, socks5CodeForOpenFailure(error)));
    else socket.destroy();
    core.failed(id, from, to, `Could not reach ${to} through the SSH server: ${openFailureText(error)}.`);
    return;
  }
  if (gone) {
    channel.close();
    return;
  }
  socket.off('close', onEarlyClose);
  if (request.version) socket.write(socksSuccess(request.version));
  const counter = connectionCounter(core);
  const link = splice(socket, channel, {
    client: 'socket',
    early: request.early,
    gate: sendGate(client),
    onBytes: counter.add,
    onClosed: () => core.closed(id, counter.in, counter.out),
  });
  core.opened(id, from, to, link.kill);
}

/**
 * forwardOut with the reply deadline; `onChannel` sees the channel as soon as
 * it exists, for cutting. A channel the server opens after the deadline is
 * closed at once. (ssh2 throws synchronously once its socket is gone: the
 * deadline helper turns that into a rejection.)
 */
function openDirect(client: Client, socket: Socket, host: string, port: number, ms: number, onChannel: (c: Channel) => void): Promise<Channel> {
  return withDeadline<Channel>(
    // The originator fields are informational for the server (it logs them).
    (done) => client.forwardOut(socket.remoteAddress ?? '127.0.0.1', socket.remotePort ?? 0, host, port, done),
    { ms, timeout: () => new AppError('timeout', `the SSH server did not answer the request to open a channel to ${hostForDisplay(host)}:${port} within ${seconds(ms)}`), late: (channel) => channel.close() },
  ).then((channel) => {
    onChannel(channel);
    return channel;
  });
}

/** ssh2's "(SSH) Channel open failure: …" as the reason alone, with a hint where one helps. */
export function openFailureText(error: unknown): string {
  const { reason, message } = (error ?? {}) as { reason?: unknown; message?: unknown };
  const text = String(message ?? error).replace(/^\(SSH\) Channel open failure:\s*/, '');
  if (reason === 1) return `the server does not allow it (${text}; see AllowTcpForwarding and PermitOpen in its sshd_config)`;
  if (/not connected|no response from server/i.test(text)) return 'the SSH connection is closed';
  return text.charAt(0).toLowerCase() + text.slice(1);
}
