// One authenticated SSH connection: host-key check first, then the AuthPlan,
// with only the network part of the handshake timed. Terminals and file
// browsers each build on one; closing it releases the socket and channels.
import ssh2 from 'ssh2';
import type { HostKeyChange } from '../ipc/contract';
import { AppError } from '../app/app-error';
import { authFailedError, describeConnectError, type Endpoint } from '../sessions/connect-errors';
import type { AuthPlan } from '../sessions/auth-plan';

/** Why a host key was refused, with what the user needs to act on it. */
export class HostKeyRefusal extends AppError {
  constructor(
    code: string,
    message: string,
    readonly change?: HostKeyChange,
  ) {
    super(code, message);
  }
}

/** The user cancelled (a prompt or the connection itself): not an error to show. */
export class Cancelled extends AppError {
  constructor() {
    super('cancelled', 'Cancelled.');
  }
}

export interface HostKeyCheck {
  /** Resolves null when the key is trusted, or the reason it is not. */
  check(host: string, port: number, key: Buffer): Promise<AppError | null>;
  /** Key types already on record for the host, to ask the server for first (as OpenSSH does). */
  preferredKeyTypes?(host: string, port: number): Promise<string[]>;
}

/** ssh2's host-key algorithms, reordered so those of the known key types come first. */
export function hostKeyAlgorithms(knownTypes: string[]): string[] {
  const all = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
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
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
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

  constructor(private readonly options: SshConnectionOptions) {}

  /** Key exchanges so far: 1 after connecting, one more per re-key. */
  get keyExchanges(): number {
    return this.exchanges;
  }

  get closed(): boolean {
    return this.closedBy !== null;
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
          this.client.end();
          reject(error);
        } else resolve();
      };
      this.client.once('ready', () => {
        this.options.onAuthenticated?.(auth.toRemember());
        settle();
      });
      this.client.on('error', (error) => {
        const level = (error as { level?: string }).level;
        if (this.settled) return;
        if (this.closedBy === 'cancel' || auth.cancelled) return settle(new Cancelled());
        if (this.hostKeyRefusal) return settle(this.hostKeyRefusal);
        if (level === 'client-authentication') return settle(authFailedError(endpoint, auth.describeTried(), auth.serverMethods));
        settle(describeConnectError(error, endpoint));
      });
      this.client.on('close', () => {
        if (!this.settled) return settle(this.closedBy === 'cancel' || auth.cancelled ? new Cancelled() : describeConnectError(new Error('the server closed the connection'), endpoint));
        const reason = this.closedBy ?? 'The connection was closed.';
        this.closedBy ??= reason;
        for (const listener of this.closeListeners) listener(reason);
        this.closeListeners.clear();
      });

      const limit = this.options.readyTimeoutMs ?? 20_000;
      this.handshakeTimer = setTimeout(() => {
        settle(new AppError('timeout', `${endpoint.host}:${endpoint.port} did not complete the SSH handshake within ${Math.round(limit / 1000)} s. Check the address and port, and any firewall in between.`));
        this.client.destroy();
      }, limit);
      void this.start().catch((error: unknown) => settle(describeConnectError(error, endpoint)));
    });
  }

  /** Ends the connection (or the attempt); a pending connect() rejects with Cancelled. */
  close(): void {
    this.closedBy ??= 'cancel';
    clearTimeout(this.handshakeTimer);
    this.client.end();
  }

  private async start(): Promise<void> {
    const { endpoint, auth } = this.options;
    let knownTypes: string[] = [];
    try {
      knownTypes = (await this.options.hostKeys.preferredKeyTypes?.(endpoint.host, endpoint.port)) ?? [];
    } catch {
      // Unreadable known_hosts: the check itself will report it.
    }
    if (this.closedBy) return;
    this.client.connect({
      host: endpoint.host,
      port: endpoint.port,
      username: endpoint.username,
      // ssh2's own limit would also run while the user reads a fingerprint or
      // types a password; Warren times only the network part (handshakeTimer).
      readyTimeout: 0,
      keepaliveInterval: this.options.keepaliveIntervalMs ?? 30_000,
      keepaliveCountMax: this.options.keepaliveCountMax ?? 3,
      // Runs at every key exchange and before any authentication: no
      // credential leaves the machine until this has said yes.
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => this.verifyHostKey(key, verify),
      authHandler: auth.handler,
      algorithms: { serverHostKey: hostKeyAlgorithms(knownTypes) },
    } as ssh2.ConnectConfig);
  }

  private verifyHostKey(key: Buffer, verify: (ok: boolean) => void): void {
    const { endpoint } = this.options;
    // The server has answered: from here on, waits are the user's or the server's policy.
    clearTimeout(this.handshakeTimer);
    this.exchanges += 1;
    if (this.verifiedKey) {
      // A re-key: the same key needs no new question; a different one ends the connection.
      if (this.verifiedKey.equals(key)) return verify(true);
      this.hostKeyRefusal = new AppError('host-key-changed', `The server at ${endpoint.host}:${endpoint.port} presented a different host key during a re-key. Warren disconnected: someone may be intercepting the connection.`);
      this.closedBy ??= this.hostKeyRefusal.message;
      return verify(false);
    }
    this.options.hostKeys.check(endpoint.host, endpoint.port, key).then(
      (refusal) => {
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
