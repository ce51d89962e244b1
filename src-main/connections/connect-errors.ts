// Turns what ssh2 and the OS report into a sentence that says what happened
// and what to do about it.
import { AppError } from '../errors/app-error';

export interface Endpoint {
  host: string;
  port: number;
  username: string;
}

/**
 * `keyExchanged`: the server had sent its host key. Before that, a server
 * that closes or resets the connection is most often sshd turning new
 * connections away (MaxStartups, PerSourceMaxStartups, a connection limit),
 * not a protocol problem.
 */
export function describeConnectError(error: unknown, at: Endpoint, keyExchanged = false): AppError {
  if (error instanceof AppError) return error;
  const err = error as NodeJS.ErrnoException & { level?: string };
  const where = `${at.host}:${at.port}`;
  if (!keyExchanged && isEarlyClose(err)) return serverBusyError(where, err.code === 'ECONNRESET' ? 'reset' : 'closed');
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
      return new AppError('connection-reset', `${where} reset the connection during login. Try again; if it keeps happening, check the server's log (sshd may be refusing this client).`);
    case 'SERVER_CLOSED':
      return new AppError('connect-failed', `${where} closed the connection during login, without saying why. Try again; if it keeps happening, check the server's log (e.g. LoginGraceTime, MaxAuthTries).`);
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

/** `agentTrouble`: why the ssh-agent's keys could not be offered, when they could not. */
export function authFailedError(at: Endpoint, tried: string, offered: readonly string[] | null, agentTrouble: string | null = null): AppError {
  const methods = offered && offered.length > 0 ? offered.join(', ') : 'none that it would name';
  const agent = agentTrouble ? ` ${agentTrouble}` : '';
  return new AppError(
    'auth-failed',
    `${at.username}@${at.host}:${at.port} did not accept ${tried}. The server offers: ${methods}.${agent} Check the user name and credentials, or edit the host to use a method the server offers.`,
  );
}

/**
 * The server ended the connection before or right after the version banners
 * (ssh2: "Connection lost before handshake", a reset, or a silent close).
 * OpenSSH's client says "kex_exchange_identification: Connection closed by
 * remote host" or "…read: Connection reset by peer"; sshd does this to
 * connections past MaxStartups.
 */
function isEarlyClose(err: NodeJS.ErrnoException & { level?: string }): boolean {
  return err.code === 'ECONNRESET' || err.code === 'SERVER_CLOSED' || /connection lost before handshake/i.test(err.message ?? '');
}

function serverBusyError(where: string, how: 'closed' | 'reset'): AppError {
  return new AppError(
    'server-busy',
    `${where} ${how === 'reset' ? 'reset' : 'closed'} the connection before the SSH handshake (OpenSSH reports "kex_exchange_identification: ${how === 'reset' ? 'read: Connection reset by peer' : 'Connection closed by remote host'}"). ` +
      'The server is refusing new connections for now: most often too many unauthenticated connections are open at once (sshd\'s MaxStartups), or a per-address connection limit applies. Wait a few seconds and try again; if it keeps happening, ask the server\'s administrator.',
  );
}
