// A shared brake on everything a client's forwards send. ssh2 writes each
// channel's packets to the SSH socket without looking at its backpressure,
// so the only limit per channel is the server's window (2 MiB for OpenSSH):
// 200 busy connections left ~170 MiB queued in Node's socket buffer, and the
// first bytes of a new connection waited behind all of it. With the gate,
// local sockets stop being read while the SSH socket has more than LIMIT
// queued, and start again when it has drained.
import type { Client } from 'ssh2';
import { clientSocket, type SshSocket } from '../ssh2-internals/ssh2-internals';

/** Enough to keep the kernel's socket buffer fed between drains on loopback. */
const LIMIT = 1024 * 1024;

export interface SendGate {
  /** True when senders should pause now. */
  full(): boolean;
  /** Calls `fn` once, when the SSH socket has drained (or closed). */
  whenOpen(fn: () => void): void;
}

// Keyed by socket, not client: a Client that reconnects gets a new socket.
const gates = new WeakMap<SshSocket, SendGate>();
const OPEN: SendGate = { full: () => false, whenOpen: (fn) => fn() };

export function sendGate(client: Client): SendGate {
  // ssh2 keeps its socket private; without it, no gate (channel windows still bound memory).
  const sock = clientSocket(client);
  if (!sock) return OPEN;
  let gate = gates.get(sock);
  if (gate) return gate;
  let waiting: (() => void)[] = [];
  let armed = false;
  const release = () => {
    armed = false;
    const ready = waiting;
    waiting = [];
    for (const fn of ready) fn();
  };
  gate = {
    full: () => sock.writableLength > LIMIT,
    whenOpen: (fn) => {
      if (sock.writableLength <= LIMIT) return fn();
      waiting.push(fn);
      if (armed) return;
      armed = true;
      // Above the stream's highWaterMark, so the last write returned false and 'drain' will come.
      sock.once('drain', release);
    },
  };
  sock.once('close', release);
  gates.set(sock, gate);
  return gate;
}
