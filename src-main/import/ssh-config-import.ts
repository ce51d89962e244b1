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
import { loadSshConfig, resolveHost, type ConfigIssue, type ForwardRule, type LoadedSshConfig, type ResolvedSshHost, type SshConfigContext } from '../ssh-config';
import { parseFlag } from '../ssh-config/scalars';
import { AppError } from '../errors/app-error';
import { expandHome } from '../connections/credentials';
import { assertSshConfigText, MAX_CONFIG_BYTES, safeIssue } from './config-check';
import { jumpEntries, planJumps, type PlannedHop } from './jump-hops';
import { keywordVerdict } from './keyword-support';
import { algorithmsFromConfig } from '../algorithms/algorithms';
import { identityFields, loginFields } from '../hosts/identity-fields';
import { loginFromConfig } from './login-options';
import { sessionFromConfig } from './session-options';
import { sessionFields, sessionView } from '../hosts/session-fields';

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
    return (await this.read(file)).preview;
  }

  private async read(file: string): Promise<{ preview: ImportPreview; hops: Map<string, PlannedHop[]> }> {
    const resolvedFile = path.resolve(expandHome(file, this.ctx.home));
    if (!existsSync(resolvedFile)) throw new AppError('not-found', `There is no OpenSSH config at ${resolvedFile}. Choose another file.`);
    await assertConfigFile(resolvedFile);
    const { config, issues } = await loadConfig(resolvedFile, this.ctx);
    const hosts = config === null ? [] : config.aliases.map((a) => resolveHost(a.alias, config, a));
    const aliases = new Set(hosts.map((h) => h.alias));
    const hops = new Map<string, PlannedHop[]>();
    const candidates = config === null ? [] : hosts.map((resolved) => this.candidate(resolvedFile, resolved, config, aliases, hops));
    // Issues name a line's keyword, never the line: see config-check.ts.
    return { preview: { file: resolvedFile, candidates, issues: issues.map(safeIssue) }, hops };
  }

  async apply(file: string, chosen: string[]): Promise<ImportResult> {
    const { preview, hops } = await this.read(file);
    const wanted = new Set(chosen);
    // A hop that is an alias of the file is referred to by its saved host's name, when that host is (or will be) there.
    const savedName = (alias: string): string | null => {
      const existing = this.hosts.importedFrom(preview.file, alias);
      return wanted.has(alias) ? (existing?.name ?? alias) : (existing?.name ?? null);
    };
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
        jumpHosts: jumpEntries(hops.get(c.alias) ?? [], savedName),
        keepaliveIntervalSec: c.host.keepaliveIntervalSec,
        keepaliveCountMax: c.host.keepaliveCountMax,
        agentForward: c.host.agentForward,
        exitOnForwardFailure: c.host.exitOnForwardFailure || (existing?.exitOnForwardFailure ?? false),
        forwards: [...ownForwards, ...c.forwards.map((spec, i) => importedForward(c.alias, spec, i))],
        imported: { file: preview.file, alias: c.alias },
      };
      // A passphrase belongs to one key file: a different file forgets it.
      if (existing && existing.auth.keyPath !== host.auth.keyPath) delete host.auth.sealedPassphrase;
      if (c.host.proxyCommand !== null) host.proxyCommand = c.host.proxyCommand;
      else delete host.proxyCommand;
      if (Object.keys(c.host.algorithms).length > 0) host.algorithms = c.host.algorithms;
      else delete host.algorithms;
      delete host.identityAgent;
      delete host.identityFiles;
      delete host.identitiesOnly;
      delete host.certificateFiles;
      delete host.preferredAuthentications;
      delete host.connectTimeoutSec;
      Object.assign(host, loginFields(c.host, undefined));
      Object.assign(host, identityFields({ identityAgent: c.host.identityAgent ?? '', identityFiles: c.host.identityFiles, identitiesOnly: c.host.identitiesOnly, certificateFiles: c.host.certificateFiles }, undefined));
      for (const key of ['userKnownHostsFiles', 'hostKeyAlias', 'setEnv', 'sendEnv', 'remoteCommand', 'requestTty', 'gatewayPorts'] as const) delete host[key];
      Object.assign(host, sessionFields({ ...c.host, hostKeyAlias: c.host.hostKeyAlias ?? '', remoteCommand: c.host.remoteCommand ?? '' }, undefined));
      this.hosts.putImported(host);
      if (existing) updated++;
      else created++;
    }
    return { created, updated, folderName: IMPORT_FOLDER };
  }

  private candidate(file: string, r: ResolvedSshHost, config: LoadedSshConfig, aliases: Set<string>, hopsOf: Map<string, PlannedHop[]>): ImportCandidate {
    const notes = [...r.notes];
    const blocks: string[] = [];
    const keyPath = this.keyPath(r, notes);
    const jumps = planJumps(r, { config, aliases, localUser: this.ctx.user, targetKey: keyPath });
    hopsOf.set(r.alias, jumps.hops);
    notes.push(...jumps.notes);
    if (jumps.blocks !== null) blocks.push(jumps.blocks);
    const existing = this.hosts.importedFrom(file, r.alias);
    const proxyCommand = r.proxyJump.length === 0 ? r.proxyCommand : null;
    const badToken = proxyCommand === null ? null : /%[^hprn%]|%$/.exec(proxyCommand);
    if (badToken) blocks.push(`ProxyCommand uses ${badToken[0]}, which Warren does not expand (it knows %h, %p, %r, %n and %%)`);
    const first = (keyword: string) => r.options[keyword]?.[0];
    const algorithms = algorithmsFromConfig(first);
    notes.push(...algorithms.notes);
    const login = loginFromConfig(first);
    notes.push(...login.notes);
    const { notes: sessionNotes, ...session } = sessionFromConfig(r, this.ctx);
    notes.push(...sessionNotes);
    const host = {
      host: r.hostName,
      port: r.port ?? 22,
      username: r.user ?? this.ctx.user,
      keyPath,
      // IdentitiesOnly keeps the agent, offering only its keys of the named files (identitiesOnly below).
      useAgent: true,
      hostKeyPolicy: this.policy(r, notes),
      // As the saved hosts will be named after an import of every alias.
      jumpHosts: jumpEntries(jumps.hops, (alias) => this.hosts.importedFrom(file, alias)?.name ?? alias),
      keepaliveIntervalSec: r.serverAliveInterval ?? HOST_DEFAULTS.keepaliveIntervalSec,
      keepaliveCountMax: r.serverAliveCountMax ?? HOST_DEFAULTS.keepaliveCountMax,
      agentForward: r.forwardAgent ?? false,
      exitOnForwardFailure: parseFlag(first('exitonforwardfailure') ?? 'no') === true,
      proxyCommand,
      algorithms: algorithms.algorithms,
      identityAgent: first('identityagent') ?? null,
      identityFiles: r.identityFiles.filter((f) => f !== 'none' && f !== keyPath),
      identitiesOnly: r.identitiesOnly === true,
      certificateFiles: r.certificateFiles,
      preferredAuthentications: login.preferredAuthentications,
      connectTimeoutSec: login.connectTimeoutSec,
      ...session,
    };
    const gatewayPorts = parseFlag(first('gatewayports') ?? 'no') === true;
    const forwards = r.forwards.flatMap((rule) => {
      const spec = toForwardInput(rule, gatewayPorts);
      if (!spec) notes.push(`RemoteForward ${rule.bindPort} without a destination (a remote SOCKS proxy) is not supported`);
      return spec ? [spec] : [];
    });
    for (const [keyword, values] of Object.entries(r.options)) {
      if (keyword === 'userknownhostsfile' && r.userKnownHostsFiles.every((f) => f.startsWith(path.join(this.ctx.home, '.ssh', 'known_hosts')))) continue;
      const verdict = keywordVerdict(keyword, values);
      if (verdict.note === null) continue;
      // A note the resolver or the lines above already wrote about this keyword says more.
      const name = verdict.note.slice(0, verdict.note.indexOf(' ') + 1).toLowerCase();
      if (!notes.some((n) => n.toLowerCase().startsWith(name))) notes.push(verdict.note);
      // ssh uses ProxyUseFdpass only with a ProxyCommand.
      if (verdict.blocks !== null && (keyword !== 'proxyusefdpass' || proxyCommand !== null)) blocks.push(verdict.blocks);
    }
    if (r.serverAliveInterval === null) {
      notes.push(`No ServerAliveInterval: Warren's default keepalive applies (every ${HOST_DEFAULTS.keepaliveIntervalSec} s, disconnected after ${host.keepaliveCountMax} unanswered)`);
    }
    const action = !existing ? 'new' : sameAs(existing, host, forwards) ? 'same' : 'update';
    return { alias: r.alias, action, host, forwards, notes, uncheckedReason: blocks[0] ?? null, source: r.source };
  }

  /** The first identity file that exists (Warren uses one key file), else OpenSSH's default keys. */
  private keyPath(r: ResolvedSshHost, notes: string[]): string | null {
    const named = r.identityFiles.filter((f) => f !== 'none');
    const found = named.find((f) => existsSync(f));
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

/**
 * channels.c channel_fwd_bind_addr: with no bind address ssh listens on the loopback
 * of both families ('localhost' to the tunnel manager), or with GatewayPorts on
 * every interface; a written address is used as written ('*' = every interface).
 */
function toForwardInput(rule: ForwardRule, gatewayPorts: boolean): ForwardInput | null {
  const local = gatewayPorts ? '' : 'localhost';
  const all = (bind: string | null, fallback: string) => (bind === null ? fallback : bind === '*' ? '' : bind);
  if (rule.kind === 'dynamic') return { kind: 'dynamic', bindHost: all(rule.bindHost, local), bindPort: rule.bindPort };
  if (rule.destHost === undefined || rule.destPort === undefined) return null;
  if (rule.kind === 'local') return { kind: 'local', bindHost: all(rule.bindHost, local), bindPort: rule.bindPort, destHost: rule.destHost, destPort: rule.destPort };
  return { kind: 'remote', bindHost: all(rule.bindHost, 'localhost'), bindPort: rule.bindPort, destHost: rule.destHost, destPort: rule.destPort };
}

function importedForward(alias: string, spec: ForwardInput, index: number): StoredForward {
  const name = spec.kind === 'dynamic' ? `${alias} SOCKS ${spec.bindPort}` : `${alias} ${spec.kind === 'local' ? 'L' : 'R'} ${spec.bindPort} → ${spec.destHost}:${spec.destPort}`;
  // Forwards in an OpenSSH config come up with the connection.
  return { id: `${IMPORTED_FORWARD}${index}-${cryptoId()}`, name, autoStart: true, spec };
}

function sameAs(existing: StoredHost, host: ImportCandidate['host'], forwards: ForwardInput[]): boolean {
  const mine = {
    host: existing.host,
    port: existing.port,
    username: existing.username,
    keyPath: existing.auth.keyPath,
    useAgent: existing.auth.useAgent,
    hostKeyPolicy: existing.hostKeyPolicy,
    jumpHosts: existing.jumpHosts,
    keepaliveIntervalSec: existing.keepaliveIntervalSec,
    keepaliveCountMax: existing.keepaliveCountMax,
    agentForward: existing.agentForward,
    // The user may turn it on for an imported host; only the config turning it on counts as a change.
    exitOnForwardFailure: host.exitOnForwardFailure && existing.exitOnForwardFailure,
    proxyCommand: existing.proxyCommand ?? null,
    algorithms: existing.algorithms ?? {},
    identityAgent: existing.identityAgent ?? null,
    identityFiles: existing.identityFiles ?? [],
    identitiesOnly: existing.identitiesOnly ?? false,
    certificateFiles: existing.certificateFiles ?? [],
    preferredAuthentications: existing.preferredAuthentications ?? [],
    connectTimeoutSec: existing.connectTimeoutSec ?? null,
    ...sessionView(existing),
  };
  const importedSpecs = existing.forwards.filter((f) => f.id.startsWith(IMPORTED_FORWARD)).map((f) => f.spec);
  return JSON.stringify(mine) === JSON.stringify(host) && JSON.stringify(importedSpecs) === JSON.stringify(forwards);
}

function cryptoId(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 16);
}

/** The config and its issues; never throws (an import must not crash on a strange file). */
async function loadConfig(file: string, ctx: SshConfigContext): Promise<{ config: LoadedSshConfig | null; issues: ConfigIssue[] }> {
  try {
    const config = await loadSshConfig(file, ctx);
    return { config, issues: config.issues };
  } catch (error) {
    const reason = `could not be read: ${error instanceof Error ? error.message : String(error)}`;
    return { config: null, issues: [{ file, line: 0, text: '', reason, kind: 'include' }] };
  }
}
