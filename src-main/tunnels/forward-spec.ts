// What a tunnel is (the spec the user saved) and what a running one reports.
// Types only, so the IPC contract and the renderer can share them.

/**
 * - local (`ssh -L`): listen here on bindHost:bindPort, connect from the
 *   server to destHost:destPort.
 * - remote (`ssh -R`): the server listens on bindHost:bindPort ('localhost'
 *   by default; '' or '*' = every address, which the server's GatewayPorts
 *   may narrow to loopback; bindPort 0 = the server picks), and each
 *   connection is made from here to destHost:destPort.
 * - dynamic (`ssh -D`): a SOCKS 4/4a/5 server here on bindHost:bindPort; the
 *   server connects wherever each client asks (names resolved by the server).
 */
export type ForwardSpec =
  | { kind: 'local'; bindHost: string; bindPort: number; destHost: string; destPort: number }
  | { kind: 'remote'; bindHost: string; bindPort: number; destHost: string; destPort: number }
  | { kind: 'dynamic'; bindHost: string; bindPort: number };

/**
 * Directions are seen from the program that connected to the tunnel's
 * entrance (a browser on a local or SOCKS port; a client on the server's port
 * for a remote forward): bytesOut = what it sent toward the destination,
 * bytesIn = what came back from the destination to it.
 */
export interface ForwardStats {
  /** Connections carrying data now. */
  open: number;
  /** Connections accepted since start, including those that failed. */
  total: number;
  bytesIn: number;
  bytesOut: number;
  /** Connections that never reached their destination (refused, unreachable, bad SOCKS request). */
  failed: number;
  /** The latest per-connection failure, as a sentence. */
  lastError: string | null;
  /** The port actually listened on (the chosen one when bindPort was 0); null once closed. */
  boundPort: number | null;
}

export type ForwardEvent =
  /** `from` is the connecting program's address; `to` where it is being carried (host:port). */
  | { type: 'connection-opened'; id: number; from: string; to: string }
  | { type: 'connection-closed'; id: number; bytesIn: number; bytesOut: number }
  /** One connection could not be made; the forward keeps running. */
  | { type: 'connection-failed'; id: number; from: string; to: string | null; message: string }
  /** The forward stopped by itself (listener died, SSH connection closed); its port is already free. */
  | { type: 'fatal'; message: string };

export interface RunningForward {
  readonly spec: ForwardSpec;
  stats(): ForwardStats;
  /** Closes the listener AND every connection through it, at once. Idempotent. */
  close(): Promise<void>;
  /** Returns the unsubscribe function. */
  onEvent(listener: (e: ForwardEvent) => void): () => void;
}

export interface ForwardOptions {
  /** A SOCKS client that has not finished its request by then is dropped (default 30 s). */
  socksHandshakeTimeoutMs?: number;
  /** How long the server may take to open a channel or to start listening (default 20 s). */
  replyTimeoutMs?: number | undefined;
  /** Aborting (the tunnel switched off, its connection closed) ends a wait to start listening at once. */
  signal?: AbortSignal | undefined;
}

export function describeSpec(spec: ForwardSpec): string {
  const bind = `${hostForDisplay(spec.bindHost || '*')}:${spec.bindPort}`;
  if (spec.kind === 'dynamic') return `SOCKS on ${bind}`;
  const dest = `${hostForDisplay(spec.destHost)}:${spec.destPort}`;
  return spec.kind === 'local' ? `${bind} → ${dest} (local)` : `server ${bind} → ${dest} (remote)`;
}

/** IPv6 literals in brackets, as in a URL, so the port stays readable. */
export function hostForDisplay(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
