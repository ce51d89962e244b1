// OpenSSH's ProxyCommand: a command run with the user's shell whose stdin and
// stdout carry the SSH connection (`nc %h %p`, `ssh -W %h:%p bastion`,
// `cloudflared access ssh --hostname %h`). Its stderr goes to the connection
// log; it ends with the connection; if it ends first, the error says how.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { Duplex } from 'node:stream';
import { AppError } from '../errors/app-error';
import type { ConnectionLog } from './connection-log';

export interface ProxyTokens {
  /** %h: the target's HostName. */
  host: string;
  /** %p */
  port: number;
  /** %r: the remote user. */
  user: string;
  /** %n: the name the user gave (the alias), before HostName applies. */
  alias: string;
}

/**
 * Expands `%h %p %r %n %%` as ssh_config(5) TOKENS does for ProxyCommand;
 * nothing is quoted that the user did not quote. Any other `%x` is refused,
 * as ssh refuses it ("percent_expand: unknown key").
 */
export function expandProxyCommand(command: string, tokens: ProxyTokens): string {
  const values: Record<string, string> = { '%': '%', h: tokens.host, p: String(tokens.port), r: tokens.user, n: tokens.alias };
  return command.replace(/%(.?)/g, (_all, key: string) => {
    const value = values[key];
    if (value === undefined) {
      throw new AppError('bad-proxy-command', `The proxy command has ${key ? `"%${key}"` : 'a "%" at its end'}, which is not a token ssh knows: use %h, %p, %r, %n, or %% for a literal %.`);
    }
    return value;
  });
}

/** The program and arguments that run `command` as OpenSSH does: `exec` in $SHELL (or /bin/sh), or cmd /c on Windows. */
export function shellInvocation(command: string, platform = process.platform, env = process.env): { file: string; args: string[]; verbatim: boolean } {
  if (platform === 'win32') return { file: env.ComSpec || 'cmd.exe', args: ['/d', '/s', '/c', `"${command}"`], verbatim: true };
  // `exec` as OpenSSH does: the shell becomes the command, so ending it ends the command.
  return { file: env.SHELL || '/bin/sh', args: ['-c', `exec ${command}`], verbatim: false };
}

const STDERR_LINE_MAX = 500;

/**
 * Commands still running. Each runs in its own process group, so nothing
 * ends it when Warren quits: on exit they get the SIGHUP OpenSSH sends too.
 */
const running = new Set<ProxyProcess>();
let exitHook = false;
function track(proxy: ProxyProcess): void {
  running.add(proxy);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const p of running) p.stop();
  });
}
/** How long the command may take to finish after its input closed, before it is stopped. */
const STOP_GRACE_MS = 1000;

/**
 * A running proxy command: `stream` is the SSH transport. It errors with a
 * 'proxy-command-failed' AppError when the command ends on its own (exit code
 * and last stderr line); it simply ends when Warren ended it.
 */
export class ProxyProcess {
  readonly stream: Duplex;
  private readonly child: ChildProcess;
  private lastStderr = '';
  private stopping = false;
  private exited = false;
  private readonly exit: Promise<void>;

  constructor(
    private readonly command: string,
    private readonly log: ConnectionLog,
  ) {
    const { file, args, verbatim } = shellInvocation(command);
    this.log.add(`Proxy command: ${command}`);
    this.child = spawn(file, args, {
      cwd: os.homedir(),
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
      windowsVerbatimArguments: verbatim,
      // Its own process group on POSIX, so a pipeline in the command is stopped as a whole.
      detached: process.platform !== 'win32',
    });
    this.stream = this.makeStream();
    this.readStderr();
    this.exit = new Promise((resolve) => this.child.once('close', () => resolve()));
    this.child.once('exit', () => (this.exited = true));
    this.child.once('error', (error) => {
      this.exited = true;
      this.stream.destroy(new AppError('proxy-command-failed', `Could not start the proxy command with ${file}: ${error.message}.`));
    });
    this.child.once('close', (code, signal) => this.onClose(code, signal));
    this.child.once('close', () => running.delete(this));
    track(this);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resolves once the command has exited and its output is closed. */
  whenExited(): Promise<void> {
    return this.exit;
  }

  /**
   * Ends the command: its input closes now, and whatever is left of it is
   * stopped (SIGHUP, as OpenSSH sends) after `graceMs`, then killed.
   */
  stop(graceMs = 0): void {
    if (this.exited) return;
    this.stopping = true;
    this.child.stdin?.end();
    const hangUp = () => this.signal('SIGHUP');
    if (graceMs > 0) setTimeout(hangUp, graceMs).unref();
    else hangUp();
    setTimeout(() => this.signal('SIGKILL'), graceMs + STOP_GRACE_MS).unref();
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.exited || this.child.pid === undefined) return;
    try {
      if (process.platform === 'win32') this.child.kill(signal);
      else process.kill(-this.child.pid, signal);
    } catch {
      // Already gone.
    }
  }

  private makeStream(): Duplex {
    const { stdin, stdout } = this.child as { stdin: NodeJS.WritableStream & { destroyed?: boolean }; stdout: NodeJS.ReadableStream };
    // EPIPE once the command has died: its exit is what the user needs to hear about.
    this.child.stdin!.on('error', () => {});
    const stream = new Duplex({
      // The command's output ending ends the connection, as a socket's would.
      allowHalfOpen: false,
      write: (chunk: Buffer, _encoding, done) => {
        if (stdin.destroyed) return done();
        if (stdin.write(chunk)) done();
        else stdin.once('drain', () => done());
      },
      final: (done) => {
        // Ending our side is how OpenSSH tells the command that the connection is over.
        this.stopping = true;
        stdin.end();
        done();
      },
      read: () => void stdout.resume(),
      destroy: (error, done) => {
        if (!this.exited) this.stop(STOP_GRACE_MS);
        done(error);
      },
    });
    stdout.on('data', (data: Buffer) => {
      if (!stream.push(data)) stdout.pause();
    });
    return stream;
  }

  private readStderr(): void {
    let partial = '';
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (text: string) => {
      const lines = (partial + text).split(/\r?\n/);
      partial = lines.pop() ?? '';
      for (const line of lines) this.stderrLine(line);
    });
    this.child.stderr!.on('end', () => partial && this.stderrLine(partial));
  }

  private stderrLine(line: string): void {
    const text = line.trimEnd().slice(0, STDERR_LINE_MAX);
    if (!text) return;
    this.lastStderr = text;
    this.log.add(`Proxy command says: ${text}`);
  }

  private onClose(code: number | null, signal: NodeJS.Signals | null): void {
    // It never started: the 'error' handler has said why.
    if (this.stream.destroyed) return;
    const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
    if (this.stopping) {
      this.log.add(`Proxy command ${how}.`);
      this.stream.push(null);
      return;
    }
    const said = this.lastStderr ? `, saying: "${this.lastStderr}"` : ' without a word on stderr';
    const error = new AppError('proxy-command-failed', `The proxy command "${this.command}" ${how}${said}. Check the command in the host's Advanced settings (try it in a terminal).`);
    this.log.add(`Proxy command ${how}${said}.`);
    this.stream.destroy(error);
  }
}
