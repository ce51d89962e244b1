// One authenticated SSH connection per host, shared by its terminals, file
// browsers, tunnels, Test connection and key copy, as OpenSSH's ControlMaster
// does: a login (password, passphrase, one-time code) is answered once, and a
// user arriving while the login is under way waits for that same attempt. The
// connection closes when its last lease goes. When it drops, every holder is
// told; those that follow it (terminals, Files tabs, forwards) are carried
// over: the pool logs in again once, on the shared backoff schedule, with the
// host as saved now, and hands each of them the new connection.
// Jump hosts are leased the same way: two hosts behind one bastion (or a
// terminal on the bastion itself) share its login.
import type { Duplex } from 'node:stream';
import type { StoredHost } from '../hosts/hosts-model';
import type { Ask, PromptQuestion } from '../../src-shared/contract/prompts';
import { AppError } from '../errors/app-error';
import { ConnectionLog } from './connection-log';
import { Cancelled, channelThroughHop, hopError, SshConnection, type JumpHop, type SshConnectionOptions } from './ssh-connection';
import type { Endpoint } from './connect-errors';
import { resolveJumps, type JumpRef } from './jump-hosts';
import { isRetryable } from '../../src-shared/errors';
import { reconnectDelay, RECONNECT_BACKOFF_MS } from '../../src-shared/retry';
import { closeIdleChannels } from '../sftp/stripe-channels';

/** A user that stays through a drop: told of it, then given the new connection (or told why not). */
export interface Follower {
  /** The connection dropped (attempt 0), or reconnect attempt n failed (n ≥ 1); the next try is in `retryInMs` (null: gaveUp comes next). */
  lost(reason: string, attempt: number, retryInMs: number | null): void;
  /** Logged in again. */
  back(connection: SshConnection): void;
  /** No more attempts: a failure retrying cannot change, or `attempts` failed in a row. The lease is released. */
  gaveUp(error: AppError, attempts: number | null): void;
}

/** One user's hold on a connection. */
export interface ConnectionLease {
  /** The connection's log (shared with the other users of the connection). */
  readonly log: ConnectionLog;
  /** The authenticated connection; rejects with an AppError, or a Cancelled once this lease is released. */
  readonly ready: Promise<SshConnection>;
  /** True when this lease joined a connection that was already up or on its way (no login of its own). */
  readonly shared: boolean;
  /** The options the connection was built with, once read (null before, or when that failed). */
  readonly options: SshConnectionOptions | null;
  /** Told once when the connection ends while this lease holds it (not when it follows, and so is carried over a drop). */
  onClose(listener: (reason: string) => void): void;
  /** Stay through drops: the pool reconnects and hands over the new connection (see Follower). */
  follow(follower: Follower): void;
  /** Done with it: the connection closes when no lease is left. Idempotent. */
  release(): void;
}

/** What the pool needs to turn a host into a connection. */
export interface ConnectionSource {
  options(host: StoredHost, ask: Ask): Promise<SshConnectionOptions>;
}

export interface ConnectionPoolDeps {
  connector: ConnectionSource;
  /** A saved host by name (jump hosts refer to them by name). */
  findByName(name: string): StoredHost | undefined;
  /** A saved host as it is now (a reconnect uses the host's current settings); undefined when not saved. */
  findById?(id: string): StoredHost | undefined;
  /** Waits before each reconnect after a drop; then the followers are told it gave up. */
  backoffMs?: readonly number[];
}

interface Holder {
  ask: Ask;
  listeners: Array<(reason: string) => void>;
  /** The entry it holds now: a follower moves to the next connection after a drop. */
  entry: Entry;
  follower: Follower | null;
  /** Carried over from a dropped connection and not yet handed the new one. */
  carried: boolean;
  released: boolean;
}

interface Entry {
  key: string | null;
  log: ConnectionLog;
  holders: Set<Holder>;
  options: SshConnectionOptions | null;
  connection: SshConnection | null;
  ready: Promise<SshConnection>;
  /** Authenticated. */
  up: boolean;
  /** The jump host this connection runs through, held while it lives. */
  below: ConnectionLease | null;
  /** True once the last lease went (or it dropped): nobody may join it any more. */
  done: boolean;
  /** The host it reaches (null for a jump hop, which is reconnected by the connections over it). */
  host: StoredHost | null;
  /** Which reconnect attempt this connection is (0: not a reconnect). */
  attempt: number;
}

/**
 * Fields of a saved host that do not change how Warren connects: two hosts (or
 * one host before and after an edit) that differ only in these share a link.
 * Everything else — address, user, key, agent, policy, keepalive, proxy, and
 * whatever connection setting is added later — keeps links apart.
 */
const NOT_CONNECTION: ReadonlySet<string> = new Set(['name', 'folderId', 'forwards', 'exitOnForwardFailure', 'recordSessions', 'color', 'tags', 'favourite', 'lastConnectedAt', 'imported', 'separateConnections']);

function connectionFields(host: StoredHost): unknown {
  const fields = Object.entries(host).filter(([name]) => !NOT_CONNECTION.has(name));
  // Saved secrets are tried first and asked for when wrong: a change in them needs no new link.
  const { sealedPassword: _pw, sealedPassphrase: _pp, ...auth } = host.auth as StoredHost['auth'] & { sealedPassword?: unknown; sealedPassphrase?: unknown };
  return fields.map(([name, value]) => [name, name === 'auth' ? auth : value]).sort(([a], [b]) => String(a).localeCompare(String(b)));
}

/** How a hop is reached: a saved host as itself; an address with the target's user and key settings (as host-connector builds it). */
function hopFields(ref: JumpRef, target: StoredHost): unknown {
  if (ref.kind === 'saved') return connectionFields(ref.host);
  const standIn: StoredHost = { ...target, id: '', host: ref.host, port: ref.port, username: ref.user ?? target.username, auth: { keyPath: target.auth.keyPath, useAgent: target.auth.useAgent }, agentForward: false, jumpHosts: [] };
  return connectionFields(standIn);
}

/** The link a host's users share: the host, its resolved jump chain, and the settings that decide the login. */
export function poolKey(host: StoredHost, chain: JumpRef[]): string {
  return JSON.stringify([connectionFields(host), chain.map((ref) => hopFields(ref, host))]);
}

/** Hop `i` of `target`'s chain, keyed so that a saved bastion reached the way it would be reached alone is the same link. */
function hopKey(target: StoredHost, chain: JumpRef[], i: number): string {
  return JSON.stringify([hopFields(chain[i]!, target), chain.slice(0, i).map((ref) => hopFields(ref, target))]);
}

export class ConnectionPool {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly deps: ConnectionPoolDeps) {}

  /** Open (or join) the host's connection; `ask` is used when this lease is the one whose window answers prompts. */
  lease(host: StoredHost, ask: Ask): ConnectionLease {
    const { entry, shared } = this.entryFor(host, new ConnectionLog());
    if (shared) entry.log.add(entry.up ? 'Shared with another user of this host: no new login.' : 'Another user of this host waits for the same login.');
    return this.join(entry, ask, shared);
  }

  /** The host's live (or opening) connection, or a new one. */
  private entryFor(host: StoredHost, log: ConnectionLog): { entry: Entry; shared: boolean } {
    const chain = host.separateConnections ? null : this.chainOf(host);
    const key = chain === null ? null : poolKey(host, chain);
    const existing = key === null ? undefined : this.entries.get(key);
    if (existing !== undefined && !existing.done) return { entry: existing, shared: true };
    const entry = this.open(key, log, (opening, entryAsk) => this.connectTarget(host, chain, opening, entryAsk));
    entry.host = host;
    return { entry, shared: false };
  }

  /** Live connections (for tests and the benchmark): how many SSH links are open or opening. */
  get size(): number {
    return this.entries.size;
  }

  private chainOf(host: StoredHost): JumpRef[] | null {
    try {
      return resolveJumps(host, this.deps.findByName);
    } catch {
      // A chain that does not resolve fails in connector.options with the reason; alone.
      return null;
    }
  }

  /** The host itself: its options read, through its (shared) jump hosts when it has any. */
  private async connectTarget(host: StoredHost, chain: JumpRef[] | null, entry: Entry, ask: Ask): Promise<SshConnection> {
    const options = await this.deps.connector.options(host, ask);
    if (entry.done) throw new Cancelled();
    entry.options = options;
    const jumps = options.jumps ?? [];
    // Hops are shared only when the pool knows the chain they came from (a separate host opens its own).
    if (jumps.length === 0 || chain === null || entry.key === null || chain.length !== jumps.length) return this.connectOver(entry, options);
    const { jumps: _own, ...rest } = options;
    const sock = await this.through(host, chain, jumps, jumps.length, options.endpoint, entry);
    return this.connectOver(entry, { ...rest, sock });
  }

  private async connectOver(entry: Entry, options: SshConnectionOptions): Promise<SshConnection> {
    if (entry.done) throw new Cancelled();
    const connection = new SshConnection({ ...options, log: entry.log });
    entry.connection = connection;
    // The hop going away takes this connection with it (as a drop, not a close by the user).
    entry.below?.onClose(() => connection.client.end());
    await connection.connect();
    return connection;
  }

  /** A channel to `next` through hop `index - 1` of the chain, leasing that hop (and those before it). */
  private async through(target: StoredHost, chain: JumpRef[], jumps: JumpHop[], index: number, next: Endpoint, entry: Entry): Promise<Duplex> {
    const i = index - 1;
    const jump = jumps[i]!;
    const key = hopKey(target, chain, i);
    const existing = this.entries.get(key);
    let below: ConnectionLease;
    if (existing && !existing.done) {
      entry.log.add(`Jump host ${i + 1} (${jump.name}): ${existing.up ? 'already logged in for another connection; shared.' : 'another connection is logging in to it; waiting for that.'}`);
      below = this.join(existing, noAsk, true);
    } else {
      entry.log.add(`Jump host ${i + 1} (${jump.name}): connecting to ${jump.options.endpoint.host}:${jump.options.endpoint.port}${i > 0 ? ' through the previous hop' : ''}.`);
      const hop = this.open(key, entry.log.child(`[hop ${i + 1}] `), async (opening) => {
        opening.options = jump.options;
        const sock = i > 0 ? await this.through(target, chain, jumps, i, jump.options.endpoint, opening) : undefined;
        return this.connectOver(opening, { ...jump.options, ...(sock ? { sock } : {}) }).catch((error: unknown) => {
          throw hopError(jump.name, i, error);
        });
      });
      below = this.join(hop, noAsk, false);
    }
    entry.below = below;
    const hopConnection = await below.ready;
    if (entry.done) throw new Cancelled();
    return channelThroughHop(hopConnection, jump.name, next, hopConnection.signal);
  }

  private open(key: string | null, log: ConnectionLog, connect: (entry: Entry, ask: Ask) => Promise<SshConnection>): Entry {
    const entry: Entry = { key, log, holders: new Set(), options: null, connection: null, ready: Promise.resolve(null as never), up: false, below: null, done: false, host: null, attempt: 0 };
    // Prompts go to the first holder still there: a tab closed mid-login hands its question on rather than cancel the others' login.
    const ask = (async (question: PromptQuestion) => {
      for (;;) {
        const asker = entry.holders.values().next().value;
        if (!asker) return null;
        const answer = await asker.ask(question);
        if (answer || entry.holders.has(asker)) return answer;
      }
    }) as Ask;
    entry.ready = connect(entry, ask).then((connection) => {
      entry.up = true;
      connection.onClose((reason) => this.ended(entry, reason));
      for (const holder of entry.holders) {
        if (!holder.carried) continue;
        holder.carried = false;
        holder.follower?.back(connection);
      }
      return connection;
    });
    entry.ready.catch((error: unknown) => {
      this.forget(entry);
      const carried = [...entry.holders].filter((h) => h.carried);
      if (carried.length > 0 && !(error instanceof Cancelled)) this.retryOrGiveUp(carried, error);
    });
    if (key !== null) this.entries.set(key, entry);
    return entry;
  }

  private join(entry: Entry, ask: Ask, shared: boolean): ConnectionLease {
    const holder: Holder = { ask, listeners: [], entry, follower: null, carried: false, released: false };
    entry.holders.add(holder);
    let cancel: (error: Error) => void = () => {};
    const gone = new Promise<never>((_, reject) => (cancel = reject));
    gone.catch(() => {});
    // A new user's session must not be refused for sessions that only wait for a next transfer (MaxSessions).
    const ready = Promise.race([entry.ready.then(async (connection) => (await closeIdleChannels(connection.client), connection)), gone]);
    ready.catch(() => {});
    return {
      log: entry.log,
      ready,
      shared,
      get options() {
        return entry.options;
      },
      onClose: (listener) => {
        if (!holder.released) holder.listeners.push(listener);
      },
      follow: (follower) => {
        if (!holder.released) holder.follower = follower;
      },
      release: () => {
        if (holder.released) return;
        holder.released = true;
        cancel(new Cancelled());
        const current = holder.entry;
        current.holders.delete(holder);
        if (current.holders.size > 0) return;
        this.forget(current);
        current.connection?.close();
      },
    };
  }

  /** The connection ended under its holders: all are told; followers are carried to the next one. */
  private ended(entry: Entry, reason: string): void {
    this.forget(entry);
    const carried: Holder[] = [];
    for (const holder of [...entry.holders]) {
      if (holder.follower && entry.host && reason !== 'cancel') carried.push(holder);
      else for (const listener of holder.listeners.splice(0)) listener(reason);
    }
    if (carried.length === 0) return;
    entry.log.add(`Connection lost (${reason}); reconnecting for its ${carried.length} user${carried.length === 1 ? '' : 's'} with one login.`);
    this.schedule(entry.host!, entry.log, carried, 0, reason);
  }

  /** After the wait for `attempt`, one login for every follower still there. */
  private schedule(host: StoredHost, log: ConnectionLog, carried: Holder[], attempt: number, reason: string): void {
    const delay = reconnectDelay(attempt, this.deps.backoffMs ?? RECONNECT_BACKOFF_MS);
    for (const holder of carried) holder.follower?.lost(reason, attempt, delay);
    if (delay === null) return this.giveUp(carried, new AppError('connection-lost', `The connection was lost and ${attempt} attempts to reconnect failed.`), attempt);
    setTimeout(() => this.reopen(host.id, host, log, carried.filter((h) => !h.released), attempt), delay).unref?.();
  }

  private reopen(hostId: string, before: StoredHost, log: ConnectionLog, carried: Holder[], attempt: number): void {
    if (carried.length === 0) return;
    // A quick-connect host is not saved: it reconnects as it was.
    const host = this.deps.findById?.(hostId) ?? before;
    // Someone else opened the host's connection meanwhile: join that one.
    const { entry } = this.entryFor(host, log);
    for (const holder of carried) {
      holder.entry.holders.delete(holder);
      holder.entry = entry;
      holder.carried = true;
      entry.holders.add(holder);
    }
    if (!entry.up) entry.attempt = attempt;
    if (entry.up) void entry.ready.then((connection) => this.handOver(entry, connection));
  }

  /** Joined a connection that was already up: hand it over at once. */
  private handOver(entry: Entry, connection: SshConnection): void {
    for (const holder of entry.holders) {
      if (!holder.carried) continue;
      holder.carried = false;
      holder.follower?.back(connection);
    }
  }

  private retryOrGiveUp(carried: Holder[], error: unknown): void {
    const entry = carried[0]!.entry;
    const attempt = entry.attempt + 1;
    const failure = error instanceof AppError ? error : new AppError('connect-failed', String(error));
    if (!isRetryable(failure.code) || !entry.host) return this.giveUp(carried, failure, null);
    entry.log.add(`Reconnect attempt ${attempt} failed: ${failure.message}`);
    this.schedule(entry.host, entry.log, carried, attempt, failure.message);
  }

  private giveUp(carried: Holder[], error: AppError, attempts: number | null): void {
    for (const holder of carried) {
      if (holder.released) continue;
      holder.released = true;
      holder.entry.holders.delete(holder);
      holder.follower?.gaveUp(error, attempts);
    }
  }

  /** Nobody may join it any more; the jump host under it is let go. */
  private forget(entry: Entry): void {
    entry.done = true;
    if (entry.key !== null && this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
    entry.below?.release();
  }
}

/** A jump host's lease: its prompts come through the options of the connection that opened it. */
const noAsk = (async () => null) as Ask;

/** A lease on a connection of its own, for callers that build the options themselves (tests, the benchmark). */
export function soloLease(options: SshConnectionOptions): ConnectionLease {
  const connection = new SshConnection(options);
  const listeners: Array<(reason: string) => void> = [];
  const ready = connection.connect().then(() => {
    connection.onClose((reason) => listeners.splice(0).forEach((l) => l(reason)));
    return connection;
  });
  ready.catch(() => {});
  return {
    log: connection.log,
    ready,
    shared: false,
    options,
    onClose: (listener) => void listeners.push(listener),
    // A connection of its own is not reconnected: its user is told through onClose.
    follow: () => {},
    release: () => connection.close(),
  };
}
