// One interactive shell on a leased connection (shared with the host's other
// tabs, or its own): close() ends the shell and releases the lease, whatever
// state it is in.
import type { ErrorCode } from '../../src-shared/errors';
import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel, ExecOptions, ShellOptions } from 'ssh2';
import type { SessionStateEvent } from '../../src-shared/contract';
import { AppError } from '../errors/app-error';
import { Cancelled, type SshConnection, type SshConnectionOptions } from '../connections/ssh-connection';
import { soloLease, type ConnectionLease } from '../connections/connection-pool';
import type { Endpoint } from '../connections/connect-errors';
import { HostKeyRefusal } from '../host-keys/host-key-check';
import type { ConnectionLog } from '../connections/connection-log';
import { seconds, withDeadline } from '../connections/deadline';
import { endedMessage, OutputTail, RIGHT_AFTER_LOGIN_MS } from './session-end';
import { OutputBatcher } from './output-batcher';
import { capWindow, limitReadBuffer, openWithWindow } from '../ssh2-internals/ssh2-internals';
import { FlowBudget } from './flow-budget';
import { rendererQueue, rendererWindow } from './renderer-queue';
import { crlfLines, LOGIN_SHELL, type SessionRequest } from './session-request';
import { LineDiscipline } from './line-discipline';

export type SessionStateUpdate = Omit<SessionStateEvent, 'sessionId'>;

export interface SessionSink {
  /** Raw output bytes (UTF-8 as the server sent it, possibly split mid-character), coalesced. */
  data(bytes: Uint8Array): void;
  state(event: SessionStateUpdate): void;
}

/** What the service needs of a session, whether connecting or connected. */
export interface SessionHandle {
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** `rate`: the renderer's own measure of how fast it draws (bytes per ms), when it has one. */
  ack(bytes: number, rate?: number): void;
  close(): void;
}

/** Either the options for a connection of its own, or a lease on one (from the pool) and where it leads. */
export type TerminalSessionOptions = (SshConnectionOptions | { lease: ConnectionLease; endpoint: Endpoint }) & {
  cols: number;
  rows: number;
  /** Stay open through a drop: a new shell on the connection the pool logs in again (Reconnect automatically). */
  followDrops?: boolean;
  /** SetEnv/SendEnv values, RemoteCommand and RequestTTY of the saved host; absent: a login shell with a pty. */
  request?: SessionRequest | undefined;
};

/**
 * Flow control, counted in bytes of output not yet drawn (sent or still
 * batched): above HIGH the channel is paused, so a `yes` or `cat` of a huge
 * file waits for the terminal instead of filling main's memory; below LOW it
 * resumes. The window is small on purpose: whatever is in it must be drawn
 * before the prompt that follows a Ctrl+C, and `yes` is two bytes a line, so
 * 1 MiB was half a million lines to scroll (bench renderer, same load:
 * Ctrl+C 670 → 443 ms at 256 KiB, throughput unchanged; 4 MiB made it 2 s).
 * These are the most: once the drawing rate is known, HIGH is about
 * QUEUE_MS of drawing (flow-budget.ts; 64 KiB at least) and LOW half of it,
 * so slow text (`yes`) keeps only ~0.1 s ahead of a prompt while fast text
 * (base64) keeps the full 256 KiB. The window is sized from the same rate.
 */
export const FLOW_HIGH_WATER = 256 * 1024;
export const FLOW_LOW_WATER = 128 * 1024;
/** The renderer holds less than this undrawn: batched output goes at once (output-batcher.ts). */
const HUNGRY_BELOW = 32 * 1024;
/** What a paused channel may hold in its stream before ssh2 stops opening the window. */
const PAUSED_READ_BUFFER = 16 * 1024;
/**
 * The most output the server may have in flight to a terminal (ssh2 grants
 * 2 MiB): everything in it is drawn before the prompt after a Ctrl+C. At
 * 100 ms round trip it still carries 5 MB/s, more than xterm.js draws here.
 */
const TERMINAL_WINDOW = 512 * 1024;

type Phase = 'idle' | 'connecting' | 'connected' | 'ended';

export class TerminalSession implements SessionHandle {
  private readonly lease: ConnectionLease;
  private connection: SshConnection | null = null;
  readonly log: ConnectionLog;
  private shell: ClientChannel | null = null;
  private phase: Phase = 'idle';
  private unacked = 0;
  private paused = false;
  /** How much output may be in flight, from how fast the renderer draws. */
  private readonly budget = new FlowBudget();
  /** How fast the renderer says it draws (bytes per ms); fast text may queue more than FLOW_HIGH_WATER. */
  private rendererRate: number | undefined;
  /** Brings ssh2's count of the shell's window down to the smaller one it was opened with. */
  private fixOpenWindow: ((channel: ClientChannel) => void) | null = null;
  private exitCode: number | null = null;
  private exitSignal: string | null = null;
  /** The last output, to quote when the server ends the session before the user typed anything. */
  private readonly tail = new OutputTail();
  private typed = false;
  /** The local line editing of a session without a pty (as `ssh -T` gets from the local tty); null with a pty. */
  private cooked: LineDiscipline | null = null;
  private shellStarted = 0;
  private readonly output: OutputBatcher;

  constructor(
    private readonly options: TerminalSessionOptions,
    private readonly sink: SessionSink,
  ) {
    this.lease = 'lease' in options ? options.lease : soloLease(options);
    this.log = this.lease.log;
    // Sent and not yet drawn, below one of the renderer's write slices: it is about to wait for more.
    const hungry = () => this.unacked - this.output.pending < HUNGRY_BELOW;
    this.output = new OutputBatcher((bytes) => this.sink.data(bytes), undefined, hungry);
  }

  get state(): Phase {
    return this.phase;
  }

  /** The connection under the shell, for side requests on it (where the shell is, for Open files here). */
  get sshConnection(): SshConnection {
    if (!this.connection) throw new AppError('not-connected', 'This terminal is not connected. Reconnect it first.');
    return this.connection;
  }

  /** Key exchanges so far: 1 after connecting, one more per re-key. */
  get keyExchanges(): number {
    return this.connection?.keyExchanges ?? 0;
  }

  start(): void {
    if (this.phase !== 'idle') return;
    this.phase = 'connecting';
    const { endpoint } = this.options;
    this.sink.state({ state: 'connecting', message: `Connecting to ${endpoint.username}@${endpoint.host}:${endpoint.port}…` });
    this.lease.ready.then(
      (connection) => {
        this.connection = connection;
        if (this.options.followDrops) this.follow();
        this.lease.onClose((reason) => {
          if (reason === 'cancel') return this.ended('Closed.');
          // The shell said how it ended (its exit status came before the connection closed): that is the reason.
          if (this.shell && (this.exitCode !== null || this.exitSignal !== null)) return this.shellEnded();
          // Not closed by us: the link went away (auto-reconnect may try again).
          this.ended(this.rightAfterLogin() ? endedMessage({ code: null, signal: null, said: this.tail.text(), lost: reason }) : reason, 'connection-lost');
        });
        this.openShell();
      },
      (error: unknown) => {
        if (error instanceof Cancelled) return this.ended('Cancelled.');
        this.fail(error instanceof AppError ? error : new AppError('connect-failed', String(error)));
      },
    );
  }

  /** Through a drop the tab says so and keeps its place; the pool's new connection gets a new shell. */
  private follow(): void {
    this.lease.follow({
      lost: (reason, attempt, retryInMs) => {
        if (this.phase === 'ended') return;
        // The shell said how it ended before the link went: that is the end, not a drop.
        if (attempt === 0 && this.shell && (this.exitCode !== null || this.exitSignal !== null)) return this.shellEnded();
        this.detachShell();
        this.connection = null;
        this.phase = 'connecting';
        const { host } = this.options.endpoint;
        const said = attempt === 0 ? `The connection to ${host} was lost (${reason.replace(/\.$/, '')}).` : `Reconnect attempt ${attempt} failed: ${reason}`;
        this.sink.state({ state: 'connecting', code: 'connection-lost', message: `${said} Reconnecting…`, ...(retryInMs !== null ? { reconnect: { inMs: retryInMs, attempt: attempt + 1 } } : {}) });
      },
      back: (connection) => {
        if (this.phase !== 'connecting') return;
        this.connection = connection;
        this.openShell();
      },
      gaveUp: (error, attempts) => {
        // A changed host key keeps its details for the tab's notice.
        this.fail(attempts === null ? error : new AppError(error.code, `${error.message} Reconnect to try again.`));
      },
    });
  }

  /** Forgets the shell of a dropped connection, so its late events do not end the session. */
  private detachShell(): void {
    const shell = this.shell;
    this.shell = null;
    if (shell) {
      shell.removeAllListeners('data');
      shell.stderr.removeAllListeners('data');
      shell.removeAllListeners('close');
      shell.removeAllListeners('exit');
      shell.on('error', () => {});
    }
    this.unacked = 0;
    if (this.paused) this.paused = false;
    this.exitCode = null;
    this.exitSignal = null;
  }

  write(data: string): void {
    if (!this.shell) return;
    this.typed = true;
    if (!this.cooked) return void this.shell.write(data);
    // Without a pty nothing remote echoes or edits: the line is edited here and sent on Enter.
    const input = this.cooked.feed(data);
    if (input.echo) this.show(Buffer.from(input.echo));
    if (input.send) this.shell.write(input.send);
    if (input.interrupt) this.shell.signal('INT');
    if (input.eof) this.shell.end();
  }

  private get request(): SessionRequest {
    return this.options.request ?? LOGIN_SHELL;
  }

  resize(cols: number, rows: number): void {
    this.options.cols = cols;
    this.options.rows = rows;
    this.shell?.setWindow(rows, cols, 0, 0);
  }

  /** Output main holds for this session and has not sent yet: in the channel's stream and the batch. */
  get held(): number {
    return (this.shell?.readableLength ?? 0) + this.output.pending;
  }

  /** The renderer has drawn `bytes` more bytes. */
  ack(bytes: number, rate?: number): void {
    if (rate !== undefined) this.rendererRate = rate;
    // Still undrawn after this ack (sent, not batched): the renderer never ran dry, so the sample is its rate.
    const undrawn = this.unacked - bytes - this.output.pending;
    this.budget.drew(bytes, this.paused && undrawn > 0);
    this.unacked = Math.max(0, this.unacked - bytes);
    if (this.paused && this.unacked <= this.queueLimit() / 2) {
      this.paused = false;
      this.shell?.resume();
    }
  }

  /**
   * The server's window: BUDGET_MS of drawing, by main's measure or the
   * renderer's, whichever is larger (as for the queue). Main measures only
   * while the renderer is behind and the page parses in bursts (paced-writer.ts),
   * so its samples ran low: a base64 flood drawn at 4 MB/s got a 44 KiB
   * window, the server stalled on it between bursts and xterm.js waited for
   * data (a flow trace of the bench renderer's base64 flood). The renderer's own rate
   * drops at once on slow text, so Ctrl+C during `yes` still finds a small window.
   */
  private windowLimit(): number {
    return Math.max(this.budget.bytes(TERMINAL_WINDOW), rendererWindow(this.rendererRate, TERMINAL_WINDOW));
  }

  /** Unacknowledged output above which the channel pauses: QUEUE_MS of drawing, by main's measure or the renderer's. */
  private queueLimit(): number {
    return Math.max(this.budget.queue(FLOW_HIGH_WATER), rendererQueue(this.rendererRate));
  }

  close(): void {
    if (this.phase === 'ended') return;
    const wasConnecting = this.phase === 'connecting' || this.phase === 'idle';
    this.ended(wasConnecting ? 'Cancelled.' : 'Closed.');
  }

  private openShell(): void {
    const connection = this.connection;
    if (this.phase !== 'connecting' || !connection) return;
    const shellOptions = { term: 'xterm-256color', cols: this.options.cols, rows: this.options.rows };
    const ms = connection.replyTimeoutMs;
    const { host } = this.options.endpoint;
    // ssh2 asks the server for agent forwarding per session channel.
    const agentForward = Boolean(this.lease.options?.agentForward);
    // Opened with the budget's window (START_BYTES before any drawing was measured), not ssh2's 2 MiB: the first seconds of a flood are when Ctrl+C comes.
    const { env, command, pty } = this.request;
    const channelOptions = { agentForward, ...(Object.keys(env).length > 0 ? { env } : {}) };
    const start = (done: (error: Error | undefined, stream: ClientChannel) => void) =>
      command !== null
        ? connection.client.exec(command, { ...channelOptions, pty: pty ? shellOptions : false } as ExecOptions, done)
        : connection.client.shell(pty ? shellOptions : false, channelOptions as ShellOptions, done);
    const open = (done: (error: Error | undefined, stream: ClientChannel) => void) => {
      this.fixOpenWindow = openWithWindow(connection.client, this.windowLimit(), () => start(done));
    };
    withDeadline<ClientChannel>(open, {
      ms,
      signal: connection.signal,
      timeout: () => new AppError('timeout', `${host} accepted the login but did not start a shell within ${seconds(ms)}. The server may be overloaded; try again, and if it keeps happening check the server's log.`),
      late: (stream) => stream.close(),
    }).then(
      (stream) => this.attach(stream),
      (error: unknown) => {
        // Closed by the user or dropped: the connection's own listener has said so.
        if (error instanceof AppError && (error.code === 'cancelled' || error.code === 'connection-lost')) return;
        if (error instanceof AppError) return this.fail(error);
        if (connection.closed) return;
        this.fail(new AppError('shell-refused', `The server refused to start a shell: ${(error as Error).message}.`));
      },
    );
  }

  private attach(stream: ClientChannel): void {
    if (this.phase !== 'connecting') return void stream.close();
    this.shell = stream;
    this.cooked = this.request.pty ? null : new LineDiscipline();
    // Paused, ssh2 would keep opening its 2 MiB window until 2 MiB sat in
    // the stream, with 2 MiB more in flight: all of it drawn before the
    // prompt after a Ctrl+C. Limited, only the window left comes (bench
    // renderer, same load: Ctrl+C during `yes` 1.27 s → 0.67 s, same throughput).
    limitReadBuffer(stream, PAUSED_READ_BUFFER);
    this.fixOpenWindow?.(stream);
    this.fixOpenWindow = null;
    capWindow(stream, () => this.windowLimit());
    this.shellStarted = Date.now();
    this.phase = 'connected';
    this.sink.state({ state: 'connected' });
    // Text only for the tail quoted when the server ends the session right
    // after login; the renderer gets the bytes (xterm.js decodes UTF-8 itself).
    const decoder = new StringDecoder('utf8');
    // Without a pty the server sends bare newlines; the terminal needs CR LF to start each line at the left.
    const lines = this.request.pty ? null : crlfLines();
    const forward = (raw: Buffer) => {
      if (raw.length === 0 || this.phase === 'ended') return;
      const chunk = lines ? lines(raw) : raw;
      if (!this.typed) this.tail.add(decoder.write(chunk));
      this.show(chunk);
      if (!this.paused && this.unacked > this.queueLimit()) {
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
    stream.on('close', () => this.shellEnded());
  }

  /** Bytes for the terminal to draw, counted until the renderer says it drew them. */
  private show(bytes: Buffer): void {
    this.unacked += bytes.length;
    this.output.push(bytes);
  }

  /** The shell started moments ago and the user has not typed: the end is the server's doing. */
  private rightAfterLogin(): boolean {
    return this.shell !== null && !this.typed && Date.now() - this.shellStarted < RIGHT_AFTER_LOGIN_MS;
  }

  /** The shell's channel closed: say how, quoting the server when it ended the session before the user typed. */
  private shellEnded(): void {
    // The host's RemoteCommand ending is the expected end, however soon: say how it ended, not "the server ended the session".
    if (this.request.command !== null) {
      const how = this.exitSignal ? `was ended by signal ${this.exitSignal}` : this.exitCode !== null ? `exited with status ${this.exitCode}` : 'closed';
      return this.ended(`The remote command ${how}.`);
    }
    if (this.rightAfterLogin()) return this.ended(endedMessage({ code: this.exitCode, signal: this.exitSignal, said: this.tail.text(), lost: null }));
    const status =
      this.exitSignal ? `The shell was ended by signal ${this.exitSignal}.`
      : this.exitCode !== null ? `The shell exited with status ${this.exitCode}.`
      : 'The shell closed.';
    this.ended(status);
  }

  private fail(error: AppError): void {
    if (this.phase === 'ended') return;
    this.phase = 'ended';
    this.output.dispose();
    const change = error instanceof HostKeyRefusal ? error.change : undefined;
    this.sink.state({ state: 'failed', code: error.code, message: error.message, ...(change ? { hostKeyChange: change } : {}) });
    this.shell?.close();
    this.lease.release();
  }

  private ended(message: string, code?: ErrorCode): void {
    if (this.phase === 'ended') return;
    this.phase = 'ended';
    // The shell's last words (`logout`, an error) before the state that ends the tab.
    this.output.flush();
    this.output.dispose();
    this.sink.state({ state: 'closed', message, exitCode: this.exitCode, signal: this.exitSignal, ...(code ? { code } : {}) });
    this.shell?.close();
    this.lease.release();
  }
}
