// Test helpers for key tools: a real tiny or read-only file system (tmpfs),
// and an sshd whose SFTP home is a temp folder that sshd also reads keys from,
// so "copy the key, then log in with it" is checked end to end.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import { AppError } from '../src-main/errors/app-error';
import type { HostKeyCheck } from '../src-main/host-keys/host-key-check';
import { connectSftp, type Connected } from './sftp-fixture';
import { keygen, startSshd, type Sshd } from './sshd';

export const isRoot = process.getuid?.() === 0;

/**
 * A tmpfs mounted on a new temp folder (e.g. 'size=4k', 'ro'), or null where
 * this machine does not allow mounting (only root with CAP_SYS_ADMIN can).
 */
export function tmpfs(options: string): string | null {
  if (!isRoot) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

export function unmount(dir: string | null): void {
  if (!dir) return;
  execFileSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
}

/** Accepts exactly the host key of this sshd. */
export function pinnedHostKey(sshd: Sshd): HostKeyCheck {
  const parsed = ssh2.utils.parseKey(readFileSync(`${sshd.hostKeyPath}.pub`));
  if (parsed instanceof Error) throw parsed;
  const expected = parsed.getPublicSSH();
  return { check: async (_host, _port, key) => (key.equals(expected) ? null : new AppError('host-key-changed', 'This is not the test server\'s host key.')) };
}

export interface CopyIdServer {
  sshd: Sshd;
  /** What SFTP's realpath('.') answers: the "remote home" of copy-id. */
  home: string;
  /** A logged-in connection (fixture key, not in `home`). */
  conn: Connected;
  endpoint: { host: string; port: number; username: string };
  stop(): Promise<void>;
}

/**
 * sshd serves only SFTP, started in `home` (internal-sftp -d), and reads keys
 * from the fixture's own file and from `home`/.ssh/authorized_keys. The
 * fixture's session HOME (SetEnv) is not what SFTP sees, and %h would be the
 * account's real home, which a test must never touch: hence absolute paths.
 */
export async function startCopyIdServer(sftpFlags = ''): Promise<CopyIdServer> {
  const base = mkdtempSync(path.join(os.tmpdir(), 'warren-copy-id-'));
  const home = path.join(base, 'home');
  mkdirSync(home, { mode: 0o700 });
  const clientKeyPath = path.join(base, 'client');
  keygen(clientKeyPath);
  writeFileSync(path.join(base, 'client_keys'), readFileSync(`${clientKeyPath}.pub`));
  const user = os.userInfo().username;
  const sshd = await startSshd({
    clientKeyPath,
    // Lines outside a Match block are set once, first value wins; inside one they override.
    config: [`Match User ${user}`, `AuthorizedKeysFile ${path.join(base, 'client_keys')} ${path.join(home, '.ssh', 'authorized_keys')}`, `ForceCommand internal-sftp ${sftpFlags} -d ${home}`],
  });
  const conn = await connectSftp(sshd);
  return {
    sshd,
    home,
    conn,
    endpoint: { host: '127.0.0.1', port: sshd.port, username: sshd.user },
    stop: async () => {
      conn.close();
      await sshd.stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
