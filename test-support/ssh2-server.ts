// Test fixture: ssh2's own Server on 127.0.0.1, for what a real sshd cannot
// do without a system account: password and keyboard-interactive logins with
// known answers. It runs a tiny line-echo "shell" and records every
// authentication attempt it sees, in order.
import ssh2, { type AuthenticationType, type Connection, type ServerChannel } from 'ssh2';

export interface Ssh2ServerOptions {
  username?: string;
  password?: string;
  /** Keyboard-interactive prompts and the answers that must be given. */
  kbdInteractive?: { prompt: string; echo: boolean; answer: string }[];
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
  close(): Promise<void>;
}

export async function startSsh2Server(options: Ssh2ServerOptions = {}, hostKey?: string): Promise<Ssh2TestServer> {
  const username = options.username ?? 'alice';
  const key = hostKey ?? ssh2.utils.generateKeyPairSync('ed25519').private;
  const attempts: AuthAttempt[] = [];
  const offered: AuthenticationType[] = [...(options.password ? (['password'] as const) : []), ...(options.kbdInteractive ? (['keyboard-interactive'] as const) : [])];
  const clients = new Set<Connection>();

  const server = new ssh2.Server({ hostKeys: [key] }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => {});
    client.on('authentication', (ctx) => {
      attempts.push({ method: ctx.method, username: ctx.username });
      if (ctx.username !== username) return ctx.reject(offered);
      if (ctx.method === 'password' && options.password !== undefined) {
        return ctx.password === options.password ? ctx.accept() : ctx.reject(offered);
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
        session.on('shell', (acceptShell) => lineShell(acceptShell()));
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
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.end();
        server.close(() => resolve());
      }),
  };
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
