// Turns a saved host into everything a connection needs: the key file read,
// saved secrets opened, an AuthPlan that asks this window's user, the host-key
// check for that host's policy, and "remember" wired back to the hosts store.
import type { HostsService } from '../hosts/hosts-service';
import type { StoredHost } from '../hosts/hosts-model';
import type { Ask } from '../../src-shared/contract/prompts';
import { readKeyFile } from './credentials';
import { AuthPlan } from './auth-plan';
import { loadCertificates } from './user-certificate';
import type { HostKeyCheck } from '../host-keys/host-key-check';
import type { JumpHop, SshConnectionOptions } from './ssh-connection';
import { resolveJumps, type JumpRef } from './jump-hosts';
import { isUnsavedHost } from './unsaved-host';
import { resolveAlgorithms } from '../algorithms/algorithms';
import { agentSocketFor, identitiesOnlyAgentKeys, readExtraKeyFiles } from './identities';
import { REPLY_TIMEOUT_MS } from './deadline';
import { expandProxyCommand } from './proxy-command';

export interface HostConnectorDeps {
  hosts: HostsService;
  /** The host-key check for one connection; it may ask the user through `ask`. */
  hostKeysFor(host: StoredHost, ask: Ask): HostKeyCheck;
  /** The ssh-agent socket, when one is running. */
  agentSocket: string | null;
  canRemember: boolean;
  readyTimeoutMs?: number | undefined;
  /** How long a server or the agent may take to answer one request; defaults to readyTimeoutMs, else 20 s. */
  replyTimeoutMs?: number | undefined;
}

export class HostConnector {
  constructor(private readonly deps: HostConnectorDeps) {}

  private get replyTimeoutMs(): number | undefined {
    return this.deps.replyTimeoutMs ?? this.deps.readyTimeoutMs;
  }

  /** Throws an AppError when a key file cannot be read or the jump hosts do not resolve. */
  async options(host: StoredHost, ask: Ask, only?: { keyPath: string }): Promise<SshConnectionOptions> {
    const jumps = await Promise.all(resolveJumps(host, (name) => this.deps.hosts.findByName(name)).map((ref) => this.hop(ref, host, ask)));
    return { ...(await this.direct(host, ask, only)), ...(jumps.length > 0 ? { jumps } : {}) };
  }

  private async hop(ref: JumpRef, target: StoredHost, ask: Ask): Promise<JumpHop> {
    if (ref.kind === 'saved') return { name: ref.host.name, options: await this.direct(ref.host, ask) };
    // An address hop: the target's user and key settings, nothing saved of its own.
    // Nor the target's proxy command: that is how the target is reached, not the hop.
    // Nor its HostKeyAlias and known_hosts files: ssh reaches a hop as a host of its own, its key under its own name.
    const { proxyCommand: _targets, hostKeyAlias: _alias, userKnownHostsFiles: _files, ...rest } = target;
    const stand: StoredHost = {
      ...rest,
      id: `${target.id}-hop-${ref.name}`,
      name: ref.name,
      host: ref.host,
      port: ref.port,
      username: ref.user ?? target.username,
      auth: { keyPath: target.auth.keyPath, useAgent: target.auth.useAgent },
      agentForward: false,
    };
    const options = await this.direct(stand, ask);
    return { name: ref.name, options: { ...options, onAuthenticated: () => {} } };
  }

  /** Everything to reach this one host itself, without its jump hosts. */
  private async direct(host: StoredHost, ask: Ask, only?: { keyPath: string }): Promise<SshConnectionOptions> {
    const { hosts } = this.deps;
    const keyPath = only ? only.keyPath : host.auth.keyPath;
    const keyFile = keyPath ? await readKeyFile(keyPath) : null;
    const extraKeyFiles = only ? [] : await readExtraKeyFiles(host.identityFiles ?? []);
    // Proving a key (only): the key alone, no certificate standing in for it.
    const certs = only ? null : await loadCertificates(host.certificateFiles ?? [], [...(keyFile ? [keyFile] : []), ...extraKeyFiles].map((k) => k.path));
    const auth = new AuthPlan(
      {
        username: host.username,
        host: host.host,
        port: host.port,
        agentSocket: only ? null : agentSocketFor(host, this.deps.agentSocket),
        extraKeyFiles,
        ...(certs ? { certificates: certs.certificates, certificateProblems: certs.problems } : {}),
        ...(host.preferredAuthentications ? { preferred: host.preferredAuthentications } : {}),
        ...(host.identitiesOnly ? { agentKeysOnly: await identitiesOnlyAgentKeys([...(keyFile ? [keyFile] : []), ...extraKeyFiles], certs?.certificates ?? []) } : {}),
        agentTimeoutMs: this.replyTimeoutMs,
        keyFile,
        // Proving a key: nothing saved for the host may stand in for it.
        savedPassphrase: only ? undefined : await hosts.savedPassphrase(host),
        savedPassword: only ? undefined : await hosts.savedPassword(host),
        // An unsaved host (quick connect) has nowhere to keep a secret: do not offer to.
        canRemember: this.deps.canRemember && !only && !isUnsavedHost(host),
        keyFileOnly: Boolean(only),
        ...(host.algorithms?.pubkey ? { acceptedKeyAlgorithms: resolveAlgorithms(host.algorithms).pubkey } : {}),
      },
      ask,
    );
    return {
      endpoint: { host: host.host, port: host.port, username: host.username },
      auth,
      hostKeys: this.deps.hostKeysFor(host, ask),
      ...(this.deps.readyTimeoutMs ? { readyTimeoutMs: this.deps.readyTimeoutMs } : {}),
      ...(this.replyTimeoutMs ? { replyTimeoutMs: this.replyTimeoutMs } : {}),
      // ConnectTimeout bounds the network part only; answers after it keep their own limit.
      ...(host.connectTimeoutSec ? { readyTimeoutMs: host.connectTimeoutSec * 1000, replyTimeoutMs: this.replyTimeoutMs ?? REPLY_TIMEOUT_MS } : {}),
      keepaliveIntervalMs: host.keepaliveIntervalSec * 1000,
      keepaliveCountMax: host.keepaliveCountMax,
      ...(host.algorithms ? { algorithms: resolveAlgorithms(host.algorithms) } : {}),
      ...(host.proxyCommand ? { proxyCommand: expandProxyCommand(host.proxyCommand, { host: host.host, port: host.port, user: host.username, alias: host.imported?.alias ?? host.name }) } : {}),
      ...(host.agentForward && this.deps.agentSocket ? { agentForward: { agentSocket: this.deps.agentSocket } } : {}),
      onAuthenticated: (remember) => {
        if (remember.password !== undefined || remember.passphrase !== undefined) void hosts.remember(host.id, remember);
      },
    };
  }
}
