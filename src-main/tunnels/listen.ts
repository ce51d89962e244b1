// The local listening socket of a local or SOCKS forward, with bind failures
// turned into sentences that say which address and what to do.
import { createServer, type Server } from 'node:net';
import { AppError } from '../app/app-error';
import { hostForDisplay } from './forward-spec';
import { findPortHolder } from './port-holder';

/**
 * Listens on bindHost:bindPort ('' or '*' = every interface, as with
 * `ssh -L *:port`). Sockets arrive paused (pauseOnConnect) and half-open
 * capable, so nothing is read before the SSH channel exists and a client's
 * FIN can be passed on as a channel EOF.
 */
export async function listenLocal(bindHost: string, bindPort: number): Promise<Server> {
  const host = bindHost === '' || bindHost === '*' ? undefined : bindHost;
  const server = createServer({ allowHalfOpen: true, pauseOnConnect: true, noDelay: true });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port: bindPort, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    server.close();
    throw await describeBindError(error, bindHost, bindPort);
  }
  return server;
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
