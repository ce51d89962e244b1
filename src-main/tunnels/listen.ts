// The local listening socket of a local or SOCKS forward, with bind failures
// turned into sentences that say which address and what to do.
import { lookup } from 'node:dns/promises';
import { createServer, isIP, type AddressInfo, type Server } from 'node:net';
import { AppError } from '../errors/app-error';
import { hostForDisplay } from './forward-spec';
import { findPortHolder } from './port-holder';

/**
 * Listens on bindHost:bindPort ('' or '*' = every interface, as with
 * `ssh -L *:port`). A name listens on every address it resolves to, as ssh
 * does (`localhost` is 127.0.0.1 and ::1), on one port: the first address's
 * when bindPort is 0. An address this machine cannot bind is passed over
 * (with a note) as long as one listens; a port in use on any of them fails. Sockets arrive paused (pauseOnConnect)
 * and half-open capable, so nothing is read before the SSH channel exists and
 * a client's FIN can be passed on as a channel EOF.
 */
export async function listenLocal(bindHost: string, bindPort: number, note: (message: string) => void = () => {}, resolve = resolveAll): Promise<Server[]> {
  const addresses = await bindAddresses(bindHost, resolve);
  const servers: Server[] = [];
  let port = bindPort;
  for (const [i, address] of addresses.entries()) {
    try {
      servers.push(await listenOne(address, port));
      port = (servers[0]!.address() as AddressInfo).port;
    } catch (error) {
      // A family this machine lacks (no IPv6) is passed over, as ssh does; a port
      // in use on any address fails the whole forward rather than half-work.
      const missing = ['EADDRNOTAVAIL', 'EAFNOSUPPORT'].includes((error as NodeJS.ErrnoException).code ?? '');
      if (!missing || (servers.length === 0 && i === addresses.length - 1)) {
        for (const server of servers) server.close();
        throw await describeBindError(error, bindHost, port);
      }
      note(`Not listening on ${hostForDisplay(address ?? '*')}:${port}: this machine cannot bind that address (${(error as Error).message}).`);
    }
  }
  return servers;
}

/** undefined = every interface; an IP as given; a name as every address it resolves to. */
async function bindAddresses(bindHost: string, resolve: (name: string) => Promise<string[]>): Promise<(string | undefined)[]> {
  if (bindHost === '' || bindHost === '*') return [undefined];
  if (isIP(bindHost)) return [bindHost];
  // ssh (channels.c) binds `localhost` as the loopback of both families, whatever /etc/hosts lists.
  if (bindHost === 'localhost') return ['127.0.0.1', '::1'];
  try {
    return [...new Set(await resolve(bindHost))];
  } catch (error) {
    throw await describeBindError(error, bindHost, 0);
  }
}

async function resolveAll(name: string): Promise<string[]> {
  return (await lookup(name, { all: true, verbatim: true })).map((a) => a.address);
}

function listenOne(host: string | undefined, port: number): Promise<Server> {
  const server = createServer({ allowHalfOpen: true, pauseOnConnect: true, noDelay: true });
  return new Promise((resolve, reject) => {
    server.once('error', (error) => {
      server.close();
      reject(error);
    });
    server.listen({ host, port, exclusive: true }, () => {
      server.removeAllListeners('error');
      resolve(server);
    });
  });
}

export async function describeBindError(error: unknown, bindHost: string, port: number): Promise<AppError> {
  const where = `${hostForDisplay(bindHost || '*')}:${port}`;
  const code = (error as NodeJS.ErrnoException).code;
  const detail = (error as Error).message ?? String(error);
  switch (code) {
    case 'EADDRINUSE': {
      const holder = await findPortHolder(port);
      const who = !holder ? '' : holder.pid === process.pid ? ` by Warren itself (pid ${holder.pid}): another tunnel already listens there` : ` by ${holder.name} (pid ${holder.pid})`;
      return new AppError('port-in-use', `Port ${where} is already in use${who}. Choose another local port, or stop what holds it and start the tunnel again.`);
    }
    case 'EACCES':
      return new AppError(
        'bind-denied',
        port > 0 && port < 1024
          ? `Listening on ${where} was denied: ports below 1024 need administrator rights on this system. Choose a port from 1024 up.`
          : `Listening on ${where} was denied by the system (${detail}). Choose another port or address.`,
      );
    case 'EADDRNOTAVAIL':
      return new AppError('bind-address-unavailable', `${hostForDisplay(bindHost)} is not an address of this machine, so nothing can listen on it. Use 127.0.0.1 (this machine only) or * (every interface).`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new AppError('bind-address-unavailable', `The listen address "${bindHost}" does not resolve to an address of this machine. Use 127.0.0.1 (this machine only) or * (every interface).`);
    default:
      return new AppError('bind-failed', `Could not listen on ${where}: ${detail}.`);
  }
}
