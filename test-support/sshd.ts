// Test fixture: a real OpenSSH sshd on 127.0.0.1 with a random port, its own
// host key, authorized_keys and config in a temp dir, run as the current user
// (root in CI or not). Nothing outside the temp dir is touched, except that
// sshd needs /run/sshd to exist when run as root.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const SSHD_PATH = process.env.SSHD_PATH ?? '/usr/sbin/sshd';

export interface Sshd {
  port: number;
  user: string;
  dir: string;
  /** The HOME that sessions on this server get (empty, with a plain .bashrc). */
  home: string;
  /** A private key (Ed25519, no passphrase) that the server accepts. */
  clientKeyPath: string;
  hostKeyPath: string;
  /** Everything sshd has written to stderr so far (LogLevel VERBOSE). */
  log(): string;
  stop(): Promise<void>;
}

export interface SshdOptions {
  /** Extra sshd_config lines, appended. */
  config?: string[];
  /** Reuse an existing host key (to simulate the same server restarting). */
  hostKeyPath?: string;
  /** Accept this existing client key instead of making one (its .pub must sit beside it). */
  clientKeyPath?: string;
  port?: number;
  /**
   * The SFTP server: sshd's built-in one (the default), or a program such as
   * /usr/lib/openssh/sftp-server, which sshd starts through the account's
   * login shell (`$SHELL -c …`), so the shell's start-up files run first.
   */
  sftpServer?: string;
}

/** OpenSSH's external SFTP server on Debian and Ubuntu. */
export const SFTP_SERVER_PATH = '/usr/lib/openssh/sftp-server';

export function keygen(file: string, type = 'ed25519', passphrase = '', comment = 'warren-test'): void {
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-C', comment, '-f', file], { stdio: 'ignore' });
}

/**
 * Signs `key`'s public half (`<key>.pub`) with the CA private key `ca`
 * (ssh-keygen -s) and the other ssh-keygen arguments given (-h, -I, -n, -V,
 * -t…); answers the certificate's path, `<key>-cert.pub`. Under TZ=UTC:
 * ssh-keygen reads and prints -V times in local time, and tests assert UTC ones.
 */
export function signKey(ca: string, key: string, args: readonly string[]): string {
  execFileSync('ssh-keygen', ['-q', '-s', ca, ...args, `${key}.pub`], { stdio: 'pipe', env: { ...process.env, TZ: 'UTC' } });
  return `${key}-cert.pub`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startSshd(options: SshdOptions = {}): Promise<Sshd> {
  if (!existsSync(SSHD_PATH)) throw new Error(`${SSHD_PATH} not found: install openssh-server (see README)`);
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-sshd-'));
  const hostKeyPath = options.hostKeyPath ?? path.join(dir, 'host_ed25519');
  if (!options.hostKeyPath) keygen(hostKeyPath);
  const clientKeyPath = options.clientKeyPath ?? path.join(dir, 'client_ed25519');
  if (!options.clientKeyPath) keygen(clientKeyPath);
  writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(`${clientKeyPath}.pub`), { mode: 0o600 });
  const user = os.userInfo().username;
  // Sessions get a HOME of their own, so the account's shell start-up files
  // (which may run slow or lock-taking tools, e.g. pyenv's rehash) and its
  // ~/.ssh play no part in a test.
  const home = path.join(dir, 'home');
  mkdirSync(home, { mode: 0o700 });
  writeFileSync(path.join(home, '.bashrc'), "PS1='\\u@warren-test:\\w\\$ '\n");
  writeFileSync(path.join(home, '.profile'), '. "$HOME/.bashrc"\n');

  for (let attempt = 0; ; attempt++) {
    const port = options.port ?? (await freePort());
    const configPath = path.join(dir, 'sshd_config');
    writeFileSync(
      configPath,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKeyPath}`,
        `PidFile ${path.join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
        `AllowUsers ${user}`,
        'StrictModes no',
        'UsePAM no',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PermitRootLogin prohibit-password',
        'AllowTcpForwarding yes',
        `Subsystem sftp ${options.sftpServer ?? 'internal-sftp'}`,
        'LogLevel VERBOSE',
        `SetEnv HOME=${home}`,
        ...(options.config ?? []),
        '',
      ].join('\n'),
    );
    let log = '';
    const child = spawn(SSHD_PATH, ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const started = await waitForListening(child, () => log, port);
    if (started === 'ok') {
      return {
        port,
        user,
        dir,
        home,
        clientKeyPath,
        hostKeyPath,
        log: () => log,
        stop: () => stopProcess(child).then(() => rmSync(dir, { recursive: true, force: true })),
      };
    }
    if (started === 'port-taken' && attempt < 5 && !options.port) continue;
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`sshd did not start: ${log.trim() || started}`);
  }
}

async function waitForListening(child: ChildProcess, log: () => string, port: number): Promise<'ok' | 'port-taken' | string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (log().includes(`Server listening on 127.0.0.1 port ${port}`)) return 'ok';
    if (child.exitCode !== null || child.signalCode !== null) {
      return /Address already in use/.test(log()) ? 'port-taken' : `exited with ${child.exitCode ?? child.signalCode}`;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  return 'timed out waiting for sshd to listen';
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
