// Starts a tunnel on an authenticated ssh2 Client and ties its life to the
// client's: when the SSH connection closes, the listener closes with it, so a
// reconnect can bind the same port again.
import type { Client } from 'ssh2';
import { AppError } from '../errors/app-error';
import { isConnected, onClientClose } from './client-events';
import { ForwardCore } from './forward-core';
import { describeSpec, type ForwardOptions, type ForwardSpec, type RunningForward } from './forward-spec';
import { startLocalSide } from './local-forward';
import { startRemoteSide } from './remote-forward';
import { REPLY_TIMEOUT_MS } from '../connections/deadline';

export type { ForwardEvent, ForwardOptions, ForwardSpec, ForwardStats, RunningForward } from './forward-spec';

const DEFAULT_SOCKS_TIMEOUT_MS = 30_000;

/**
 * Rejects with an AppError: `invalid-spec`, `not-connected`, `port-in-use`,
 * `bind-denied`, `bind-address-unavailable`, `bind-failed` (local and SOCKS),
 * `remote-bind-refused` (remote).
 */
export async function startForward(client: Client, spec: ForwardSpec, options: ForwardOptions = {}): Promise<RunningForward> {
  checkSpec(spec);
  const notConnected = () => new AppError('not-connected', `The SSH connection is closed, so the tunnel ${describeSpec(spec)} cannot start. Reconnect, then start it again.`);
  if (!isConnected(client)) throw notConnected();
  const core = new ForwardCore();
  const replyMs = options.replyTimeoutMs ?? REPLY_TIMEOUT_MS;
  const side =
    spec.kind === 'remote'
      ? await startRemoteSide(client, spec, core, replyMs, options.signal)
      : await startLocalSide(client, spec, core, options.socksHandshakeTimeoutMs ?? DEFAULT_SOCKS_TIMEOUT_MS, replyMs);

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      core.stopped = true;
      stopWatching();
      await side.close();
      core.boundPort = null;
    })());
  const stopWatching = onClientClose(client, () => {
    if (core.stopped) return;
    // Report only once the port is free, so a listener may rebind at once.
    void close().then(() => core.emit({ type: 'fatal', message: `The SSH connection closed, so the tunnel ${describeSpec(spec)} stopped. Reconnect to start it again.` }));
  });
  // The connection may have dropped while we were binding; its 'close' is past.
  if (!isConnected(client)) {
    await close();
    throw notConnected();
  }
  return { spec, stats: () => core.stats(), close, onEvent: (listener) => core.onEvent(listener) };
}

function checkSpec(spec: ForwardSpec): void {
  const port = (n: number, zeroOk: boolean) => Number.isInteger(n) && n >= (zeroOk ? 0 : 1) && n <= 65_535;
  if (!port(spec.bindPort, true)) throw new AppError('invalid-spec', `${spec.bindPort} is not a port number. Use 1–65535, or 0 to let the system choose.`);
  if (spec.kind === 'dynamic') return;
  if (!port(spec.destPort, false)) throw new AppError('invalid-spec', `${spec.destPort} is not a destination port. Use 1–65535.`);
  if (spec.destHost.trim() === '') throw new AppError('invalid-spec', 'The destination host is empty. Enter a host name or address, e.g. 127.0.0.1.');
}
