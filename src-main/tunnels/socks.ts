// The server side of a SOCKS handshake (RFC 1928 SOCKS5 without auth, SOCKS4,
// and SOCKS4a), enough for `ssh -D`: read one CONNECT request, let the caller
// open the SSH channel, then answer with the outcome. Names are passed on
// unresolved, so DNS happens on the server as with OpenSSH.
//
// Written here rather than taken from npm: the maintained server libraries
// speak SOCKS5 only, and the protocol part is ~200 lines.
import type { Socket } from 'node:net';

export interface SocksRequest {
  version: 4 | 5;
  /** An IPv4/IPv6 literal or a name, as the client sent it. */
  host: string;
  port: number;
  /** Bytes the client sent right after its request (before our reply); they belong to the connection. */
  early: Buffer;
}

/** The handshake ended without a usable request; any reply owed has been sent. */
export class SocksRefused extends Error {
  /** True when the client went away without sending a byte (a port probe, not a failed request). */
  silent = false;
}

// SOCKS5 reply codes (RFC 1928 §6).
export const SOCKS5 = {
  succeeded: 0x00,
  generalFailure: 0x01,
  notAllowed: 0x02,
  networkUnreachable: 0x03,
  hostUnreachable: 0x04,
  connectionRefused: 0x05,
  commandNotSupported: 0x07,
  addressTypeNotSupported: 0x08,
} as const;
const SOCKS4_GRANTED = 0x5a;
const SOCKS4_REJECTED = 0x5b;
/** Longest NUL-terminated field (SOCKS4 user id, SOCKS4a host) we wait for. */
const MAX_FIELD = 255;

/**
 * Reads a complete request from `socket`, replying to the parts of the
 * handshake that come before it (the SOCKS5 method choice) and to requests we
 * refuse. The socket is left paused. Rejects with SocksRefused (after answering where the protocol has an answer).
 */
export async function readSocksRequest(socket: Socket, timeoutMs: number): Promise<SocksRequest> {
  const reader = new Reader(socket, timeoutMs);
  try {
    const [version] = await reader.take(1);
    let request: Omit<SocksRequest, 'early'>;
    if (version === 5) request = await socks5(reader, socket);
    else if (version === 4) request = await socks4(reader, socket);
    else throw new SocksRefused(`not a SOCKS request (first byte 0x${hex(version!)})`);
    return { ...request, early: reader.rest() };
  } finally {
    reader.detach();
  }
}

async function socks5(reader: Reader, socket: Socket): Promise<Omit<SocksRequest, 'early'>> {
  const [count] = await reader.take(1);
  const methods = await reader.take(count!);
  if (!methods.includes(0x00)) {
    refuse(socket, Buffer.from([5, 0xff]));
    throw new SocksRefused('the SOCKS5 client offered no method without authentication');
  }
  socket.write(Buffer.from([5, 0x00]));
  const [version, command, , addressType] = await reader.take(4);
  if (version !== 5) throw new SocksRefused(`bad SOCKS5 request (version byte 0x${hex(version!)})`);
  let host: string;
  if (addressType === 1) host = [...(await reader.take(4))].join('.');
  else if (addressType === 4) host = ipv6Text(await reader.take(16));
  else if (addressType === 3) {
    const [length] = await reader.take(1);
    host = (await reader.take(length!)).toString('utf8');
    if (host.length === 0) throw refuse5(socket, SOCKS5.hostUnreachable, 'the SOCKS5 request has an empty host name');
  } else {
    throw refuse5(socket, SOCKS5.addressTypeNotSupported, `unknown SOCKS5 address type ${addressType}`);
  }
  const port = (await reader.take(2)).readUInt16BE(0);
  if (command !== 1) {
    const what = command === 2 ? 'BIND' : command === 3 ? 'UDP ASSOCIATE' : `command ${command}`;
    throw refuse5(socket, SOCKS5.commandNotSupported, `SOCKS5 ${what} is not supported (only CONNECT)`);
  }
  return { version: 5, host, port };
}

async function socks4(reader: Reader, socket: Socket): Promise<Omit<SocksRequest, 'early'>> {
  const head = await reader.take(7);
  const command = head[0];
  const port = head.readUInt16BE(1);
  await reader.takeString(); // user id: nothing to check it against
  let host = [...head.subarray(3, 7)].join('.');
  // 0.0.0.x with x ≠ 0 marks SOCKS4a: a host name follows the user id.
  if (head[3] === 0 && head[4] === 0 && head[5] === 0 && head[6] !== 0) {
    host = (await reader.takeString()).toString('utf8');
    if (host.length === 0) throw refuse4(socket, 'the SOCKS4a request has an empty host name');
  }
  if (command !== 1) throw refuse4(socket, `SOCKS4 ${command === 2 ? 'BIND' : `command ${command}`} is not supported (only CONNECT)`);
  return { version: 4, host, port };
}

/** The reply that tells the client its connection is up (bound address unknown: zeros, as OpenSSH sends). */
export function socksSuccess(version: 4 | 5): Buffer {
  return version === 5 ? Buffer.from([5, SOCKS5.succeeded, 0, 1, 0, 0, 0, 0, 0, 0]) : Buffer.from([0, SOCKS4_GRANTED, 0, 0, 0, 0, 0, 0]);
}

/** The reply for a request that could not be carried out; SOCKS4 has a single code for all. */
export function socksFailure(version: 4 | 5, socks5Code: number): Buffer {
  return version === 5 ? Buffer.from([5, socks5Code, 0, 1, 0, 0, 0, 0, 0, 0]) : Buffer.from([0, SOCKS4_REJECTED, 0, 0, 0, 0, 0, 0]);
}

/**
 * Maps an ssh2 channel-open failure to a SOCKS5 reply code. ssh2 puts the SSH
 * reason (RFC 4254 §5.1) on `reason` and the server's description in the
 * message; OpenSSH's description is the connect() or getaddrinfo() error.
 */
export function socks5CodeForOpenFailure(error: unknown): number {
  const { reason, message } = (error ?? {}) as { reason?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message.toLowerCase() : '';
  if (reason === 1) return SOCKS5.notAllowed;
  if (reason === 2) {
    if (text.includes('network is unreachable')) return SOCKS5.networkUnreachable;
    if (/unreachable|no route|not known|no address|name resolution|nodename|servname|timed out/.test(text)) return SOCKS5.hostUnreachable;
    return SOCKS5.connectionRefused;
  }
  return SOCKS5.generalFailure;
}

function refuse5(socket: Socket, code: number, why: string): SocksRefused {
  refuse(socket, socksFailure(5, code));
  return new SocksRefused(why);
}

function refuse4(socket: Socket, why: string): SocksRefused {
  refuse(socket, socksFailure(4, 0));
  return new SocksRefused(why);
}

/** Sends the last reply and closes gently, so the client reads the reply rather than a reset. */
export function refuse(socket: Socket, reply: Buffer): void {
  if (socket.destroyed) return;
  socket.end(reply);
  // Whatever the client still sends is dropped; a client that never closes is cut off.
  socket.resume();
  socket.setTimeout(2_000, () => socket.destroy());
}

/** RFC 5952 text: lower case, longest run of zero groups (two or more) as '::'. */
export function ipv6Text(bytes: Buffer): string {
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2));
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j;
  }
  const text = (from: number, to: number) => groups.slice(from, to).map((g) => g.toString(16)).join(':');
  if (best.at < 0) return text(0, 8);
  return `${text(0, best.at)}::${text(best.at + best.length, 8)}`;
}

const hex = (byte: number) => byte.toString(16).padStart(2, '0');

/** Buffers socket data so the parser can ask for exact byte counts, however the bytes were split. */
class Reader {
  private buffer: Buffer = Buffer.alloc(0);
  private wake: (() => void) | null = null;
  private ended: string | null = null;
  private received = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly onData = (chunk: Buffer) => {
    this.received += chunk.length;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    this.wake?.();
  };
  private readonly onEnd = () => this.stop('the client closed the connection during the SOCKS handshake');
  private readonly onError = (error: Error) => this.stop(`the SOCKS client's connection failed: ${error.message}`);

  constructor(
    private readonly socket: Socket,
    timeoutMs: number,
  ) {
    socket.on('data', this.onData).on('end', this.onEnd).on('close', this.onEnd).on('error', this.onError);
    // Sockets arrive paused (pauseOnConnect), and a 'data' listener alone does not start them.
    socket.resume();
    this.timer = setTimeout(() => this.stop(`no complete SOCKS request within ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
  }

  private stop(why: string): void {
    this.ended ??= why;
    this.wake?.();
  }

  private async until(ready: () => boolean): Promise<void> {
    while (!ready()) {
      if (this.ended) {
        const error = new SocksRefused(this.ended);
        error.silent = this.received === 0;
        throw error;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }

  async take(n: number): Promise<Buffer> {
    await this.until(() => this.buffer.length >= n);
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return out;
  }

  /** A NUL-terminated field, without its NUL. */
  async takeString(): Promise<Buffer> {
    await this.until(() => {
      if (this.buffer.includes(0)) return true;
      if (this.buffer.length > MAX_FIELD) throw new SocksRefused(`a SOCKS4 field is longer than ${MAX_FIELD} bytes`);
      return false;
    });
    const end = this.buffer.indexOf(0);
    const out = this.buffer.subarray(0, end);
    this.buffer = this.buffer.subarray(end + 1);
    return out;
  }

  /** What arrived beyond the request. Not unshifted: that throws once the socket has seen its end. */
  rest(): Buffer {
    const out = this.buffer;
    this.buffer = Buffer.alloc(0);
    return out;
  }

  /** Stops listening and leaves the socket paused for whoever reads next. */
  detach(): void {
    clearTimeout(this.timer);
    this.socket.off('data', this.onData).off('end', this.onEnd).off('close', this.onEnd).off('error', this.onError);
    this.socket.pause();
  }
}
