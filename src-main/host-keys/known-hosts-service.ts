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
import { appendEntry, checkHostKey, formatEntry, knownKeyTypes, matchingEntries, parseKnownHosts, removeEntry, type InvalidLine, type KnownHostsEntry } from './known-hosts';
import { fingerprintSha256, hostPortName, keyType } from './host-key';
import { describeCertificate, judgeHostCertificate, trustedAuthority } from './host-certificate';
import { isCertificateType } from './openssh-certificate';

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

  /** A bad line must never stop a connection, but the user should hear of it. */
  private logInvalid(invalid: readonly InvalidLine[]): void {
    for (const bad of invalid) this.log(`known_hosts: ignored ${bad.file}${bad.line ? ` line ${bad.line}` : ''}: ${bad.reason}`);
  }

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
      trustsCertificateAuthority: async (host, port) => {
        const [name, at] = named(host, port);
        // Port-less lines count too, as they do for the check (see checkCertificate).
        const ports = at === 22 ? [22] : [at, 22];
        const found = await Promise.all(ports.map((p) => matchingEntries(this.files(scope), name, p)));
        return found.some((f) => f.entries.some((e) => e.marker === 'cert-authority'));
      },
    };
  }

  private async check(host: string, port: number, key: Buffer, policy: HostKeyPolicy, ask: Ask, scope: HostKeyScope, certificateNote: string | null = null): Promise<AppError | null> {
    if (isCertificateType(keyType(key))) return this.checkCertificate(host, port, key, policy, ask, scope);
    const { verdict, invalid } = await checkHostKey(this.files(scope), host, port, key);
    this.logInvalid(invalid);
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
        return this.unknown(host, port, key, policy, ask, scope, certificateNote ?? certAuthorityNote(verdict.authorities));
    }
  }

  /**
   * A host certificate (offered only when an @cert-authority line covers the
   * host). Vouched for by its CA: trusted. Otherwise, as ssh does, the
   * certified key is checked as a plain host key: known, it is trusted;
   * unknown, the user is asked (Strict refuses) and told why the certificate
   * was not accepted; a revoked CA or key is a hard stop.
   */
  private async checkCertificate(host: string, port: number, blob: Buffer, policy: HostKeyPolicy, ask: Ask, scope: HostKeyScope): Promise<AppError | null> {
    const { entries, invalid } = await matchingEntries(this.files(scope), host, port);
    this.logInvalid(invalid);
    const name = hostPortName(host, port);
    // ssh checks the principals against the host name alone (or HostKeyAlias, which `host` then is).
    let verdict = judgeHostCertificate(blob, host, entries);
    // ssh looks a certificate whose CA is not on record for `[host]:port` up again under the bare host name
    // (sshconnect.c, "checking without port identifier"), so `@cert-authority *.example.com` covers every port.
    const caOnRecord = verdict.cert !== null && trustedAuthority(entries, verdict.cert.signatureKey) !== undefined;
    if (verdict.kind === 'not-certified' && verdict.cert && !caOnRecord && port !== 22) {
      const bare = await matchingEntries(this.files(scope), host, 22);
      const again = judgeHostCertificate(blob, host, bare.entries);
      const caBare = trustedAuthority(bare.entries, verdict.cert.signatureKey) !== undefined;
      // A revocation found there is honoured too: the safe side.
      if (again.kind !== 'not-certified' || caBare) verdict = again;
    }
    switch (verdict.kind) {
      case 'certified':
        this.log(`${name}: host ${describeCertificate(verdict.cert)} accepted through @cert-authority in ${verdict.authority.file} line ${verdict.authority.line}.`);
        return null;
      case 'revoked':
        return new HostKeyRefusal(
          'host-key-revoked',
          `The ${verdict.what === 'CA' ? 'certificate authority' : 'host key'} of ${name}'s host ${describeCertificate(verdict.cert)} is marked as revoked in ${verdict.entry.file} line ${verdict.entry.line}. Warren refused to connect and sent no credentials.`,
        );
      case 'not-certified': {
        const note = `The server's host certificate was not accepted: ${verdict.reason}. Compare the fingerprint of its key yourself.`;
        this.log(`${name}: ${note}`);
        // Unreadable: there is no certified key to fall back to.
        if (!verdict.cert) return new HostKeyRefusal('host-key-unknown', `${name} sent a host certificate Warren cannot read. Warren refused to connect and sent no credentials.`);
        return this.check(host, port, verdict.cert.publicKey, policy, ask, scope, note);
      }
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
 * What to tell the user when known_hosts trusts a CA for this host but the
 * server showed a plain key: Warren asks for certificates first, so the server
 * has none for the algorithms both sides know (or ssh2 could not be taught
 * them: the connection log says so), and the CA cannot vouch for this key.
 */
export function certAuthorityNote(authorities: readonly KnownHostsEntry[]): string | null {
  const first = authorities[0];
  if (!first) return null;
  return `${first.file} line ${first.line} trusts a certificate authority (@cert-authority) for this host, but the server presented a plain key without a certificate, so the CA does not vouch for it: compare the fingerprint yourself.`;
}
