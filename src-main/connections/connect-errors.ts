// Turns what ssh2 and the OS report into a sentence that says what happened
// and what to do about it.
import { AppError } from '../errors/app-error';

export interface Endpoint {
  host: string;
  port: number;
  username: string;
}

export function describeConnectError(error: unknown, at: Endpoint): AppError {
  if (error instanceof AppError) return error;
  const err = error as NodeJS.ErrnoException & { level?: string };
  const where = `${at.host}:${at.port}`;
  switch (err.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new AppError('host-not-found', `Cannot find the host "${at.host}": the name does not resolve. Check the host name, or your network and DNS.`);
    case 'ECONNREFUSED':
      return new AppError('connection-refused', `${where} refused the connection. Check the port, and that an SSH server is running there.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new AppError('unreachable', `${where} cannot be reached from this machine. Check the address and your network.`);
    case 'ECONNRESET':
      return new AppError('connection-reset', `${where} reset the connection during the handshake. The server may not be an SSH server, or it refused this client.`);
    case 'ETIMEDOUT':
      return new AppError('timeout', `${where} did not answer in time. Check the address and port, and any firewall in between.`);
  }
  if (err.level === 'client-timeout' || /timed out/i.test(err.message ?? '')) {
    return new AppError('timeout', `${where} did not complete the SSH handshake in time. Check the address and port, and any firewall in between.`);
  }
  if (err.level === 'protocol' || err.level === 'handshake') {
    return new AppError('protocol', `The SSH handshake with ${where} failed: ${err.message}. The server may not speak SSH or may use algorithms Warren does not support.`);
  }
  return new AppError('connect-failed', `Could not connect to ${where}: ${err.message ?? String(error)}.`);
}

export function authFailedError(at: Endpoint, tried: string, offered: readonly string[] | null): AppError {
  const methods = offered && offered.length > 0 ? offered.join(', ') : 'none that it would name';
  return new AppError(
    'auth-failed',
    `${at.username}@${at.host}:${at.port} did not accept ${tried}. The server offers: ${methods}. Check the user name and credentials, or edit the host to use a method the server offers.`,
  );
}
