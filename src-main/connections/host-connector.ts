// Turns a saved host into everything a connection needs: the key file read,
// saved secrets opened, an AuthPlan that asks this window's user, the host-key
// check for that host's policy, and "remember" wired back to the hosts store.
import type { HostsService } from '../hosts/hosts-service';
import type { StoredHost } from '../hosts/hosts-model';
import type { Ask } from '../prompts/prompt-types';
import { readKeyFile } from '../sessions/credentials';
import { AuthPlan } from '../sessions/auth-plan';
import type { HostKeyCheck, SshConnectionOptions } from './ssh-connection';

export interface HostConnectorDeps {
  hosts: HostsService;
  /** The host-key check for one connection; it may ask the user through `ask`. */
  hostKeysFor(host: StoredHost, ask: Ask): HostKeyCheck;
  /** The ssh-agent socket, when one is running. */
  agentSocket: string | null;
  canRemember: boolean;
  readyTimeoutMs?: number | undefined;
}

export class HostConnector {
  constructor(private readonly deps: HostConnectorDeps) {}

  /** Throws an AppError when the key file cannot be read or is not a key. */
  async options(host: StoredHost, ask: Ask): Promise<SshConnectionOptions> {
    const { hosts } = this.deps;
    const keyFile = host.auth.keyPath ? await readKeyFile(host.auth.keyPath) : null;
    const auth = new AuthPlan(
      {
        username: host.username,
        host: host.host,
        port: host.port,
        agentSocket: host.auth.useAgent ? this.deps.agentSocket : null,
        keyFile,
        savedPassphrase: await hosts.savedPassphrase(host),
        savedPassword: await hosts.savedPassword(host),
        canRemember: this.deps.canRemember,
      },
      ask,
    );
    return {
      endpoint: { host: host.host, port: host.port, username: host.username },
      auth,
      hostKeys: this.deps.hostKeysFor(host, ask),
      ...(this.deps.readyTimeoutMs ? { readyTimeoutMs: this.deps.readyTimeoutMs } : {}),
      onAuthenticated: (remember) => {
        if (remember.password !== undefined || remember.passphrase !== undefined) void hosts.remember(host.id, remember);
      },
    };
  }
}
