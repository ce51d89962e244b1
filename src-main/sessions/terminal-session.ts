// One connection and its interactive shell. The session owns the ssh2 Client
// and the shell channel: close() releases both, whatever state it is in.
import { StringDecoder } from 'node:string_decoder';
import ssh2, { type ClientChannel } from 'ssh2';
import type { HostKeyChange, SessionStateEvent } from '../ipc/contract';
import { AppError } from '../app/app-error';
import { authFailedError, describeConnectError, type Endpoint } from './connect-errors';
import type { AuthPlan } from './auth-plan';

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

export type SessionStateUpdate = Omit<SessionStateEvent, 'sessionId'>;

export interface SessionSink {
  data(chunk: string): void;
  state(event: SessionStateUpdate): void;
}

/** What the service needs of a session, whether connecting or connected. */
export interface SessionHandle {
  write(data: string): void;
  resize(cols: number, rows: number): void;
  ack(chars: number): void;
  close(): void;
}

export interface TerminalSessionOptions {
  endpoint: Endpoint;
  auth: AuthPlan;
  hostKeys: HostKeyCheck;
  /** Called once authentication succeeded, with secrets the user asked to remember. */
  onAuthenticated?: (remember: { password?: string; passphrase?: string }) => void;
  cols: number;
  rows: number;
  readyTimeoutMs?: number;
}

/**
 * Flow control, counted in UTF-16 code units as the renderer receives them:
 * above HIGH unacknowledged the channel is paused, so a `yes` or `cat` of a
 * huge file waits for the terminal instead of filling main's memory.
 */
export const FLOW_HIGH_WATER = 512 * 1024;
export const FLOW_LOW_WATER = 64 * 1024;

type Phase = 'idle' | 'connecting' | 'connected' | 'ended';

export class TerminalSession implements SessionHandle {
  private readonly client = new ssh2.Client();
  private shell: ClientChannel | null = null;
  private phase: Phase = 'idle';
  private unacked = 0;
  private paused = false;
  private exitCode: number | null = null;
  private exitSignal: string | null = null;
  private hostKeyRefusal: AppError | null = null;
  /** The key verified at the first key exchange; a re-key must present the same one. */
  private verifiedKey: Buffer | null = null;
  private handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  private exchanges = 0;

  constructor(
    private readonly options: TerminalSessionOptions,
    private readonly sink: SessionSink,
  ) {}

  get state(): Phase {
    return this.phase;
  }

  /** Key exchanges so far: 1 after connecting, one more per re-key. */
  get keyExchanges(): number {
    return this.exchanges;
  }

  start(): void {
    if (this.phase !== 'idle') return;
    this.phase = 'connecting';
    const { endpoint, auth } = this.options;
    this.sink.state({ state: 'connecting', message: `Connecting to ${endpoint.username}@${endpoint.host}:${endpoint.port}…` });

    this.client.once('ready', () => {
      this.options.onAuthenticated?.(auth.toRemember());
      this.openShell();
    });
    this.client.on('error', (error) => {
      const level = (error as { level?: string }).level;
      if (this.hostKeyRefusal) return this.fail(this.hostKeyRefusal);
      if (auth.cancelled) return this.ended('Cancelled.');
      if (level === 'client-authentication') return this.fail(authFailedError(endpoint, auth.describeTried(), auth.serverMethods));
      this.fail(describeConnectError(error, endpoint));
    });
    this.client.on('close', () => this.ended('The connection was closed.'));

    const limit = this.options.readyTimeoutMs ?? 20_000;
    this.handshakeTimer = setTimeout(() => {
      this.fail(new AppError('timeout', `${endpoint.host}:${endpoint.port} did not complete the SSH handshake within ${Math.round(limit / 1000)} s. Check the address and port, and any firewall in between.`));
      this.client.destroy();
    }, limit);
    void this.connect();
  }

  private async connect(): Promise<void> {
    const { endpoint, auth } = this.options;
    let knownTypes: string[] = [];
    try {
      knownTypes = (await this.options.hostKeys.preferredKeyTypes?.(endpoint.host, endpoint.port)) ?? [];
    } catch {
      // Unreadable known_hosts: the check itself will report it.
    }
    if (this.phase !== 'connecting') return;
    this.client.connect({
      host: endpoint.host,
      port: endpoint.port,
      username: endpoint.username,
      // ssh2's own limit would also run while the user reads a fingerprint or
      // types a password; Warren times only the network part (handshakeTimer).
      readyTimeout: 0,
      keepaliveInterval: 30_000,
      keepaliveCountMax: 3,
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
      return verify(false);
    }
    this.options.hostKeys.check(endpoint.host, endpoint.port, key).then(
      (refusal) => {
        if (this.phase === 'ended') return verify(false);
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

  write(data: string): void {
    this.shell?.write(data);
  }

  resize(cols: number, rows: number): void {
    this.options.cols = cols;
    this.options.rows = rows;
    this.shell?.setWindow(rows, cols, 0, 0);
  }

  /** The renderer has drawn `chars` more characters. */
  ack(chars: number): void {
    this.unacked = Math.max(0, this.unacked - chars);
    if (this.paused && this.unacked <= FLOW_LOW_WATER) {
      this.paused = false;
      this.shell?.resume();
    }
  }

  close(): void {
    if (this.phase === 'ended') return;
    const wasConnecting = this.phase === 'connecting' || this.phase === 'idle';
    this.ended(wasConnecting ? 'Cancelled.' : 'Closed.');
  }

  private openShell(): void {
    if (this.phase !== 'connecting') return;
    this.client.shell({ term: 'xterm-256color', cols: this.options.cols, rows: this.options.rows }, (error, stream) => {
      if (error) return this.fail(new AppError('shell-refused', `The server refused to start a shell: ${error.message}.`));
      if (this.phase !== 'connecting') return stream.close();
      this.shell = stream;
      this.phase = 'connected';
      this.sink.state({ state: 'connected' });
      const decoder = new StringDecoder('utf8');
      const forward = (chunk: Buffer) => {
        const text = decoder.write(chunk);
        if (!text) return;
        this.unacked += text.length;
        this.sink.data(text);
        if (!this.paused && this.unacked > FLOW_HIGH_WATER) {
          this.paused = true;
          stream.pause();
        }
      };
      stream.on('data', forward);
      stream.stderr.on('data', forward);
      stream.on('exit', (code: number | null, signal?: string) => {
        this.exitCode = typeof code === 'number' ? code : null;
        this.exitSignal = signal ?? null;
      });
      stream.on('close', () => {
        const status =
          this.exitSignal ? `The shell was ended by signal ${this.exitSignal}.`
          : this.exitCode !== null ? `The shell exited with status ${this.exitCode}.`
          : 'The shell closed.';
        this.ended(status);
      });
    });
  }

  private fail(error: AppError): void {
    clearTimeout(this.handshakeTimer);
    if (this.phase === 'ended') return;
    this.phase = 'ended';
    const change = error instanceof HostKeyRefusal ? error.change : undefined;
    this.sink.state({ state: 'failed', code: error.code, message: error.message, ...(change ? { hostKeyChange: change } : {}) });
    this.client.end();
  }

  private ended(message: string): void {
    clearTimeout(this.handshakeTimer);
    if (this.phase === 'ended') return;
    this.phase = 'ended';
    this.sink.state({ state: 'closed', message, exitCode: this.exitCode, signal: this.exitSignal });
    this.shell?.close();
    this.client.end();
  }
}
