// Importing an OpenSSH client config: each concrete Host alias becomes a saved
// host with the values `ssh <alias>` would use (src-main/ssh-config resolves
// them), in a folder of its own. A preview changes nothing; applying creates
// new hosts and updates the ones an earlier import made, keeping their ids,
// folders, saved secrets and the forwards the user added.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ForwardInput, HostKeyPolicy, ImportCandidate, ImportPreview, ImportResult } from '../../src-shared/contract';
import type { HostsService } from '../hosts/hosts-service';
import { HOST_DEFAULTS, type StoredForward, type StoredHost } from '../hosts/hosts-model';
import { readSshConfig, type ForwardRule, type ResolvedSshHost, type SshConfigContext } from '../ssh-config';
import { AppError } from '../errors/app-error';
import { expandHome } from '../connections/credentials';
import { assertSshConfigText, MAX_CONFIG_BYTES, safeIssue } from './config-check';

export const IMPORT_FOLDER = 'Imported from ssh config';
/** Forwards made by an import carry this id prefix, so a re-import replaces only those. */
const IMPORTED_FORWARD = 'imp-';

export function defaultContext(): SshConfigContext {
  const info = os.userInfo();
  return { home: info.homedir, user: info.username, localHost: os.hostname() };
}

export class SshConfigImporter {
  constructor(
    private readonly hosts: HostsService,
    private readonly ctx: SshConfigContext = defaultContext(),
  ) {}

  defaultFile(): string {
    return path.join(this.ctx.home, '.ssh', 'config');
  }

  async preview(file = this.defaultFile()): Promise<ImportPreview> {
    const resolvedFile = path.resolve(expandHome(file, this.ctx.home));
    if (!existsSync(resolvedFile)) throw new AppError('not-found', `There is no OpenSSH config at ${resolvedFile}. Choose another file.`);
    await assertConfigFile(resolvedFile);
    const { hosts, issues } = await readSshConfig(resolvedFile, this.ctx);
    const aliases = new Set(hosts.map((h) => h.alias));
    const candidates = hosts.map((resolved) => this.candidate(resolvedFile, resolved, aliases));
    // Issues name a line's keyword, never the line: see config-check.ts.
    return { file: resolvedFile, candidates, issues: issues.map(safeIssue) };
  }

  async apply(file: string, chosen: string[]): Promise<ImportResult> {
    const preview = await this.preview(file);
    const wanted = new Set(chosen);
    const folderId = this.hosts.folderNamed(IMPORT_FOLDER);
    let created = 0;
    let updated = 0;
    for (const c of preview.candidates) {
      if (!wanted.has(c.alias) || c.action === 'same') continue;
      const existing = this.hosts.importedFrom(preview.file, c.alias);
      const ownForwards = existing?.forwards.filter((f) => !f.id.startsWith(IMPORTED_FORWARD)) ?? [];
      const host: StoredHost = {
        ...HOST_DEFAULTS,
        ...(existing ?? {}),
        id: existing?.id ?? `h-${cryptoId()}`,
        name: existing?.name ?? c.alias,
        folderId: existing?.folderId ?? folderId,
        host: c.host.host,
        port: c.host.port,
        username: c.host.username,
        auth: { ...(existing?.auth ?? {}), keyPath: c.host.keyPath, useAgent: c.host.useAgent },
        hostKeyPolicy: c.host.hostKeyPolicy,
        jumpHosts: c.host.jumpHosts,
        keepaliveIntervalSec: c.host.keepaliveIntervalSec,
        keepaliveCountMax: c.host.keepaliveCountMax,
        agentForward: c.host.agentForward,
        exitOnForwardFailure: existing?.exitOnForwardFailure ?? false,
        forwards: [...ownForwards, ...c.forwards.map((spec, i) => importedForward(c.alias, spec, i))],
        imported: { file: preview.file, alias: c.alias },
      };
      // A passphrase belongs to one key file: a different file forgets it.
      if (existing && existing.auth.keyPath !== host.auth.keyPath) delete host.auth.sealedPassphrase;
      this.hosts.putImported(host);
      if (existing) updated++;
      else created++;
    }
    return { created, updated, folderName: IMPORT_FOLDER };
  }

  private candidate(file: string, r: ResolvedSshHost, aliases: Set<string>): ImportCandidate {
    const notes = [...r.notes];
    const host = {
      host: r.hostName,
      port: r.port ?? 22,
      username: r.user ?? this.ctx.user,
      keyPath: this.keyPath(r, notes),
      // IdentitiesOnly: only the named keys, so not every key the agent holds.
      useAgent: r.identitiesOnly !== true,
      hostKeyPolicy: this.policy(r, notes),
      jumpHosts: r.proxyJump.map((hop) => (aliases.has(hop.host) && hop.user === null && hop.port === null ? hop.host : `${hop.user ? `${hop.user}@` : ''}${hop.host.includes(':') ? `[${hop.host}]` : hop.host}${hop.port ? `:${hop.port}` : ''}`)),
      keepaliveIntervalSec: r.serverAliveInterval ?? HOST_DEFAULTS.keepaliveIntervalSec,
      keepaliveCountMax: r.serverAliveCountMax ?? HOST_DEFAULTS.keepaliveCountMax,
      agentForward: r.forwardAgent ?? false,
    };
    const forwards = r.forwards.flatMap((rule) => {
      const spec = toForwardInput(rule);
      if (!spec) notes.push(`RemoteForward ${rule.bindPort} without a destination (a remote SOCKS proxy) is not supported`);
      return spec ? [spec] : [];
    });
    if (r.userKnownHostsFiles.length > 0 && !r.userKnownHostsFiles.every((f) => f.startsWith(path.join(this.ctx.home, '.ssh', 'known_hosts')))) {
      notes.push(`UserKnownHostsFile ${r.userKnownHostsFiles.join(' ')}: Warren checks its own known_hosts files (see settings)`);
    }
    if (r.connectTimeout !== null) notes.push(`ConnectTimeout ${r.connectTimeout} s: Warren's handshake limit is its own`);
    if (r.hostKeyAlias) notes.push(`HostKeyAlias ${r.hostKeyAlias} is not supported: keys are checked under the host name`);
    const existing = this.hosts.importedFrom(file, r.alias);
    const action = !existing ? 'new' : sameAs(existing, host, forwards) ? 'same' : 'update';
    return { alias: r.alias, action, host, forwards, notes, source: r.source };
  }

  /** The first identity file that exists (Warren uses one key file), else OpenSSH's default keys. */
  private keyPath(r: ResolvedSshHost, notes: string[]): string | null {
    const named = r.identityFiles.filter((f) => f !== 'none');
    const found = named.find((f) => existsSync(f));
    if (named.length > 1) notes.push(`Several IdentityFile lines: Warren uses ${found ?? named[0]} (and the agent, unless IdentitiesOnly)`);
    if (named.length > 0 && !found) notes.push(`IdentityFile ${named[0]} does not exist here`);
    if (found) return found;
    if (named.length > 0 || r.identityFiles.includes('none')) return null;
    return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((n) => path.join(this.ctx.home, '.ssh', n)).find((f) => existsSync(f)) ?? null;
  }

  private policy(r: ResolvedSshHost, notes: string[]): HostKeyPolicy {
    switch (r.strictHostKeyChecking) {
      case 'yes':
        return 'strict';
      case 'accept-new':
        return 'accept-new';
      case 'no':
        notes.push('StrictHostKeyChecking no: imported as accept-new; Warren never accepts a changed key');
        return 'accept-new';
      default:
        return 'ask';
    }
  }
}

/** Only a regular file of sane size that reads as an ssh_config is parsed (the renderer may name any file). */
async function assertConfigFile(file: string): Promise<void> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new AppError('not-a-file', `${file} is not a file. Choose your OpenSSH config file (usually ~/.ssh/config).`);
    if (info.size > MAX_CONFIG_BYTES) throw new AppError('not-ssh-config', `${file} is not an OpenSSH client config: it is larger than ${MAX_CONFIG_BYTES >> 20} MiB.`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError(code === 'EACCES' || code === 'EPERM' ? 'permission-denied' : 'unreadable', `${file} cannot be read (${code}).`);
  }
  assertSshConfigText(file, text);
}

function toForwardInput(rule: ForwardRule): ForwardInput | null {
  const all = (bind: string | null, fallback: string) => (bind === null ? fallback : bind === '*' ? '' : bind);
  if (rule.kind === 'dynamic') return { kind: 'dynamic', bindHost: all(rule.bindHost, '127.0.0.1'), bindPort: rule.bindPort };
  if (rule.destHost === undefined || rule.destPort === undefined) return null;
  if (rule.kind === 'local') return { kind: 'local', bindHost: all(rule.bindHost, '127.0.0.1'), bindPort: rule.bindPort, destHost: rule.destHost, destPort: rule.destPort };
  return { kind: 'remote', bindHost: all(rule.bindHost, 'localhost'), bindPort: rule.bindPort, destHost: rule.destHost, destPort: rule.destPort };
}

function importedForward(alias: string, spec: ForwardInput, index: number): StoredForward {
  const name = spec.kind === 'dynamic' ? `${alias} SOCKS ${spec.bindPort}` : `${alias} ${spec.kind === 'local' ? 'L' : 'R'} ${spec.bindPort} → ${spec.destHost}:${spec.destPort}`;
  // Forwards in an OpenSSH config come up with the connection.
  return { id: `${IMPORTED_FORWARD}${index}-${cryptoId()}`, name, autoStart: true, spec };
}

function sameAs(existing: StoredHost, host: ImportCandidate['host'], forwards: ForwardInput[]): boolean {
  const mine = { host: existing.host, port: existing.port, username: existing.username, keyPath: existing.auth.keyPath, useAgent: existing.auth.useAgent, hostKeyPolicy: existing.hostKeyPolicy, jumpHosts: existing.jumpHosts, keepaliveIntervalSec: existing.keepaliveIntervalSec, keepaliveCountMax: existing.keepaliveCountMax, agentForward: existing.agentForward };
  const importedSpecs = existing.forwards.filter((f) => f.id.startsWith(IMPORTED_FORWARD)).map((f) => f.spec);
  return JSON.stringify(mine) === JSON.stringify(host) && JSON.stringify(importedSpecs) === JSON.stringify(forwards);
}

function cryptoId(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 16);
}
