// One connection and its interactive shell. The session owns the ssh2 Client
// and the shell channel: close() releases both, whatever state it is in.
import { StringDecoder } from 'node:string_decoder';
import ssh2, { type ClientChannel, type AuthenticationType } from 'ssh2';
import type { SessionStateEvent } from '../ipc/contract';
import { AppError } from '../app/app-error';
import { authFailedError, describeConnectError, type Endpoint } from './connect-errors';
import type { Credential } from './credentials';

export interface HostKeyCheck {
  /** Resolves null when the key is trusted, or the reason it is not. */
  check(host: string, port: number, key: Buffer): Promise<AppError | null>;
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
  credential: Credential;
  hostKeys: HostKeyCheck;
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
type AuthStep = { type: 'none'; username: string } | { type: 'password'; username: string; password: string } | { type: 'publickey'; username: string; key: Buffer };

export class TerminalSession implements SessionHandle {
  private readonly client = new ssh2.Client();
  private shell: ClientChannel | null = null;
  private phase: Phase = 'idle';
  private unacked = 0;
  private paused = false;
  private exitCode: number | null = null;
  private exitSignal: string | null = null;
  private hostKeyRefusal: AppError | null = null;

  constructor(
    private readonly options: TerminalSessionOptions,
    private readonly sink: SessionSink,
  ) {}

  get state(): Phase {
    return this.phase;
  }

  start(): void {
    if (this.phase !== 'idle') return;
    this.phase = 'connecting';
    const { endpoint, credential } = this.options;
    this.sink.state({ state: 'connecting', message: `Connecting to ${endpoint.username}@${endpoint.host}:${endpoint.port}…` });

    const steps: AuthStep[] = [{ type: 'none', username: endpoint.username }];
    let tried = 'any credential (none is configured)';
    if (credential.type === 'key') {
      steps.push({ type: 'publickey', username: endpoint.username, key: credential.privateKey });
      tried = `the key ${credential.keyPath}`;
    } else if (credential.password !== undefined) {
      steps.push({ type: 'password', username: endpoint.username, password: credential.password });
      tried = 'the saved password';
    } else {
      tried = 'a password, because none is saved for this host (edit the host to enter one)';
    }
    let offered: string[] | null = null;

    this.client.once('ready', () => this.openShell());
    this.client.on('error', (error) => {
      const level = (error as { level?: string }).level;
      if (this.hostKeyRefusal) return this.fail(this.hostKeyRefusal);
      if (level === 'client-authentication') return this.fail(authFailedError(endpoint, tried, offered));
      this.fail(describeConnectError(error, endpoint));
    });
    this.client.on('close', () => this.ended('The connection was closed.'));

    this.client.connect({
      host: endpoint.host,
      port: endpoint.port,
      username: endpoint.username,
      readyTimeout: this.options.readyTimeoutMs ?? 20_000,
      keepaliveInterval: 30_000,
      keepaliveCountMax: 3,
      // Runs before any authentication: no credential leaves the machine
      // until this has said yes.
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        this.options.hostKeys.check(endpoint.host, endpoint.port, key).then(
          (refusal) => {
            this.hostKeyRefusal = refusal;
            verify(refusal === null);
          },
          (error: unknown) => {
            this.hostKeyRefusal = new AppError('host-key-error', `Could not check the host key: ${(error as Error).message}`);
            verify(false);
          },
        );
      },
      authHandler: (methodsLeft: AuthenticationType[] | null, _partial: boolean | null, next: (step: AuthStep | false) => void) => {
        if (methodsLeft) offered = [...methodsLeft];
        let step = steps.shift();
        // Skip what the server has said it will not take.
        while (step && step.type !== 'none' && offered && !offered.includes(step.type)) step = steps.shift();
        next(step ?? false);
      },
    } as ssh2.ConnectConfig);
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
    if (this.phase === 'ended') return;
    this.phase = 'ended';
    this.sink.state({ state: 'failed', code: error.code, message: error.message });
    this.client.end();
  }

  private ended(message: string): void {
    if (this.phase === 'ended') return;
    this.phase = 'ended';
    this.sink.state({ state: 'closed', message, exitCode: this.exitCode, signal: this.exitSignal });
    this.shell?.close();
    this.client.end();
  }
}
