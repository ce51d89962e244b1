// Every read of ssh2's private fields, in one place (with sftp-direct-reads.ts,
// which replaces ssh2's SFTP reply parsing for reads). We reach in for speed and
// liveness, where ssh2 has no public API: the connection's socket (to brake
// tunnels while it is backed up, to cork SFTP writes into one syscall, to tell
// whether a Client can still carry requests), the SFTP session's negotiated
// read/write sizes and its closed flag, and a channel's window counters (to
// keep 8 MiB of a download in flight instead of ssh2's 2 MiB).
//
// Written against ssh2 1.17.0 (lib/client.js, lib/Channel.js,
// lib/protocol/SFTP.js). Each accessor falls back to what works without the
// field (no brake, no cork, 32 KiB chunks, ssh2's own window), so a changed
// ssh2 costs speed, not function. The miss is not silent: it is recorded in
// missedSsh2Internals(), checkSsh2Internals() lists what does not hold for a
// live connection, and ssh2-internals.test.ts checks each assumption against a
// real sshd, so an ssh2 upgrade fails there first.
import type { Channel, Client, SFTPWrapper } from 'ssh2';
import { ASSUMPTIONS, field, miss, type Ssh2Assumption } from './assumptions';
import { sftpParserHolds } from './sftp-direct-reads';

export { ASSUMPTIONS, missedSsh2Internals, type Ssh2Assumption } from './assumptions';

/** The parts of the connection stream we use: a net.Socket, or a jump host's channel (a Duplex). */
export interface SshSocket {
  readonly writable: boolean;
  readonly writableLength: number;
  once(event: 'drain' | 'close', fn: () => void): unknown;
  cork(): void;
  uncork(): void;
}

function isSocket(value: unknown): value is SshSocket {
  return (
    typeof field(value, 'writableLength') === 'number' &&
    typeof field(value, 'once') === 'function' &&
    typeof field(value, 'cork') === 'function' &&
    typeof field(value, 'uncork') === 'function'
  );
}

/** `owner._sock` as ssh2 1.x keeps it: undefined until connect(), then the stream (cfg.sock or a new net.Socket). */
function socketOf(owner: unknown): SshSocket | undefined {
  const sock = field(owner, '_sock');
  if (isSocket(sock)) return sock;
  // ssh2's constructor declares the field, so an absent key (or an odd value) means ssh2 changed.
  if (sock !== undefined || typeof owner !== 'object' || owner === null || !('_sock' in owner)) miss('clientSocket');
  return undefined;
}

/**
 * The stream a Client writes the connection to (ssh2 1.x: `Client._sock`),
 * or undefined before connect() or if ssh2 moved it.
 */
export function clientSocket(client: Client): SshSocket | undefined {
  return socketOf(client);
}

/**
 * Whether the client can still carry requests: exactly the check ssh2 1.x
 * makes (lib/utils.js isWritable) before forwardIn/forwardOut/exec throw "Not
 * connected": `_sock.writable && _sock._readableState.ended === false`. ssh2
 * reads Node's private `ended` to work around nodejs/node#36029; we read the
 * same so that we never disagree with it. Without the fields: false.
 */
export function isClientConnected(client: Client): boolean {
  const sock = socketOf(client);
  if (!sock) return false;
  const ended = field(field(sock, '_readableState'), 'ended');
  if (typeof ended !== 'boolean') {
    miss('socketEnded');
    return false;
  }
  return sock.writable === true && !ended;
}

/**
 * The server's largest SFTP read or write (ssh2 1.x: `_maxReadLen` /
 * `_maxWriteLen`, guessed when the channel opens, then set from OpenSSH's
 * limits@openssh.com reply before client.sftp() calls back), or undefined.
 */
export function sftpMaxLength(sftp: SFTPWrapper, direction: 'read' | 'write'): number | undefined {
  const value = field(sftp, direction === 'read' ? '_maxReadLen' : '_maxWriteLen');
  return typeof value === 'number' && value > 0 ? value : miss('sftpLimits');
}

/** The connection stream under an SFTP session (ssh2 1.x: `SFTP._client._sock`), or undefined. */
export function sftpSocket(sftp: SFTPWrapper): SshSocket | undefined {
  const client = field(sftp, '_client');
  if (typeof client !== 'object' || client === null) return miss('sftpSocket');
  return socketOf(client);
}

/**
 * The Client an SFTP session runs on (ssh2 1.x: `SFTP._client`), so a large
 * transfer can open more sessions on the same connection; or undefined.
 */
export function sftpClient(sftp: SFTPWrapper): Client | undefined {
  const client = field(sftp, '_client');
  if (typeof field(client, 'sftp') !== 'function') return miss('sftpSocket');
  return client as Client;
}

/**
 * Whether the SFTP channel has ended (ssh2 1.x: `SFTP.readable`, set true on
 * open and false by push(null) when the channel gets EOF or CLOSE, or its
 * connection closes). Without the field: false, i.e. assume it is open.
 */
export function isSftpClosed(sftp: SFTPWrapper): boolean {
  const readable = field(sftp, 'readable');
  if (typeof readable !== 'boolean') {
    miss('sftpReadable');
    return false;
  }
  return !readable;
}

/** A channel's receive window: how much the server may send before it must wait for us. */
export interface ChannelWindow {
  /** Bytes the server may still send. */
  size(): number;
  /** Whether the channel is closed (no window adjust may be sent on it). */
  closed(): boolean;
  /** Opens the window by `amount`: counted first, as ssh2 does, so its own top-up sees it, then sent. */
  grow(amount: number): void;
  /** Calls `fn` after each chunk of data ssh2 hands the channel, which it has already taken off the window. */
  afterData(fn: () => void): void;
}

interface Counters {
  incoming: { window: number };
  outgoing: { id: number; state?: unknown };
}

function countersOf(channel: unknown): Counters | undefined {
  const incoming = field(channel, 'incoming');
  const outgoing = field(channel, 'outgoing');
  if (typeof field(incoming, 'window') !== 'number' || typeof field(outgoing, 'id') !== 'number') return undefined;
  return { incoming, outgoing } as Counters;
}

function windowAdjustOf(channel: unknown): ((id: number, amount: number) => void) | undefined {
  const protocol = field(field(channel, '_client'), '_protocol');
  const adjust = field(protocol, 'channelWindowAdjust');
  return typeof adjust === 'function' ? (adjust.bind(protocol) as (id: number, amount: number) => void) : undefined;
}

/**
 * The receive window of a channel (an SFTP session is one), or undefined.
 * Relies on ssh2 1.x: `incoming.window` is the window left, `outgoing.id` the
 * server's channel number and `outgoing.state` 'closed' once closed;
 * `_client._protocol.channelWindowAdjust` sends the adjust; and for each
 * CHANNEL_DATA the client takes the bytes off `incoming.window`, then calls
 * `channel.push(data)` (lib/client.js), so wrapping push sees every arrival.
 */
export function channelWindow(channel: SFTPWrapper | Channel): ChannelWindow | undefined {
  const counters = countersOf(channel);
  const adjust = windowAdjustOf(channel);
  if (!counters) miss('channelCounters');
  if (!adjust) miss('windowAdjust');
  if (typeof field(channel, 'push') !== 'function') miss('channelPush');
  if (!counters || !adjust || typeof field(channel, 'push') !== 'function') return undefined;
  const { incoming, outgoing } = counters;
  const id = outgoing.id;
  return {
    size: () => incoming.window,
    closed: () => outgoing.state === 'closed',
    grow: (amount) => {
      incoming.window += amount;
      adjust(id, amount);
    },
    afterData: (fn) => {
      // The push in place now (ours from an earlier call, if any), checked above.
      const previous = (field(channel, 'push') as (data: unknown) => unknown).bind(channel);
      Object.assign(channel, {
        push: (data: unknown) => {
          const result = previous(data);
          // push(null) is the channel ending, not data.
          if (data !== null) fn();
          return result;
        },
      });
    },
  };
}

/**
 * Lowers how much a channel's stream buffers while paused before ssh2 stops
 * opening the window (ssh2 1.x builds it with highWaterMark = its 2 MiB
 * window, and sends no window adjust while `push` returns false). Only a
 * paused stream buffers: flowing, each chunk is emitted as it arrives.
 * Without the field, ssh2's own buffering stays (more output in flight
 * behind a pause, nothing else).
 */
export function limitReadBuffer(channel: Channel, bytes: number): void {
  const state = field(channel, '_readableState') as { highWaterMark?: unknown } | undefined;
  if (typeof state?.highWaterMark !== 'number') return void miss('readBuffer');
  state.highWaterMark = bytes;
}

/** Per protocol (one per connection): the channels whose window is capped, by the server's channel id. */
const capped = new WeakMap<object, Map<number, { channel: Counters; cap: number | (() => number) }>>();

/**
 * Keeps a channel's receive window at most `bytes` once the first 2 MiB that
 * ssh2 grants at open are used, instead of ssh2's 2 MiB: less output is in
 * flight behind a terminal that is drawing, so Ctrl+C brings the prompt back
 * sooner. ssh2 calls `_client._protocol.channelWindowAdjust(id, amount)` after
 * adding `amount` to `incoming.window` itself (lib/Channel.js windowAdjust);
 * the protocol's method is wrapped once per connection, and for a capped
 * channel it sends only what brings the window up to the cap and takes the
 * rest back off `incoming.window`, so ssh2's count stays the server's.
 * Without the fields the window stays ssh2's (more output in flight).
 */
export function capWindow(channel: Channel, bytes: number | (() => number)): void {
  const counters = countersOf(channel);
  const protocol = field(field(channel, '_client'), '_protocol') as Record<string, unknown> | undefined;
  if (!counters) return void miss('channelCounters');
  if (!protocol || typeof protocol.channelWindowAdjust !== 'function') return void miss('windowAdjust');
  let channels = capped.get(protocol);
  if (!channels) {
    const send = (protocol.channelWindowAdjust as (id: number, amount: number) => unknown).bind(protocol);
    const table = new Map<number, { channel: Counters; cap: number | (() => number) }>();
    protocol.channelWindowAdjust = (id: number, amount: number) => {
      const entry = table.get(id);
      if (!entry) return send(id, amount);
      const { incoming, outgoing } = entry.channel;
      if (outgoing.state === 'closed') {
        table.delete(id);
        return send(id, amount);
      }
      const before = incoming.window - amount;
      const cap = typeof entry.cap === 'function' ? entry.cap() : entry.cap;
      const grant = Math.max(0, Math.min(amount, cap - before));
      incoming.window = before + grant;
      if (grant > 0) send(id, grant);
      return undefined;
    };
    channels = table;
    capped.set(protocol, table);
  }
  const id = counters.outgoing.id;
  channels.set(id, { channel: counters, cap: bytes });
  channel.once('close', () => channels.get(id)?.channel === counters && channels.delete(id));
}

/**
 * Runs `open`, which must open one session channel at once (ssh2 1.x
 * client.shell and client.exec call `_protocol.session(localChannel, 2 MiB,
 * packetSize)` before returning), asking the server for a `bytes` window
 * instead of ssh2's 2 MiB: capWindow alone holds only once those 2 MiB are
 * used, and a flood's first seconds are when Ctrl+C is pressed most. ssh2
 * still counts 2 MiB, so the returned function, given the channel once it
 * exists, takes the difference off `incoming.window` (data that came before
 * is counted off either way). Without the field: ssh2's 2 MiB.
 */
export function openWithWindow(client: Client, bytes: number, open: () => void): (channel: Channel) => void {
  const protocol = field(client, '_protocol') as Record<string, unknown> | undefined;
  const session = protocol?.session;
  if (!protocol || typeof session !== 'function') {
    miss('sessionOpen');
    open();
    return () => {};
  }
  let less = 0;
  const own = Object.prototype.hasOwnProperty.call(protocol, 'session');
  protocol.session = (localChannel: number, window: number, packetSize: number) => {
    less = Math.max(0, window - bytes);
    return (session as (c: number, w: number, p: number) => unknown).call(protocol, localChannel, Math.min(window, bytes), packetSize);
  };
  try {
    open();
  } finally {
    if (own) protocol.session = session;
    else delete protocol.session;
  }
  return (channel) => {
    const counters = countersOf(channel);
    if (!counters) return void miss('channelCounters');
    counters.incoming.window -= less;
    less = 0;
  };
}

/**
 * The assumptions that do not hold for a connected client and (optionally)
 * an open SFTP session on it; [] when all do. Changes nothing.
 */
export function checkSsh2Internals(client: Client, sftp?: SFTPWrapper): string[] {
  const broken: Ssh2Assumption[] = [];
  const sock = field(client, '_sock');
  if (!isSocket(sock)) broken.push('clientSocket');
  else if (typeof field(field(sock, '_readableState'), 'ended') !== 'boolean') broken.push('socketEnded');
  if (sftp) {
    const limits = ['_maxReadLen', '_maxWriteLen'].map((name) => field(sftp, name));
    if (!limits.every((value) => typeof value === 'number' && value > 0)) broken.push('sftpLimits');
    if (!isSocket(field(field(sftp, '_client'), '_sock'))) broken.push('sftpSocket');
    if (typeof field(sftp, 'readable') !== 'boolean') broken.push('sftpReadable');
    if (!countersOf(sftp)) broken.push('channelCounters');
    if (!windowAdjustOf(sftp)) broken.push('windowAdjust');
    if (typeof field(sftp, 'push') !== 'function') broken.push('channelPush');
    if (!sftpParserHolds(sftp)) broken.push('sftpParser');
  }
  if (typeof field(field(client, '_protocol'), 'session') !== 'function') broken.push('sessionOpen');
  return broken.map((name) => ASSUMPTIONS[name]);
}
