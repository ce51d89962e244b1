// One listener per ssh2 Client for the events every forward on it needs, so
// ten tunnels on one host do not trip Node's MaxListenersExceeded warning, and
// an incoming connection that no forward claims is refused instead of hanging.
import type { AcceptConnection, Client, ClientChannel, RejectConnection, TcpConnectionDetails } from 'ssh2';
import { isClientConnected } from '../ssh2-internals/ssh2-internals';

/** Returns true when it took the connection (accepted or rejected it). */
export type TcpConnectionHandler = (info: TcpConnectionDetails, accept: AcceptConnection<ClientChannel>, reject: RejectConnection) => boolean;

interface Hooks {
  close: Set<() => void>;
  tcp: Set<TcpConnectionHandler>;
}

const hooksByClient = new WeakMap<Client, Hooks>();

function hooksOf(client: Client): Hooks {
  let hooks = hooksByClient.get(client);
  if (!hooks) {
    const created: Hooks = { close: new Set(), tcp: new Set() };
    client.on('close', () => {
      for (const fn of [...created.close]) fn();
    });
    client.on('tcp connection', (info, accept, reject) => {
      for (const fn of [...created.tcp]) if (fn(info, accept, reject)) return;
      // ssh2 only emits for addresses we asked to forward, so this is a
      // connection that raced a forward's close: refuse it.
      reject();
    });
    hooksByClient.set(client, created);
    hooks = created;
  }
  return hooks;
}

export function onClientClose(client: Client, fn: () => void): () => void {
  const { close } = hooksOf(client);
  close.add(fn);
  return () => close.delete(fn);
}

export function onTcpConnection(client: Client, fn: TcpConnectionHandler): () => void {
  const { tcp } = hooksOf(client);
  tcp.add(fn);
  return () => tcp.delete(fn);
}

/**
 * Whether the client's socket can still carry requests. ssh2 has no public
 * flag; this is the check its own forwardIn/forwardOut make before throwing
 * "Not connected" (see src-main/ssh2-internals).
 */
export function isConnected(client: Client): boolean {
  return isClientConnected(client);
}
