// `ssh -R`: the server listens (tcpip-forward) and opens a forwarded-tcpip
// channel for each connection; we connect to the destination from here and
// only then accept the channel, so a refused destination is an open failure
// on the server's side too, as with OpenSSH.
import { connect, type Socket } from 'node:net';
import type { AcceptConnection, Client, ClientChannel, RejectConnection, TcpConnectionDetails } from 'ssh2';
import { AppError } from '../errors/app-error';
import { onTcpConnection } from './client-events';
import { connectionCounter, type ForwardCore } from './forward-core';
import { hostForDisplay, type ForwardSpec } from './forward-spec';
import { splice } from './pipe-counters';
import { sendGate } from './send-gate';
import { seconds, withDeadline } from '../connections/deadline';

export interface RemoteSide {
  close(): Promise<void>;
}

/** How long close() waits for the server to confirm it stopped listening. */
const UNFORWARD_TIMEOUT_MS = 5_000;

export async function startRemoteSide(client: Client, spec: Extract<ForwardSpec, { kind: 'remote' }>, core: ForwardCore, replyMs: number, signal?: AbortSignal): Promise<RemoteSide> {
  // OpenSSH's own client sends '' for '*': "every address" on the wire.
  const wireHost = spec.bindHost === '*' ? '' : spec.bindHost;
  const port = await forwardIn(client, wireHost, spec.bindPort, replyMs, signal);
  core.boundPort = port;

  // One client may carry several remote forwards: each takes only the
  // connections that arrive on its own address and port.
  const stopListening = onTcpConnection(client, (info, accept, reject) => {
    if (info.destIP !== wireHost || info.destPort !== port) return false;
    if (core.stopped) reject();
    else carry(client, spec, core, info, accept, reject);
    return true;
  });

  return {
    close: async () => {
      core.cutAll();
      // Connections that arrive until the server confirms are still ours to refuse.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, UNFORWARD_TIMEOUT_MS);
        const done = () => (clearTimeout(timer), resolve());
        try {
          client.unforwardIn(wireHost, port, done);
        } catch {
          done(); // not connected: the server has dropped the listener with the session
        }
      });
      stopListening();
    },
  };
}

/**
 * tcpip-forward with the reply deadline. A listener the server grants after
 * the wait was given up (deadline or cancel) is cancelled again, so it does
 * not stay bound on the server.
 */
async function forwardIn(client: Client, wireHost: string, bindPort: number, ms: number, signal?: AbortSignal): Promise<number> {
  const where = `${hostForDisplay(wireHost || '*')}:${bindPort === 0 ? '(any port)' : bindPort}`;
  let thrown = false;
  try {
    return await withDeadline<number>(
      (done) => {
        try {
          client.forwardIn(wireHost, bindPort, done);
        } catch (error) {
          thrown = true;
          throw error;
        }
      },
      {
        ms,
        signal,
        timeout: () => new AppError('timeout', `The server did not answer the request to listen on ${where} within ${seconds(ms)}. It may be overloaded; switch the tunnel off and on to try again.`),
        late: (port) => {
          try {
            client.unforwardIn(wireHost, port, () => {});
          } catch {
            // Not connected: the server dropped the listener with the session.
          }
        },
      },
    );
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (thrown) throw new AppError('not-connected', 'The SSH connection is closed, so the server cannot be asked to listen. Reconnect, then start the tunnel again.');
    if (/no response from server|not connected/i.test((error as Error).message)) {
      throw new AppError('not-connected', 'The SSH connection closed before the server answered the forwarding request. Reconnect, then start the tunnel again.');
    }
    throw new AppError(
      'remote-bind-refused',
      `The server refused to listen on ${where}. Its sshd_config may not allow remote forwarding (AllowTcpForwarding, PermitListen), ` +
        `may not allow that address (GatewayPorts), or the port may already be in use on the server; a port below 1024 needs a root login. Choose another port or ask the server's administrator.`,
    );
  }
}

function carry(client: Client, spec: Extract<ForwardSpec, { kind: 'remote' }>, core: ForwardCore, info: TcpConnectionDetails, accept: AcceptConnection<ClientChannel>, reject: RejectConnection): void {
  const from = `${hostForDisplay(info.srcIP)}:${info.srcPort} (on the server)`;
  const to = `${hostForDisplay(spec.destHost)}:${spec.destPort}`;
  let answered = false;
  const socket: Socket = connect({ host: spec.destHost, port: spec.destPort, allowHalfOpen: true, noDelay: true });
  socket.pause();
  const id = core.begin(() => socket.destroy());
  socket.once('error', (error: NodeJS.ErrnoException) => {
    if (answered) return; // the splice owns the socket now
    answered = true;
    reject();
    core.failed(id, from, to, `Could not reach ${to} from this machine: ${describeSocketError(error)}.`);
  });
  socket.once('close', () => {
    if (answered) return;
    answered = true; // cut by close() while connecting
    reject();
    core.forget(id);
  });
  socket.once('connect', () => {
    if (answered) return;
    answered = true;
    const channel = accept();
    const counter = connectionCounter(core);
    const link = splice(socket, channel, { client: 'channel', gate: sendGate(client), onBytes: counter.add, onClosed: () => core.closed(id, counter.in, counter.out) });
    core.opened(id, from, to, link.kill);
  });
}

function describeSocketError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is anything listening there?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the name does not resolve';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'no route to that host';
    case 'ETIMEDOUT':
      return 'it did not answer in time';
    default:
      return error.message;
  }
}
