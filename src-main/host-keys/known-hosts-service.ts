// Host-key trust as OpenSSH does it: known_hosts files decide, the user is
// asked about hosts they do not know (per the host's policy), and a changed or
// revoked key is a hard stop with no way around it but removing the old entry.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { HostKeyPolicy } from '../../src-shared/contract';
import type { Ask } from '../../src-shared/contract/prompts';
import { AppError } from '../errors/app-error';
import { HostKeyRefusal, type HostKeyCheck } from './host-key-check';
import { appendEntry, checkHostKey, formatEntry, knownKeyTypes, parseKnownHosts, removeEntry, type KnownHostsEntry } from './known-hosts';
import { fingerprintSha256, hostPortName, keyType } from './host-key';

export interface KnownHostsSettings {
  /** Files read for trust decisions, as OpenSSH reads them. */
  readFiles: string[];
  /** Warren's own file: new keys are saved here, and it is read too. */
  ownFile: string;
  /** Save host names hashed (HashKnownHosts). */
  hash: boolean;
}

export function defaultKnownHostsSettings(dataDir: string, home = os.homedir()): KnownHostsSettings {
  return {
    readFiles: [path.join(home, '.ssh/known_hosts'), path.join(home, '.ssh/known_hosts2'), '/etc/ssh/ssh_known_hosts'],
    ownFile: path.join(dataDir, 'known_hosts'),
    hash: false,
  };
}

/** OpenSSH's default GlobalKnownHostsFile: still read when a host names its own UserKnownHostsFile. */
const GLOBAL_FILES = ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];

/**
 * One host's UserKnownHostsFile (absolute paths; the first gets new keys) and
 * HostKeyAlias (the key is looked up and saved under this name, without the
 * port, as ssh does).
 */
export interface HostKeyScope {
  files?: readonly string[] | undefined;
  alias?: string | undefined;
}

export class KnownHostsService {
  constructor(
    private readonly settings: () => KnownHostsSettings,
    private readonly log: (line: string) => void = () => {},
    /** Every saved host's own known_hosts files: a changed-key entry may be removed from those too. */
    private readonly hostFiles: () => string[] = () => [],
  ) {}

  private files(scope: HostKeyScope = {}): string[] {
    if (scope.files && scope.files.length > 0) return [...new Set([...scope.files, ...GLOBAL_FILES])];
    const s = this.settings();
    return [...new Set([...s.readFiles, s.ownFile])];
  }

  /** The check for one connection, with that host's policy, its own files and alias, and a way to ask its user. */
  verifierFor(policy: HostKeyPolicy, ask: Ask, scope: HostKeyScope = {}): HostKeyCheck {
    // HostKeyAlias replaces `[host]:port` by the alias alone (sshconnect.c get_hostfile_hostname_ipaddr).
    const named = (host: string, port: number): [string, number] => (scope.alias ? [scope.alias, 22] : [host, port]);
    return {
      check: (host, port, key) => this.check(...named(host, port), key, policy, ask, scope),
      preferredKeyTypes: (host, port) => knownKeyTypes(this.files(scope), ...named(host, port)),
    };
  }

  private async check(host: string, port: number, key: Buffer, policy: HostKeyPolicy, ask: Ask, scope: HostKeyScope): Promise<AppError | null> {
    const { verdict, invalid } = await checkHostKey(this.files(scope), host, port, key);
    // A bad line must never stop a connection, but the user should hear of it.
    for (const bad of invalid) this.log(`known_hosts: ignored ${bad.file}${bad.line ? ` line ${bad.line}` : ''}: ${bad.reason}`);
    const name = hostPortName(host, port);
    const type = keyType(key);
    const fingerprint = fingerprintSha256(key);
    switch (verdict.kind) {
      case 'trusted':
        return null;
      case 'revoked':
        return new HostKeyRefusal(
          'host-key-revoked',
          `The host key of ${name} (${type} ${fingerprint}) is marked as revoked in ${verdict.entry.file} line ${verdict.entry.line}. Warren refused to connect and sent no credentials.`,
        );
      case 'changed': {
        const old = verdict.entries[0]!;
        const oldFingerprint = fingerprintSha256(old.key);
        return new HostKeyRefusal(
          'host-key-changed',
          `WARNING: the host key of ${name} has changed. Someone may be intercepting this connection (a man-in-the-middle attack), or the server was reinstalled. ` +
            `Warren refused to connect and sent no credentials. Known key: ${old.keyType} ${oldFingerprint} (${old.file} line ${old.line}). ` +
            `Key offered now: ${type} ${fingerprint}. Confirm the new fingerprint with the server's administrator; only then remove the old entry and connect again.`,
          { host, port, keyType: type, newFingerprint: fingerprint, oldFingerprint, file: old.file, line: old.line },
        );
      }
      case 'unknown':
        return this.unknown(host, port, key, policy, ask, scope, certAuthorityNote(verdict.authorities));
    }
  }

  private async unknown(host: string, port: number, key: Buffer, policy: HostKeyPolicy, ask: Ask, scope: HostKeyScope, certAuthority: string | null = null): Promise<AppError | null> {
    const name = hostPortName(host, port);
    const fingerprint = fingerprintSha256(key);
    if (policy === 'strict') {
      return new HostKeyRefusal(
        'host-key-unknown',
        `${name} is not in known_hosts, and this host only connects to known hosts. Its key is ${keyType(key)} ${fingerprint}.${certAuthority ? ` ${certAuthority}` : ''} Add it to known_hosts, or change the host's key policy to "Ask".`,
      );
    }
    // The user trusts a CA for this host and expects it to decide: never save a key silently in its place.
    if (policy === 'accept-new' && !certAuthority) {
      await this.save(host, port, key, scope);
      return null;
    }
    const answer = await ask({ kind: 'host-key', host, port, keyType: keyType(key), fingerprint, ...(certAuthority ? { certAuthority } : {}) });
    if (!answer) return new HostKeyRefusal('host-key-rejected', `You did not trust the host key of ${name} (${fingerprint}), so Warren did not connect.`);
    if (answer.decision === 'accept-save') await this.save(host, port, key, scope);
    return null;
  }

  private async save(host: string, port: number, key: Buffer, scope: HostKeyScope): Promise<void> {
    const s = this.settings();
    // As ssh: new keys go to the first UserKnownHostsFile.
    await appendEntry(scope.files?.[0] ?? s.ownFile, formatEntry(host, port, key, { hash: s.hash }));
  }

  /**
   * Removes one known_hosts line after the user saw a changed-key warning. The
   * file must be one Warren reads, and the line must still hold the key the
   * user was shown, so a stale or forged request removes nothing.
   */
  async removeEntry(file: string, line: number, fingerprint: string): Promise<void> {
    if (!this.files().includes(file) && !this.hostFiles().includes(file)) throw new AppError('forbidden', `${file} is not a known_hosts file Warren uses.`);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new AppError('known-hosts-unreadable', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
    }
    const entry = parseKnownHosts(text, file).entries.find((e) => e.line === line);
    if (!entry || fingerprintSha256(entry.key) !== fingerprint) {
      throw new AppError('known-hosts-stale', `Line ${line} of ${file} no longer holds the key ${fingerprint}; nothing was removed. Reconnect to see the current state.`);
    }
    try {
      await removeEntry(file, line, entry.text);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'EACCES' || code === 'EPERM' ? `permission denied (edit it as its owner, e.g. ssh-keygen -R)` : (error as Error).message;
      throw new AppError('known-hosts-write', `Could not change ${file}: ${why}.`);
    }
  }
}

/**
 * What to tell the user when known_hosts trusts a CA for this host. ssh2
 * negotiates no certificate host-key algorithms (ssh-ed25519-cert-v01@openssh.com
 * and the like), so the server shows its plain key and the CA cannot vouch for it.
 */
export function certAuthorityNote(authorities: readonly KnownHostsEntry[]): string | null {
  const first = authorities[0];
  if (!first) return null;
  return `${first.file} line ${first.line} trusts a certificate authority (@cert-authority) for this host, but Warren cannot check host certificates yet, so the CA does not vouch for this key: compare the fingerprint yourself.`;
}
