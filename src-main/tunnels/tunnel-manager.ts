// Saved forwards switched on and off. The pieces: TunnelLinks keeps each
// host's one tunnel connection (and reconnects it after a drop), ForwardEntry
// keeps each forward's live state; this class ties the two together and
// answers the router. When a host's connection drops, the forwards that were
// on come back on the same ports once it is re-established; a deliberate
// switch-off never reconnects.
import { randomUUID } from 'node:crypto';
import type { Hub } from '../ipc/hub';
import type { ForwardInput, TunnelView } from '../../src-shared/contract';
import { forwardKey } from '../../src-shared/ids';
import type { HostsService } from '../hosts/hosts-service';
import type { StoredForward, StoredHost } from '../hosts/hosts-model';
import type { Prompter } from '../prompts/prompter';
import type { ConnectionPool } from '../connections/connection-pool';
import type { LogRegistry } from '../connections/log-registry';
import { AppError } from '../errors/app-error';
import { ForwardEntry } from './forward-entry';
import { TunnelLinks } from './tunnel-links';

export interface TunnelManagerDeps {
  hub: Hub;
  hosts: HostsService;
  prompter: Prompter;
  /** Its connections; a drop is reconnected there, on one schedule for every user of the host. */
  pool: ConnectionPool;
  logs?: LogRegistry;
}

/**
 * How often running forwards' counters are sampled; a change goes to the
 * windows at once. With the meter's 750 ms window a rate reaches 0 at most
 * 250 + 750 ms after the last byte moved.
 */
const TICK_MS = 250;

/** What the manager tells listeners in main (the tray, desktop notices): the same as the windows hear. */
export type TunnelChange = { type: 'update'; view: TunnelView } | { type: 'removed'; hostId: string; forwardId: string };

export class TunnelManager {
  private readonly entries = new Map<string, ForwardEntry>();
  private readonly links: TunnelLinks;
  private readonly ticker: NodeJS.Timeout;
  private readonly listeners = new Set<(change: TunnelChange) => void>();

  constructor(private readonly deps: TunnelManagerDeps) {
    const { hosts, prompter, pool, logs } = deps;
    this.links = new TunnelLinks(
      { hosts, prompter, pool, logs },
      {
        dropped: (hostId) => {
          const wanted = this.ofHost(hostId).filter((e) => e.wanted);
          for (const entry of wanted) this.stopped(entry, 'The SSH connection was lost; reconnecting…');
          return wanted.length > 0;
        },
        waiting: (hostId) => this.ofHost(hostId).filter((e) => e.wanted && !e.isRunning),
        retrying: (waiting, message) => {
          for (const entry of waiting) entry.setState('error', message);
        },
        reconnected: async (host, waiting) => {
          for (const entry of waiting) {
            const forward = host.forwards.find((f) => f.id === entry.forwardId);
            if (forward) await this.switchOn(host, forward).catch(() => {});
          }
        },
        gaveUp: (hostId, message) => this.failAll(hostId, message),
      },
    );
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.ticker.unref();
  }

  list(): TunnelView[] {
    return this.deps.hosts.allForwards().map(({ host, forward }) => this.view(host, forward));
  }

  save(input: { hostId: string; forwardId?: string | undefined; name: string; autoStart: boolean; startAtLaunch?: boolean | undefined; spec: ForwardInput }): TunnelView {
    const host = this.deps.hosts.get(input.hostId);
    if (input.forwardId && !host.forwards.some((f) => f.id === input.forwardId)) throw new AppError('not-found', 'That forward no longer exists.');
    const entry = input.forwardId ? this.entries.get(forwardKey(input.hostId, input.forwardId)) : undefined;
    if (entry && entry.state !== 'off' && entry.state !== 'error') throw new AppError('busy', 'Switch the forward off before changing it.');
    const forward: StoredForward = {
      id: input.forwardId ?? `f${randomUUID().replace(/-/g, '')}`,
      name: input.name,
      autoStart: input.autoStart,
      ...(input.startAtLaunch ? { startAtLaunch: true } : {}),
      spec: input.spec,
    };
    this.deps.hosts.saveForward(input.hostId, forward);
    this.emit(input.hostId, forward.id);
    return this.view(this.deps.hosts.get(input.hostId), forward);
  }

  async remove(hostId: string, forwardId: string): Promise<void> {
    await this.switchOff(hostId, forwardId);
    this.deps.hosts.removeForward(hostId, forwardId);
    this.entries.delete(forwardKey(hostId, forwardId));
    this.broadcast('tunnel:removed', { hostId, forwardId });
  }

  /**
   * Switching on answers at once (contract/lifecycle.ts) with the row as it
   * now is ('connecting', or 'on' if it already was); tunnel:update carries
   * the outcome. Switching off answers once the port is closed.
   */
  async toggle(clientId: string, hostId: string, forwardId: string, on: boolean): Promise<TunnelView> {
    const { forward } = this.find(hostId, forwardId);
    if (on) void this.turnOn(clientId, hostId, forwardId).catch(() => {}); // the row says why
    else await this.switchOff(hostId, forwardId);
    return this.view(this.deps.hosts.get(hostId), forward);
  }

  /** Switches a forward on and resolves once it is on, or rejects with why not (its row says so too). */
  private async turnOn(clientId: string, hostId: string, forwardId: string): Promise<void> {
    const { host, forward } = this.find(hostId, forwardId);
    this.links.askIn(hostId, clientId);
    this.entry(hostId, forwardId).wanted = true;
    await this.switchOn(host, forward);
  }

  /** The host is being deleted: its forwards go off and its tunnel connection closes. */
  async forgetHost(hostId: string): Promise<void> {
    const mine = this.ofHost(hostId);
    await Promise.all(mine.map((e) => this.switchOff(hostId, e.forwardId)));
    for (const e of mine) this.entries.delete(forwardKey(hostId, e.forwardId));
    this.links.cancelRetry(hostId);
    const forwards = this.deps.hosts.list().hosts.some((h) => h.id === hostId) ? this.deps.hosts.get(hostId).forwards : [];
    for (const f of forwards) this.broadcast('tunnel:removed', { hostId, forwardId: f.id });
  }

  /** A terminal to the host connected: forwards marked "start with connection" go on. */
  hostConnected(clientId: string, hostId: string): void {
    const host = this.deps.hosts.get(hostId);
    for (const forward of host.forwards) {
      if (!forward.autoStart || this.entries.get(forwardKey(hostId, forward.id))?.wanted) continue;
      void this.turnOn(clientId, hostId, forward.id).catch(() => {});
    }
  }

  /**
   * The app started: forwards marked "start when Warren starts" go on with no
   * window open. Resolves once each is on or has failed (its row says why).
   */
  async startAtLaunch(): Promise<void> {
    const marked = this.deps.hosts.allForwards().filter(({ forward }) => forward.startAtLaunch);
    // No window yet: a prompt (new host key, password) waits for the first one to ask in.
    await Promise.all(marked.map(({ host, forward }) => this.turnOn('', host.id, forward.id).catch(() => {})));
  }

  /** Hears every change the windows hear; returns the unsubscribe. */
  onChange(listener: (change: TunnelChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes every listener and connection at once (app quit). */
  async closeAll(): Promise<void> {
    // First, so a connection dropping while the forwards close is not reconnected.
    this.links.stopRetrying();
    clearInterval(this.ticker);
    await Promise.all([...this.entries.values()].map((entry) => entry.dispose()));
    this.links.closeAll();
  }

  private async switchOn(host: StoredHost, forward: StoredForward): Promise<void> {
    const entry = this.entry(host.id, forward.id);
    if (entry.isRunning) return;
    entry.setState('connecting', null);
    try {
      const connection = await this.links.connect(host);
      // Switched off while we were connecting.
      if (!entry.wanted) return;
      await entry.start(connection, forward, (message) => this.stopped(entry, message));
    } catch (error) {
      const message = error instanceof AppError ? error.message : `Could not start ${forward.name}: ${(error as Error).message}`;
      this.links.connection(host.id)?.log.add(`Forward ${forward.name} failed: ${message}`);
      if (error instanceof AppError && error.code === 'cancelled') entry.wanted = false;
      entry.setState(entry.wanted ? 'error' : 'off', entry.wanted ? message : null, error instanceof AppError ? error.code : undefined);
      if (this.links.has(host.id) && host.exitOnForwardFailure && entry.wanted) {
        // This forward keeps its own reason; the others say why they stopped.
        entry.wanted = false;
        this.failAll(host.id, `Stopped: ${forward.name} could not start (${message}) and ${host.name} is set to stop its connection when a forward fails.`);
        this.links.close(host.id);
      }
      this.releaseIfUnused(host.id);
      throw error;
    }
  }

  private async switchOff(hostId: string, forwardId: string): Promise<void> {
    await this.entry(hostId, forwardId).stop();
    this.releaseIfUnused(hostId);
  }

  /** A forward stopped by itself or with its connection. */
  private stopped(entry: ForwardEntry, message: string): void {
    entry.halt(message);
    // The connection is gone: its drop decides what happens next.
    if (!this.links.has(entry.hostId) || this.links.reconnecting(entry.hostId)) return;
    // A forward that died on a live connection: leave the others running.
    this.releaseIfUnused(entry.hostId);
  }

  private failAll(hostId: string, message: string): void {
    for (const entry of this.ofHost(hostId)) if (entry.wanted) entry.fail(message);
  }

  private releaseIfUnused(hostId: string): void {
    if (this.ofHost(hostId).some((e) => e.holdsConnection)) return;
    this.links.close(hostId);
  }

  private tick(): void {
    for (const entry of this.entries.values()) {
      // An idle forward sends nothing; a rate falling to 0 is a change and is sent.
      if (entry.sample()) this.emit(entry.hostId, entry.forwardId);
    }
  }

  private ofHost(hostId: string): ForwardEntry[] {
    return [...this.entries.values()].filter((e) => e.hostId === hostId);
  }

  private find(hostId: string, forwardId: string): { host: StoredHost; forward: StoredForward } {
    const host = this.deps.hosts.get(hostId);
    const forward = host.forwards.find((f) => f.id === forwardId);
    if (!forward) throw new AppError('not-found', 'That forward no longer exists.');
    return { host, forward };
  }

  private entry(hostId: string, forwardId: string): ForwardEntry {
    const k = forwardKey(hostId, forwardId);
    let entry = this.entries.get(k);
    if (!entry) {
      entry = new ForwardEntry(hostId, forwardId, () => this.emit(hostId, forwardId));
      this.entries.set(k, entry);
    }
    return entry;
  }

  /** Reads only: never creates an entry or moves a meter. */
  private view(host: StoredHost, forward: StoredForward): TunnelView {
    const via = this.links.via(host.id) ?? `${host.username}@${host.host}:${host.port}`;
    // A forward never switched on shows as a fresh entry would: off, all zero.
    const entry = this.entries.get(forwardKey(host.id, forward.id)) ?? new ForwardEntry(host.id, forward.id, () => {});
    return entry.view(forward, via);
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
    const change: TunnelChange = name === 'tunnel:update' ? { type: 'update', view: payload as TunnelView } : { type: 'removed', ...(payload as { hostId: string; forwardId: string }) };
    for (const listener of this.listeners) listener(change);
  }
}
