// Saved forwards switched on and off. Each host's forwards share one SSH
// connection of their own (no terminal needed), opened by the first forward
// switched on and closed when the last one goes off. When that connection
// drops, the forwards that were on come back on the same ports once it is
// re-established (with backoff); a deliberate switch-off never reconnects.
import { randomUUID } from 'node:crypto';
import type { Hub } from '../ipc/hub';
import type { ForwardInput, TunnelState, TunnelView } from '../../src-shared/contract';
import type { HostsService } from '../hosts/hosts-service';
import type { StoredForward, StoredHost } from '../hosts/hosts-model';
import type { Prompter } from '../prompts/prompter';
import type { HostConnector } from '../connections/host-connector';
import { AppError } from '../errors/app-error';
import { Cancelled, SshConnection } from '../connections/ssh-connection';
import { HostKeyRefusal } from '../host-keys/host-key-check';
import { startForward, type RunningForward } from './forward';
import { describeSpec } from './forward-spec';
import type { LogRegistry } from '../connections/log-registry';
import { RateMeter } from './rate-meter';

interface Entry {
  hostId: string;
  forwardId: string;
  /** The user wants it on (survives a dropped connection). */
  wanted: boolean;
  state: TunnelState;
  running: RunningForward | null;
  lastError: string | null;
  meter: RateMeter;
  /** Counters of earlier runs (before a reconnect), so totals keep counting up. */
  carried: { total: number; failed: number; bytesIn: number; bytesOut: number };
}

interface Link {
  /** Set once built; null while the host's key file and options are being read. */
  connection: SshConnection | null;
  /** One per host, shared by forwards switched on at the same time. */
  ready: Promise<SshConnection>;
  via: string;
  closed: boolean;
}

export interface TunnelManagerDeps {
  hub: Hub;
  hosts: HostsService;
  prompter: Prompter;
  connector: HostConnector;
  /** Reconnect delays after a drop, in ms; then it gives up and shows the error. */
  backoffMs?: number[];
  logs?: LogRegistry;
}

const TICK_MS = 500;
const DEFAULT_BACKOFF = [1000, 2000, 4000, 8000, 16000, 30000];

export class TunnelManager {
  private readonly entries = new Map<string, Entry>();
  private readonly links = new Map<string, Link>();
  /** The window that last switched a host's forward on: asked for passwords and host keys. */
  private readonly askers = new Map<string, string>();
  private readonly retries = new Map<string, { attempt: number; timer: NodeJS.Timeout }>();
  private readonly ticker: NodeJS.Timeout;
  private disposed = false;

  constructor(private readonly deps: TunnelManagerDeps) {
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.ticker.unref();
  }

  list(): TunnelView[] {
    return this.deps.hosts.allForwards().map(({ host, forward }) => this.view(host, forward));
  }

  save(input: { hostId: string; forwardId?: string | undefined; name: string; autoStart: boolean; spec: ForwardInput }): TunnelView {
    const host = this.deps.hosts.get(input.hostId);
    if (input.forwardId && !host.forwards.some((f) => f.id === input.forwardId)) throw new AppError('not-found', 'That forward no longer exists.');
    const entry = input.forwardId ? this.entries.get(key(input.hostId, input.forwardId)) : undefined;
    if (entry && entry.state !== 'off' && entry.state !== 'error') throw new AppError('busy', 'Switch the forward off before changing it.');
    const forward: StoredForward = { id: input.forwardId ?? `f${randomUUID().replace(/-/g, '')}`, name: input.name, autoStart: input.autoStart, spec: input.spec };
    this.deps.hosts.saveForward(input.hostId, forward);
    this.emit(input.hostId, forward.id);
    return this.view(this.deps.hosts.get(input.hostId), forward);
  }

  async remove(hostId: string, forwardId: string): Promise<void> {
    await this.switchOff(hostId, forwardId);
    this.deps.hosts.removeForward(hostId, forwardId);
    this.entries.delete(key(hostId, forwardId));
    this.broadcast('tunnel:removed', { hostId, forwardId });
  }

  async toggle(clientId: string, hostId: string, forwardId: string, on: boolean): Promise<TunnelView> {
    const { host, forward } = this.find(hostId, forwardId);
    if (on) {
      this.askers.set(hostId, clientId);
      const entry = this.entry(hostId, forwardId);
      entry.wanted = true;
      await this.switchOn(host, forward);
    } else {
      await this.switchOff(hostId, forwardId);
    }
    return this.view(this.deps.hosts.get(hostId), forward);
  }

  /** The host is being deleted: its forwards go off and its tunnel connection closes. */
  async forgetHost(hostId: string): Promise<void> {
    const mine = [...this.entries.values()].filter((e) => e.hostId === hostId);
    await Promise.all(mine.map((e) => this.switchOff(hostId, e.forwardId)));
    for (const e of mine) this.entries.delete(key(hostId, e.forwardId));
    clearTimeout(this.retries.get(hostId)?.timer);
    this.retries.delete(hostId);
    const forwards = this.deps.hosts.list().hosts.some((h) => h.id === hostId) ? this.deps.hosts.get(hostId).forwards : [];
    for (const f of forwards) this.broadcast('tunnel:removed', { hostId, forwardId: f.id });
  }

  /** A terminal to the host connected: forwards marked "start with connection" go on. */
  hostConnected(clientId: string, hostId: string): void {
    const host = this.deps.hosts.get(hostId);
    for (const forward of host.forwards) {
      if (!forward.autoStart || this.entries.get(key(hostId, forward.id))?.wanted) continue;
      void this.toggle(clientId, hostId, forward.id, true).catch(() => {});
    }
  }

  /** Closes every listener and connection at once (app quit). */
  async closeAll(): Promise<void> {
    this.disposed = true;
    clearInterval(this.ticker);
    for (const retry of this.retries.values()) clearTimeout(retry.timer);
    this.retries.clear();
    const closing = [...this.entries.values()].map(async (entry) => {
      entry.wanted = false;
      await entry.running?.close();
    });
    await Promise.all(closing);
    for (const link of this.links.values()) this.closeLink(link);
    this.links.clear();
  }

  private async switchOn(host: StoredHost, forward: StoredForward): Promise<void> {
    const entry = this.entry(host.id, forward.id);
    if (entry.running) return;
    this.setState(entry, 'connecting', null);
    try {
      const connection = await this.link(host);
      // Switched off while we were connecting.
      if (!entry.wanted) return;
      const running = await startForward(connection.client, forward.spec);
      if (!entry.wanted) {
        await running.close();
        return;
      }
      connection.log.add(`Forward ${forward.name} on: ${describeSpec(forward.spec)}${running.stats().boundPort !== forward.spec.bindPort ? ` (port ${running.stats().boundPort})` : ''}.`);
      entry.running = running;
      entry.meter = new RateMeter();
      running.onEvent((event) => {
        if (event.type === 'connection-failed') {
          connection.log.add(`Forward ${forward.name}: a connection from ${event.from}${event.to ? ` to ${event.to}` : ''} failed: ${event.message}`);
          this.emit(host.id, forward.id);
        }
        if (event.type === 'fatal') connection.log.add(`Forward ${forward.name} stopped: ${event.message}`);
        if (event.type === 'fatal' && entry.running === running) this.stopped(entry, event.message);
      });
      this.setState(entry, 'on', null);
    } catch (error) {
      const message = error instanceof AppError ? error.message : `Could not start ${forward.name}: ${(error as Error).message}`;
      this.links.get(host.id)?.connection?.log.add(`Forward ${forward.name} failed: ${message}`);
      if (error instanceof Cancelled || (error instanceof AppError && error.code === 'cancelled')) entry.wanted = false;
      this.setState(entry, entry.wanted ? 'error' : 'off', entry.wanted ? message : null);
      const link = this.links.get(host.id);
      if (link && host.exitOnForwardFailure && entry.wanted) {
        // This forward keeps its own reason; the others say why they stopped.
        entry.wanted = false;
        this.failAll(host.id, `Stopped: ${forward.name} could not start (${message}) and ${host.name} is set to stop its connection when a forward fails.`);
        this.closeLink(link);
      }
      this.releaseIfUnused(host.id);
      throw error;
    }
  }

  private async switchOff(hostId: string, forwardId: string): Promise<void> {
    const entry = this.entry(hostId, forwardId);
    entry.wanted = false;
    const running = entry.running;
    entry.running = null;
    if (running) this.carry(entry, running);
    await running?.close();
    this.setState(entry, 'off', null);
    this.releaseIfUnused(hostId);
  }

  /** The host's tunnel connection, connecting it (and asking the user) if needed. */
  private link(host: StoredHost): Promise<SshConnection> {
    const existing = this.links.get(host.id);
    if (existing) return existing.ready;
    const created: Link = { connection: null, ready: Promise.resolve(null as never), via: `${host.username}@${host.host}:${host.port}`, closed: false };
    created.ready = (async () => {
      const ask = this.deps.prompter.askFor(this.askers.get(host.id) ?? '', `tunnels-${host.id}`);
      const connection = new SshConnection(await this.deps.connector.options(host, ask));
      created.connection = connection;
      // Switched off (or the app quit) while the options were being read.
      if (created.closed) throw new Cancelled();
      this.deps.logs?.register(`tunnels-${host.id}`, null, connection.log);
      await connection.connect();
      connection.onClose(() => this.lost(host.id, created));
      return connection;
    })();
    created.ready.catch(() => this.links.get(host.id) === created && this.links.delete(host.id));
    this.links.set(host.id, created);
    return created.ready;
  }

  private closeLink(link: Link): void {
    link.closed = true;
    link.connection?.close();
  }

  /** The connection dropped under running forwards: show it, then bring them back. */
  private lost(hostId: string, link: Link): void {
    if (this.links.get(hostId) !== link) return;
    this.links.delete(hostId);
    const wanted = [...this.entries.values()].filter((e) => e.hostId === hostId && e.wanted);
    for (const entry of wanted) this.stopped(entry, 'The SSH connection was lost; reconnecting…');
    if (wanted.length > 0 && !this.disposed) this.scheduleReconnect(hostId);
  }

  private scheduleReconnect(hostId: string): void {
    const backoff = this.deps.backoffMs ?? DEFAULT_BACKOFF;
    const attempt = this.retries.get(hostId)?.attempt ?? 0;
    if (attempt >= backoff.length) {
      this.retries.delete(hostId);
      this.failAll(hostId, `The SSH connection was lost and ${backoff.length} attempts to reconnect failed. Switch the forward on to try again.`);
      return;
    }
    const timer = setTimeout(() => void this.reconnect(hostId, attempt), backoff[attempt]);
    this.retries.set(hostId, { attempt: attempt + 1, timer });
  }

  private async reconnect(hostId: string, attempt: number): Promise<void> {
    const wanted = [...this.entries.values()].filter((e) => e.hostId === hostId && e.wanted && !e.running);
    if (wanted.length === 0 || this.disposed) return void this.retries.delete(hostId);
    let host: StoredHost;
    try {
      host = this.deps.hosts.get(hostId);
      await this.link(host);
    } catch (error) {
      // A refused key or a cancelled prompt will not get better by retrying.
      if (error instanceof HostKeyRefusal || error instanceof Cancelled || (error instanceof AppError && ['auth-failed', 'not-found'].includes(error.code))) {
        this.retries.delete(hostId);
        return this.failAll(hostId, (error as Error).message);
      }
      for (const entry of wanted) this.setState(entry, 'error', `Reconnecting (attempt ${attempt + 1} failed: ${(error as Error).message})`);
      return this.scheduleReconnect(hostId);
    }
    this.retries.delete(hostId);
    for (const entry of wanted) {
      const forward = host.forwards.find((f) => f.id === entry.forwardId);
      if (forward) await this.switchOn(host, forward).catch(() => {});
    }
  }

  private stopped(entry: Entry, message: string): void {
    if (entry.running) this.carry(entry, entry.running);
    entry.running = null;
    this.setState(entry, 'error', message);
    if (!this.links.has(entry.hostId)) return;
    // A forward that died on a live connection: leave the others running.
    this.releaseIfUnused(entry.hostId);
  }

  private failAll(hostId: string, message: string): void {
    for (const entry of this.entries.values()) {
      if (entry.hostId !== hostId || !entry.wanted) continue;
      entry.wanted = false;
      const running = entry.running;
      entry.running = null;
      if (running) {
        this.carry(entry, running);
        void running.close();
      }
      this.setState(entry, 'error', message);
    }
  }

  private releaseIfUnused(hostId: string): void {
    const inUse = [...this.entries.values()].some((e) => e.hostId === hostId && (e.running || (e.wanted && e.state === 'connecting')));
    if (inUse) return;
    const link = this.links.get(hostId);
    this.links.delete(hostId);
    if (link) this.closeLink(link);
  }

  private carry(entry: Entry, running: RunningForward): void {
    const s = running.stats();
    entry.carried = { total: entry.carried.total + s.total, failed: entry.carried.failed + s.failed, bytesIn: entry.carried.bytesIn + s.bytesIn, bytesOut: entry.carried.bytesOut + s.bytesOut };
    if (s.lastError) entry.lastError = s.lastError;
  }

  private setState(entry: Entry, state: TunnelState, lastError: string | null): void {
    entry.state = state;
    // The last error stays in view until the forward runs again.
    if (state === 'on') entry.lastError = null;
    else if (lastError !== null) entry.lastError = lastError;
    this.emit(entry.hostId, entry.forwardId);
  }

  private tick(): void {
    for (const entry of this.entries.values()) if (entry.running) this.emit(entry.hostId, entry.forwardId);
  }

  private find(hostId: string, forwardId: string): { host: StoredHost; forward: StoredForward } {
    const host = this.deps.hosts.get(hostId);
    const forward = host.forwards.find((f) => f.id === forwardId);
    if (!forward) throw new AppError('not-found', 'That forward no longer exists.');
    return { host, forward };
  }

  private entry(hostId: string, forwardId: string): Entry {
    const k = key(hostId, forwardId);
    let entry = this.entries.get(k);
    if (!entry) {
      entry = { hostId, forwardId, wanted: false, state: 'off', running: null, lastError: null, meter: new RateMeter(), carried: { total: 0, failed: 0, bytesIn: 0, bytesOut: 0 } };
      this.entries.set(k, entry);
    }
    return entry;
  }

  private view(host: StoredHost, forward: StoredForward): TunnelView {
    const entry = this.entries.get(key(host.id, forward.id));
    const live = entry?.running?.stats();
    const carried = entry?.carried ?? { total: 0, failed: 0, bytesIn: 0, bytesOut: 0 };
    const bytesIn = carried.bytesIn + (live?.bytesIn ?? 0);
    const bytesOut = carried.bytesOut + (live?.bytesOut ?? 0);
    const rate = entry && live ? entry.meter.sample(bytesIn, bytesOut) : { rateIn: 0, rateOut: 0 };
    return {
      hostId: host.id,
      forwardId: forward.id,
      name: forward.name,
      spec: forward.spec,
      autoStart: forward.autoStart,
      state: entry?.state ?? 'off',
      via: this.links.get(host.id)?.via ?? `${host.username}@${host.host}:${host.port}`,
      boundPort: live?.boundPort ?? null,
      open: live?.open ?? 0,
      total: carried.total + (live?.total ?? 0),
      failed: carried.failed + (live?.failed ?? 0),
      bytesIn,
      bytesOut,
      ...rate,
      lastError: live?.lastError ?? entry?.lastError ?? null,
    };
  }

  private emit(hostId: string, forwardId: string): void {
    try {
      const { host, forward } = this.find(hostId, forwardId);
      this.broadcast('tunnel:update', this.view(host, forward));
    } catch {
      // Removed meanwhile.
    }
  }

  private broadcast<E extends 'tunnel:update' | 'tunnel:removed'>(name: E, payload: E extends 'tunnel:update' ? TunnelView : { hostId: string; forwardId: string }): void {
    this.deps.hub.broadcast(name, payload as never);
  }
}

function key(hostId: string, forwardId: string): string {
  return `${hostId}/${forwardId}`;
}
