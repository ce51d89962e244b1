// Test fixture: ssh2's own Server on 127.0.0.1, for what a real sshd cannot
// do without a system account: password and keyboard-interactive logins with
// known answers. It runs a tiny line-echo "shell" and records every
// authentication attempt it sees, in order. It can also play a server that
// logs in and then never answers (SFTP, a shell, a forward) or drops the
// connection at a chosen request, for the deadlines and messages that follow.
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import ssh2, { type AuthenticationType, type Connection, type ServerChannel } from 'ssh2';

export interface Ssh2ServerOptions {
  username?: string;
  password?: string;
  /** Keyboard-interactive prompts and the answers that must be given. */
  kbdInteractive?: { prompt: string; echo: boolean; answer: string }[];
  /** Accept this public key (the path of an OpenSSH .pub file). */
  publicKeyPath?: string;
  /** What to do with a request for the SFTP subsystem: never answer it, or drop the connection (no SSH disconnect). */
  sftp?: 'ignore' | 'drop';
  /** Never answer a shell request. */
  shell?: 'ignore';
  /** Never answer direct-tcpip channel opens (ssh -L) or tcpip-forward requests (ssh -R). */
  forwards?: 'ignore';
  /** Never answer a login attempt of this method ('password', …): the server goes silent after the host key. */
  silentAuth?: string;
}

export interface AuthAttempt {
  method: string;
  username: string;
}

export interface Ssh2TestServer {
  port: number;
  username: string;
  hostKey: string;
  attempts: AuthAttempt[];
  /** Requests seen after login, in order: 'sftp', 'shell', 'direct-tcpip', 'tcpip-forward'. */
  requests: string[];
  /** Connections still open on the server's side. */
  openConnections(): number;
  close(): Promise<void>;
}

/**
 * An Ed25519 host key ssh2 can read back. About 1 in 256 pairs that ssh2
 * generates is malformed (a public key starting with a zero byte is cut short:
 * mscdex/ssh2#1390, #1513), and its Server then refuses the key; that made
 * tests fail at random. The app's key generator guards the same way.
 */
export function generateHostKey(): string {
  for (;;) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    if (!(ssh2.utils.parseKey(pair.private) instanceof Error) && !(ssh2.utils.parseKey(pair.public) instanceof Error)) return pair.private;
  }
}

export async function startSsh2Server(options: Ssh2ServerOptions = {}, hostKey?: string): Promise<Ssh2TestServer> {
  const username = options.username ?? 'alice';
  const key = hostKey ?? generateHostKey();
  const attempts: AuthAttempt[] = [];
  const offered: AuthenticationType[] = [
    ...(options.publicKeyPath ? (['publickey'] as const) : []),
    ...(options.password ? (['password'] as const) : []),
    ...(options.kbdInteractive ? (['keyboard-interactive'] as const) : []),
  ];
  const clients = new Set<Connection>();
  const requests: string[] = [];
  const allowedKey = options.publicKeyPath ? ssh2.utils.parseKey(readFileSync(options.publicKeyPath)) : null;
  if (allowedKey instanceof Error) throw allowedKey;

  const server = new ssh2.Server({ hostKeys: [key] }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => {});
    client.on('authentication', (ctx) => {
      attempts.push({ method: ctx.method, username: ctx.username });
      if (ctx.method === options.silentAuth) return;
      if (ctx.username !== username) return ctx.reject(offered);
      if (ctx.method === 'password' && options.password !== undefined) {
        return ctx.password === options.password ? ctx.accept() : ctx.reject(offered);
      }
      if (ctx.method === 'publickey' && allowedKey) {
        if (ctx.key.algo !== allowedKey.type || !ctx.key.data.equals(allowedKey.getPublicSSH())) return ctx.reject(offered);
        if (!ctx.signature) return ctx.accept(); // the key would do: the client signs next
        return ctx.blob && allowedKey.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : ctx.reject(offered);
      }
      if (ctx.method === 'keyboard-interactive' && options.kbdInteractive) {
        const questions = options.kbdInteractive;
        return ctx.prompt(
          questions.map((q) => ({ prompt: q.prompt, echo: q.echo })),
          'Warren test server',
          'Answer the questions.',
          (answers) => (questions.every((q, i) => answers[i] === q.answer) ? ctx.accept() : ctx.reject(offered)),
        );
      }
      ctx.reject(offered);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('pty', (acceptPty) => acceptPty?.());
        session.on('window-change', (acceptChange) => acceptChange?.());
        session.on('shell', (acceptShell) => {
          requests.push('shell');
          if (options.shell !== 'ignore') lineShell(acceptShell());
        });
        session.on('sftp', (_accept, reject) => {
          requests.push('sftp');
          // 'ignore': no answer at all, while keepalives are still answered.
          if (options.sftp === 'drop') dropSocket(client);
          else if (options.sftp === undefined) reject?.();
        });
      });
      client.on('tcpip', (accept, reject) => {
        requests.push('direct-tcpip');
        if (options.forwards !== 'ignore') reject();
      });
      client.on('request', (accept, reject, name) => {
        requests.push(name);
        // Keepalives are global requests too: those are still refused (answered) as ssh2 does.
        if (options.forwards !== 'ignore' || name !== 'tcpip-forward') reject?.();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    username,
    hostKey: key,
    attempts,
    requests,
    openConnections: () => clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.end();
        server.close(() => resolve());
      }),
  };
}

/** Ends the TCP connection under the SSH session, as a network failure or a crashed server would. */
function dropSocket(client: Connection): void {
  // ssh2's Server keeps the socket private; a test fixture may reach for it.
  const sock = (client as unknown as { _sock?: Socket })._sock;
  if (sock) sock.destroy();
  else client.end();
}

/** Echoes each line back as `you said: …`; `exit N` ends with status N. */
function lineShell(channel: ServerChannel): void {
  let line = '';
  channel.write('test$ ');
  channel.on('data', (chunk: Buffer) => {
    for (const ch of chunk.toString()) {
      if (ch !== '\r' && ch !== '\n') {
        line += ch;
        continue;
      }
      const exit = /^exit (\d+)$/.exec(line.trim());
      if (exit) {
        channel.exit(Number(exit[1]));
        channel.end();
        return;
      }
      channel.write(`\r\nyou said: ${line}\r\ntest$ `);
      line = '';
    }
  });
}
