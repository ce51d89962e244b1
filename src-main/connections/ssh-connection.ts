// One authenticated SSH connection: host-key check first, then the AuthPlan,
// with only the network part of the handshake timed. Terminals and file
// browsers each build on one; closing it releases the socket and channels.
import { lookup } from 'node:dns/promises';
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import { AppError } from '../errors/app-error';
import { checkSsh2Internals } from '../ssh2-internals/ssh2-internals';
import { ConnectionLog } from './connection-log';
import { HostKeyRefusal, type HostKeyCheck } from '../host-keys/host-key-check';
import { authFailedError, describeConnectError, type Endpoint } from './connect-errors';
import type { AuthPlan } from './auth-plan';
import { REPLY_TIMEOUT_MS, seconds, withDeadline } from './deadline';
import { algorithmLists, type ResolvedAlgorithms } from '../algorithms/algorithms';
import { algorithmMismatch, ServerOffer } from '../algorithms/algorithm-mismatch';
import { ProxyProcess } from './proxy-command';
import { enableCertificateAuth } from '../ssh2-internals/certificate-auth';
import { certificateAlgorithmsFor, enableHostCertificates } from '../ssh2-internals/host-certificate-kex';
import { describeHostKey } from '../host-keys/host-certificate';

/** OpenSSH-like ServerAliveInterval / ServerAliveCountMax when a host sets none. */
const KEEPALIVE_MS = 30_000;
const KEEPALIVE_COUNT = 3;
/** How long a proxy command may linger after Warren closed its input. */
const PROXY_LINGER_MS = 1000;

/** The user cancelled (a prompt or the connection itself): not an error to show. */
export class Cancelled extends AppError {
  constructor() {
    super('cancelled', 'Cancelled.');
  }
}

/** The host's host-key algorithms (Warren's defaults unless it sets its own), reordered so those of the known key types come first. */
export function hostKeyAlgorithms(knownTypes: string[], all: readonly string[] = algorithmLists.hostKey.defaults): string[] {
  const typeOf = (algorithm: string) => (algorithm.startsWith('rsa-sha2-') ? 'ssh-rsa' : algorithm);
  return [...all.filter((a) => knownTypes.includes(typeOf(a))), ...all.filter((a) => !knownTypes.includes(typeOf(a)))];
}

export interface SshConnectionOptions {
  endpoint: Endpoint;
  auth: AuthPlan;
  hostKeys: HostKeyCheck;
  /** Called once authentication succeeded, with secrets the user asked to remember. */
  onAuthenticated?: (remember: { password?: string; passphrase?: string }) => void;
  readyTimeoutMs?: number;
  /**
   * How long the server may take to answer a request once logged in (opening
   * SFTP, a shell, a forward) and the ssh-agent to answer one; defaults to
   * readyTimeoutMs, else 20 s.
   */
  replyTimeoutMs?: number;
  /** 0 turns keepalives off. */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** Jump hosts, in order (ProxyJump): each is verified and authenticated as itself. */
  jumps?: JumpHop[];
  /** Talk SSH over this stream (a jump host's channel) instead of a TCP connection. */
  sock?: Duplex;
  /** OpenSSH's ProxyCommand, tokens already expanded: its stdio carries the connection (unless jump hosts or `sock` do). */
  proxyCommand?: string;
  /** Offer the local agent to shells on this connection (ForwardAgent). */
  agentForward?: { agentSocket: string };
  /** The host's HostKeyAlgorithms, KexAlgorithms, Ciphers and MACs; absent: Warren's defaults. */
  algorithms?: ResolvedAlgorithms;
  /** Where to write what happens (a jump host writes into its target's log). */
  log?: ConnectionLog;
}

export interface JumpHop {
  /** How the user knows it: a saved host's name or `user@host:port`. */
  name: string;
  options: SshConnectionOptions;
}

export class SshConnection {
  readonly client = new ssh2.Client();
  private settled = false;
  private closedBy: string | null = null;
  private hostKeyRefusal: AppError | null = null;
  /** The key verified at the first key exchange; a re-key must present the same one. */
  private verifiedKey: Buffer | null = null;
  private handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  private exchanges = 0;
  private readonly closeListeners = new Set<(reason: string) => void>();
  /** Jump-host connections this one opened; they close with it. */
  private readonly hops: SshConnection[] = [];
  /** The server's algorithm lists, kept until the first key exchange to explain a mismatch. */
  private readonly serverOffer = new ServerOffer();
  /** The ProxyCommand this connection runs, if any; it ends with the connection. */
  private proxy: ProxyProcess | null = null;
  private fail: (error: AppError) => void = () => {};
  /** Aborted when the connection ends, so every wait on it ends at once. */
  private readonly ending = new AbortController();
  readonly log: ConnectionLog;

  constructor(private readonly options: SshConnectionOptions) {
    this.log = options.log ?? new ConnectionLog();
  }

  /** Key exchanges so far: 1 after connecting, one more per re-key. */
  get keyExchanges(): number {
    return this.exchanges;
  }

  get closed(): boolean {
    return this.closedBy !== null;
  }

  /**
   * Aborts when the connection ends: with a Cancelled when the user closed it,
   * else with a 'connection-lost' AppError saying why. Waits on it pass it on.
   */
  get signal(): AbortSignal {
    return this.ending.signal;
  }

  /** The deadline for one answer from the server (or the agent) on this connection. */
  get replyTimeoutMs(): number {
    return this.options.replyTimeoutMs ?? this.options.readyTimeoutMs ?? REPLY_TIMEOUT_MS;
  }

  /** Called once when the connection ends after it was up (dropped, or closed by either side). */
  onClose(listener: (reason: string) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Resolves when authenticated; rejects with an AppError (a Cancelled when the user cancelled). */
  connect(): Promise<void> {
    const { endpoint, auth } = this.options;
    return new Promise<void>((resolve, reject) => {
      const settle = (error?: AppError) => {
        clearTimeout(this.handshakeTimer);
        if (this.settled) return;
        this.settled = true;
        if (error) {
          this.log.add(`Failed: ${error.message}`);
          this.client.end();
          for (const hop of this.hops) hop.close();
          this.proxy?.stop();
          reject(error);
        } else resolve();
      };
      this.client.once('ready', () => {
        this.log.add(`Authenticated as ${endpoint.username} with ${auth.lastMethod ?? 'none'} (server offers: ${auth.serverMethods?.join(', ') || 'not asked'}).`);
        // Speed-ups that reach into ssh2 fall back quietly; the log says when they did.
        const broken = checkSsh2Internals(this.client);
        if (broken.length > 0) this.log.add(`Running without some speed-ups (${broken.join('; ')}).`);
        this.options.onAuthenticated?.(auth.toRemember());
        settle();
      });
      this.client.on('error', (error) => {
        const level = (error as { level?: string }).level;
        if (this.settled) {
          // After connecting, an error is why the connection is about to close.
          this.closedBy ??= lostReason(error, endpoint, this.options);
          return;
        }
        if (this.closedBy === 'cancel' || auth.cancelled) return settle(new Cancelled());
        if (this.hostKeyRefusal) return settle(this.hostKeyRefusal);
        if (level === 'agent') {
          // As OpenSSH: an agent that fails or does not answer is noted, and
          // the other methods are tried (ssh2 moves on by itself).
          auth.agentFailed(error.message);
          this.log.add(`ssh-agent: ${error.message}`);
          return;
        }
        if (level === 'client-authentication') {
          this.log.add(`Authentication failed: tried ${auth.describeTried()}; server offers ${auth.serverMethods?.join(', ') || 'nothing it would name'}.`);
          return settle(authFailedError(endpoint, auth.describeTried(), auth.serverMethods, auth.agentTrouble));
        }
        settle(algorithmMismatch(error, `${endpoint.host}:${endpoint.port}`, this.serverOffer, this.options.algorithms) ?? describeConnectError(error, endpoint, this.exchanges > 0));
      });
      this.client.on('close', () => {
        if (!this.settled) return settle(this.closedBy === 'cancel' || auth.cancelled ? new Cancelled() : describeConnectError(serverClosed(), endpoint, this.exchanges > 0));
        const reason = this.closedBy ?? 'The connection was closed.';
        this.ending.abort(reason === 'cancel' ? new Cancelled() : new AppError('connection-lost', reason));
        this.log.add(`Disconnected: ${reason === 'cancel' ? 'closed by the user' : reason}`);
        this.closedBy ??= reason;
        for (const listener of this.closeListeners) listener(reason);
        this.closeListeners.clear();
        for (const hop of this.hops) hop.close();
        this.proxy?.stop();
      });

      this.fail = settle;
      void this.start().catch((error: unknown) => settle(describeConnectError(error, endpoint)));
    });
  }

  /** Ends the connection (or the attempt); a pending connect() rejects with Cancelled. */
  close(): void {
    this.closedBy ??= 'cancel';
    this.ending.abort(new Cancelled());
    clearTimeout(this.handshakeTimer);
    this.client.end();
    for (const hop of this.hops) hop.close();
    // Its input has closed (ssh2 ended it); a command that lingers is stopped shortly.
    this.proxy?.stop(PROXY_LINGER_MS);
  }

  /** Connects each jump host through the one before; resolves with the channel to our own endpoint. */
  private async openJumps(): Promise<Duplex | undefined> {
    const jumps = this.options.jumps ?? [];
    let sock: Duplex | undefined;
    for (const [i, jump] of jumps.entries()) {
      this.log.add(`Jump host ${i + 1} (${jump.name}): connecting to ${jump.options.endpoint.host}:${jump.options.endpoint.port}${i > 0 ? ' through the previous hop' : ''}.`);
      const hop = new SshConnection({ ...jump.options, ...(sock ? { sock } : {}), log: this.log.child(`[hop ${i + 1}] `) });
      this.hops.push(hop);
      if (this.closedBy) throw new Cancelled();
      await hop.connect().catch((error: unknown) => {
        throw hopError(jump.name, i, error);
      });
      // The hop going away takes this connection with it.
      hop.onClose(() => this.client.end());
      const next = i + 1 < jumps.length ? jumps[i + 1]!.options.endpoint : this.options.endpoint;
      sock = await channelThroughHop(hop, jump.name, next, this.signal);
    }
    return sock;
  }

  /**
   * ssh2's authHandler, with a deadline on each answer the server owes: the
   * timer runs from an offer until the server's reply, and stops while Warren
   * asks the user (a passphrase, a one-time code), which may take any time.
   */
  private timedAuth(auth: AuthPlan): typeof auth.handler {
    const { endpoint } = this.options;
    const arm = () => {
      clearTimeout(this.handshakeTimer);
      const ms = this.replyTimeoutMs;
      this.handshakeTimer = setTimeout(() => {
        this.fail(new AppError('timeout', `${endpoint.host}:${endpoint.port} did not answer the login within ${seconds(ms)}. The server may be overloaded, or waiting on something of its own (PAM, LDAP); try again, and if it keeps happening ask its administrator.`));
        this.client.destroy();
      }, ms);
    };
    return (methodsLeft, partial, next) => {
      clearTimeout(this.handshakeTimer);
      auth.handler(methodsLeft, partial, (step) => {
        if (step && step.type === 'keyboard-interactive') {
          const ask = step.prompt;
          step = {
            ...step,
            prompt: (name, instructions, lang, prompts, finish) => {
              clearTimeout(this.handshakeTimer);
              ask(name, instructions, lang, prompts, (answers) => {
                arm();
                finish(answers);
              });
            },
          };
        }
        if (step) arm();
        next(step);
      });
    };
  }

  private armHandshakeTimer(): void {
    const { endpoint } = this.options;
    const limit = this.options.readyTimeoutMs ?? 20_000;
    this.handshakeTimer = setTimeout(() => {
      this.fail(new AppError('timeout', `${endpoint.host}:${endpoint.port} did not complete the SSH handshake within ${Math.round(limit / 1000)} s. Check the address and port, and any firewall in between.`));
      this.client.destroy();
    }, limit);
  }

  private async start(): Promise<void> {
    const { endpoint, auth } = this.options;
    let knownTypes: string[] = [];
    try {
      knownTypes = (await this.options.hostKeys.preferredKeyTypes?.(endpoint.host, endpoint.port)) ?? [];
    } catch {
      // Unreadable known_hosts: the check itself will report it.
    }
    const algorithms = this.ssh2Algorithms(knownTypes);
    // As OpenSSH: host certificates are asked for first when a CA is trusted for the host, and only then.
    const hostCertificates = (await this.options.hostKeys.trustsCertificateAuthority?.(endpoint.host, endpoint.port).catch(() => false))
      ? certificateAlgorithmsFor((algorithms as { serverHostKey: string[] }).serverHostKey)
      : [];
    if (this.closedBy) return;
    const sock = (await this.openJumps()) ?? this.options.sock ?? this.openProxy();
    if (this.closedBy) return;
    this.armHandshakeTimer();
    const agent = this.options.agentForward;
    // Looked up once, for the log and for the socket alike.
    const address = sock ? null : await resolve(endpoint.host);
    this.log.add(sock ? `Connecting to ${endpoint.host}:${endpoint.port} through the ${this.proxy ? 'proxy command' : 'jump host'}.` : `Connecting to ${endpoint.host}:${endpoint.port}${address && address !== endpoint.host ? ` (${address})` : ''}.`);
    this.client.once('handshake', (n) => {
      this.serverOffer.done();
      this.log.add(`Negotiated: kex ${n.kex}, host key ${n.serverHostKey}, cipher ${n.cs.cipher}${n.cs.mac ? `, MAC ${n.cs.mac}` : ' (AEAD, no separate MAC)'}${n.cs.compress !== 'none' ? `, compression ${n.cs.compress}` : ''}.`);
    });
    if (agent) this.log.add('Agent forwarding is on for shells on this connection.');
    const keepalive = this.options.keepaliveIntervalMs ?? KEEPALIVE_MS;
    const keepaliveCount = this.options.keepaliveCountMax ?? KEEPALIVE_COUNT;
    this.log.add(keepalive > 0 ? `Keepalive every ${Math.round(keepalive / 1000)} s, giving up after ${keepaliveCount} unanswered.` : 'Keepalive is off.');
    this.client.connect({
      ...(sock ? { sock } : {}),
      ...(agent ? { agent: agent.agentSocket, agentForward: true } : {}),
      host: address ?? endpoint.host,
      port: endpoint.port,
      username: endpoint.username,
      // ssh2's own limit would also run while the user reads a fingerprint or
      // types a password; Warren times only the network part (handshakeTimer).
      readyTimeout: 0,
      keepaliveInterval: keepalive,
      // OpenSSH's ServerAliveCountMax counts unanswered probes before giving up.
      keepaliveCountMax: keepaliveCount,
      // Runs at every key exchange and before any authentication: no
      // credential leaves the machine until this has said yes.
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => this.verifyHostKey(key, verify),
      authHandler: this.timedAuth(auth),
      algorithms,
      debug: this.serverOffer.debug,
    } as ssh2.ConnectConfig);
    if (hostCertificates.length > 0) {
      // ssh2 has no host certificates of its own; without this, the server shows its plain key.
      const broken = enableHostCertificates(this.client, hostCertificates);
      this.log.add(
        broken.length > 0
          ? `known_hosts trusts a certificate authority for this host, but host certificates cannot be asked for with this version of ssh2 (${broken.join('; ')}); the server's plain key is checked instead.`
          : `known_hosts trusts a certificate authority for this host: asking for a host certificate first (${hostCertificates.join(', ')}).`,
      );
    }
    // ssh2 has no user certificates of its own; without this, certificate keys are not offered.
    const certificatesBroken = enableCertificateAuth(this.client);
    if (certificatesBroken.length > 0) {
      auth.certificatesUnavailable(certificatesBroken.join('; '));
      this.log.add(`User certificates cannot be used with this version of ssh2 (${certificatesBroken.join('; ')}); plain keys are offered instead.`);
    }
    // ssh2 leaves Nagle on. SSH is request/response (SFTP reads, keystrokes):
    // after a run of small exchanges the server's delayed ACKs held our small
    // requests back, and downloads fell from ~500 to ~250 MB/s. OpenSSH sets
    // TCP_NODELAY too. (A jump host's channel has no such switch.)
    if (!sock) this.client.setNoDelay(true);
  }

  /** Starts the ProxyCommand, when the host has one and nothing else carries the connection. */
  private openProxy(): Duplex | undefined {
    const command = this.options.proxyCommand;
    if (!command || this.closedBy) return undefined;
    this.proxy = new ProxyProcess(command, this.log);
    return this.proxy.stream;
  }

  private ssh2Algorithms(knownTypes: string[]): ssh2.Algorithms {
    const { algorithms } = this.options;
    if (!algorithms) return { serverHostKey: hostKeyAlgorithms(knownTypes) } as ssh2.Algorithms;
    return { serverHostKey: hostKeyAlgorithms(knownTypes, algorithms.hostKey), kex: algorithms.kex, cipher: algorithms.cipher, hmac: algorithms.mac } as ssh2.Algorithms;
  }

  private verifyHostKey(key: Buffer, verify: (ok: boolean) => void): void {
    const { endpoint } = this.options;
    // The server has answered: from here on, waits are the user's or the server's policy.
    clearTimeout(this.handshakeTimer);
    this.exchanges += 1;
    if (this.verifiedKey) {
      // A re-key: the same key needs no new question; a different one ends the connection.
      if (this.verifiedKey.equals(key)) {
        this.log.add('Re-key: the server presented the same host key.');
        return verify(true);
      }
      this.hostKeyRefusal = new AppError('host-key-changed', `The server at ${endpoint.host}:${endpoint.port} presented a different host key during a re-key. Warren disconnected: someone may be intercepting the connection.`);
      this.closedBy ??= this.hostKeyRefusal.message;
      return verify(false);
    }
    this.options.hostKeys.check(endpoint.host, endpoint.port, key).then(
      (refusal) => {
        this.log.add(`Host key ${describeHostKey(key)}: ${refusal ? `refused (${refusal.message})` : 'trusted'}.`);
        if (this.closedBy) return verify(false);
        this.hostKeyRefusal = refusal;
        if (!refusal) this.verifiedKey = Buffer.from(key);
        verify(refusal === null);
      },
      (error: unknown) => {
        this.hostKeyRefusal = new AppError('host-key-error', `Could not check the host key: ${(error as Error).message}`);
        verify(false);
      },
    );
  }
}

/** The server ended the TCP connection without a word (no error from ssh2). */
function serverClosed(): Error {
  return Object.assign(new Error('the server closed the connection'), { code: 'SERVER_CLOSED' });
}

/** An error at a jump host, naming it (and keeping what the UI needs to act on a host-key change). */
/**
 * A channel through a logged-in jump host to the next address, within the
 * hop's reply deadline; a refusal names the hop and the address.
 */
export function channelThroughHop(hop: SshConnection, hopName: string, next: Endpoint, signal: AbortSignal): Promise<Duplex> {
  const ms = hop.replyTimeoutMs;
  return withDeadline<Duplex>((done) => hop.client.forwardOut('127.0.0.1', 0, next.host, next.port, done), {
    ms,
    signal,
    timeout: () => new AppError('timeout', `Jump host ${hopName} accepted the login but did not open a channel to ${next.host}:${next.port} within ${seconds(ms)}. The jump host may be overloaded or unable to reach that address; try again, or check the address.`),
    late: (channel) => channel.destroy(),
  }).catch((error: unknown) => {
    if (error instanceof AppError) throw error;
    throw new AppError('jump-failed', `Jump host ${hopName} could not reach ${next.host}:${next.port}: ${(error as Error).message}. Check the address, and that the jump host allows TCP forwarding.`);
  });
}

export function hopError(name: string, index: number, error: unknown): AppError {
  if (error instanceof Cancelled) return error;
  const where = `Jump host ${index + 1} (${name})`;
  if (error instanceof HostKeyRefusal) return new HostKeyRefusal(error.code, `${where}: ${error.message}`, error.change);
  if (error instanceof AppError) return new AppError(error.code, `${where}: ${error.message}`);
  return new AppError('jump-failed', `${where}: ${(error as Error).message}`);
}

function lostReason(error: Error, at: Endpoint, options: SshConnectionOptions): string {
  const where = `${at.host}:${at.port}`;
  if (/keepalive/i.test(error.message)) {
    const interval = Math.round((options.keepaliveIntervalMs ?? KEEPALIVE_MS) / 1000);
    return `${where} stopped answering (${options.keepaliveCountMax ?? KEEPALIVE_COUNT} keepalives ${interval} s apart went unanswered): the connection was lost. Reconnect when the network is back.`;
  }
  // SSH_MSG_DISCONNECT: ssh2 reports the server's own words with its reason number as the code.
  if (typeof (error as { code?: unknown }).code === 'number') return `${where} ended the connection, saying: "${error.message}". Reconnect to continue.`;
  return `The connection to ${where} was lost: ${error.message}. Reconnect to continue.`;
}

/** The address `host` resolves to; null when it does not, so ssh2 resolves it and reports why in its own words. */
async function resolve(host: string): Promise<string | null> {
  try {
    return (await lookup(host)).address;
  } catch {
    return null;
  }
}
