// What a terminal asks of the server on its session channel, from the saved
// host alone (never from the renderer): SetEnv pairs, the values of main's own
// environment variables that SendEnv names, RemoteCommand instead of a login
// shell, and whether a pty is requested (RequestTTY, as ssh.c decides it).
import type { StoredHost } from '../hosts/hosts-model';

export interface SessionRequest {
  env: Record<string, string>;
  /** null: a login shell. */
  command: string | null;
  pty: boolean;
}

export const LOGIN_SHELL: SessionRequest = { env: {}, command: null, pty: true };

type SessionHost = Pick<StoredHost, 'setEnv' | 'sendEnv' | 'remoteCommand' | 'requestTty'>;

export function sessionRequest(host: SessionHost, environment: NodeJS.ProcessEnv = process.env): SessionRequest {
  const env: Record<string, string> = {};
  // SendEnv first, SetEnv after: a name in both takes SetEnv's value (ssh sends SetEnv last, sshd keeps the last).
  const patterns = (host.sendEnv ?? []).map(wildcard);
  for (const [name, value] of Object.entries(environment)) {
    if (value !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/[\r\n\0]/.test(value) && patterns.some((p) => p.test(name))) env[name] = value;
  }
  for (const { name, value } of host.setEnv ?? []) env[name] = value;
  const command = host.remoteCommand?.trim() || null;
  const tty = host.requestTty ?? 'auto';
  // ssh.c: a command gets no tty unless asked (yes/force); a shell gets one unless told no. A Warren tab is a terminal, so yes = force.
  const pty = tty === 'yes' || tty === 'force' || (tty === 'auto' && command === null);
  return { env, command, pty };
}

/** ssh's match_pattern: `*` any run, `?` one character, the whole name. */
function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/** Turns bare LF into CR LF across chunks (a CR LF split between two chunks stays as it is). */
export function crlfLines(): (chunk: Buffer) => Buffer {
  let lastWasCr = false;
  return (chunk) => {
    const out: number[] = [];
    for (const byte of chunk) {
      if (byte === 0x0a && !lastWasCr) out.push(0x0d);
      out.push(byte);
      lastWasCr = byte === 0x0d;
    }
    return Buffer.from(out);
  };
}
