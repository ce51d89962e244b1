// One saved forward's live state: whether the user wants it on, what it is
// doing, its counters across runs and its last error. It starts on a
// connection it is handed and stops when told or when it dies; which
// connection, and what a death means for the others, is the manager's call.
import type { ErrorCode, TunnelState, TunnelView } from '../../src-shared/contract';
import type { StoredForward } from '../hosts/hosts-model';
import type { SshConnection } from '../connections/ssh-connection';
import { startForward, type RunningForward } from './forward';
import { describeSpec } from './forward-spec';
import { RateMeter } from './rate-meter';

interface Counters {
  total: number;
  failed: number;
  bytesIn: number;
  bytesOut: number;
}

const ZERO: Counters = { total: 0, failed: 0, bytesIn: 0, bytesOut: 0 };

export class ForwardEntry {
  /** The user wants it on (survives a dropped connection). */
  wanted = false;
  state: TunnelState = 'off';
  private running: RunningForward | null = null;
  private lastError: string | null = null;
  /** The code behind lastError, when the failure had one (a failed connect: contract/lifecycle.ts). */
  private lastErrorCode: ErrorCode | undefined;
  private meter = new RateMeter();
  /** Counters of earlier runs (before a reconnect), so totals keep counting up. */
  private carried: Counters = { ...ZERO };
  /** What the last tick saw, so an idle forward sends no updates. */
  private lastTick = '';
  /** Aborts the start in progress, if any. */
  private starting: AbortController | null = null;

  constructor(
    readonly hostId: string,
    readonly forwardId: string,
    /** Called whenever what view() shows may have changed. */
    private readonly changed: () => void,
  ) {}

  get isRunning(): boolean {
    return this.running !== null;
  }

  /** Holds the host's connection: running, or on its way there. */
  get holdsConnection(): boolean {
    return this.running !== null || (this.wanted && this.state === 'connecting');
  }

  /**
   * Starts the forward on `connection`; rejects with startForward's AppError.
   * `onFatal` hears when it stops by itself later (listener died, connection closed).
   */
  async start(connection: SshConnection, forward: StoredForward, onFatal: (message: string) => void): Promise<void> {
    // Switching it off (or the connection closing) ends a wait for the server at once.
    const starting = new AbortController();
    this.starting = starting;
    const ended = () => starting.abort(connection.signal.reason);
    connection.signal.addEventListener('abort', ended, { once: true });
    let running: RunningForward;
    try {
      running = await startForward(connection.client, forward.spec, { replyTimeoutMs: connection.replyTimeoutMs, signal: starting.signal });
    } finally {
      connection.signal.removeEventListener('abort', ended);
      if (this.starting === starting) this.starting = null;
    }
    // Switched off while the port was being bound.
    if (!this.wanted) return running.close();
    const bound = running.stats().boundPort;
    connection.log.add(`Forward ${forward.name} on: ${describeSpec(forward.spec)}${bound !== forward.spec.bindPort ? ` (port ${bound})` : ''}.`);
    this.running = running;
    this.meter = new RateMeter();
    this.sample();
    running.onEvent((event) => {
      if (event.type === 'connection-failed') {
        connection.log.add(`Forward ${forward.name}: a connection from ${event.from}${event.to ? ` to ${event.to}` : ''} failed: ${event.message}`);
        this.changed();
      }
      if (event.type === 'fatal') connection.log.add(`Forward ${forward.name} stopped: ${event.message}`);
      if (event.type === 'fatal' && this.running === running) onFatal(event.message);
    });
    this.setState('on', null);
  }

  /** The user switched it off: closes it and its port, and shows 'off'. */
  async stop(): Promise<void> {
    this.wanted = false;
    this.starting?.abort();
    await this.detach()?.close();
    this.setState('off', null);
  }

  /** It stopped under us (dropped connection, dead listener): shows why, and stays wanted so it can come back. */
  halt(message: string): void {
    this.detach();
    this.setState('error', message);
  }

  /** Off for good, with the reason shown: no reconnect will bring it back. */
  fail(message: string): void {
    this.wanted = false;
    void this.detach()?.close();
    this.setState('error', message);
  }

  /** App quit: closes without a word, as nobody is left to see it. */
  async dispose(): Promise<void> {
    this.wanted = false;
    await this.running?.close();
  }

  setState(state: TunnelState, lastError: string | null, code?: ErrorCode): void {
    this.state = state;
    // The last error stays in view until the forward runs again.
    if (state === 'on') [this.lastError, this.lastErrorCode] = [null, undefined];
    else if (lastError !== null) [this.lastError, this.lastErrorCode] = [lastError, code];
    this.changed();
  }

  /**
   * Moves the rate meter on; called on the manager's tick, so reading view()
   * changes nothing. True when what the row shows changed since the last tick.
   */
  sample(): boolean {
    if (!this.running) return false;
    const { total, failed, bytesIn, bytesOut } = this.counters();
    this.meter.sample(bytesIn, bytesOut);
    const { rateIn, rateOut } = this.meter.rate();
    const seen = [this.running.stats().open, total, failed, bytesIn, bytesOut, Math.round(rateIn), Math.round(rateOut)].join();
    const changed = seen !== this.lastTick;
    this.lastTick = seen;
    return changed;
  }

  view(forward: StoredForward, via: string): TunnelView {
    const live = this.running?.stats();
    const { total, failed, bytesIn, bytesOut } = this.counters();
    return {
      hostId: this.hostId,
      forwardId: this.forwardId,
      name: forward.name,
      spec: forward.spec,
      autoStart: forward.autoStart,
      startAtLaunch: forward.startAtLaunch ?? false,
      state: this.state,
      via,
      boundPort: live?.boundPort ?? null,
      open: live?.open ?? 0,
      total,
      failed,
      bytesIn,
      bytesOut,
      ...(live ? this.meter.rate() : { rateIn: 0, rateOut: 0 }),
      lastError: live?.lastError ?? this.lastError ?? null,
      ...(!live?.lastError && this.lastError !== null && this.lastErrorCode ? { lastErrorCode: this.lastErrorCode } : {}),
    };
  }

  /** This run's counters on top of the earlier runs'. */
  private counters(): Counters {
    const live = this.running?.stats() ?? ZERO;
    const c = this.carried;
    return { total: c.total + live.total, failed: c.failed + live.failed, bytesIn: c.bytesIn + live.bytesIn, bytesOut: c.bytesOut + live.bytesOut };
  }

  /** Takes the running forward off the entry, keeping its counters and last error. */
  private detach(): RunningForward | null {
    const running = this.running;
    this.running = null;
    if (running) {
      const s = running.stats();
      this.carried = { total: this.carried.total + s.total, failed: this.carried.failed + s.failed, bytesIn: this.carried.bytesIn + s.bytesIn, bytesOut: this.carried.bytesOut + s.bytesOut };
      if (s.lastError) this.lastError = s.lastError;
    }
    return running;
  }
}
