// Wires the services to the contract's handlers. Knows nothing of Electron:
// the shell and the e2e bridge pass in the store, the secret box and the hub.
import type { Handlers } from '../ipc/router';
import type { Hub } from '../ipc/hub';
import type { SettingsStore } from '../settings/settings-store';
import type { SecretBox } from '../secrets/secret-box';
import { HostsService } from '../hosts/hosts-service';
import { SessionService } from '../sessions/session-service';
import path from 'node:path';
import { defaultKnownHostsSettings, KnownHostsService, type KnownHostsSettings } from '../host-keys/known-hosts-service';
import { Prompter } from '../prompts/prompter';
import { HostConnector } from '../connections/host-connector';
import { defaultAgentSocket, listAgentKeys } from '../agent/agent-keys';

export interface ServiceDeps {
  store: SettingsStore;
  secrets: SecretBox;
  hub: Hub;
  version: string;
  /** Notices gathered while opening the store (e.g. a corrupt file moved aside). */
  notices?: string[];
  readyTimeoutMs?: number;
  /** ssh-agent socket; defaults to SSH_AUTH_SOCK. */
  agentSocket?: string | null;
  /** Overrides for the known_hosts files (tests and the e2e bridge never read ~/.ssh). */
  knownHosts?: Partial<KnownHostsSettings>;
  log?: (line: string) => void;
}

export interface Services {
  handlers: Handlers;
  hosts: HostsService;
  sessions: SessionService;
  knownHosts: KnownHostsService;
  dispose(): void;
}

export function createServices(deps: ServiceDeps): Services {
  const hosts = new HostsService(deps.store, deps.secrets);
  const prompter = new Prompter(deps.hub);
  const agentSocket = deps.agentSocket === undefined ? defaultAgentSocket() : deps.agentSocket;
  const knownHostsSettings = (): KnownHostsSettings => ({
    ...defaultKnownHostsSettings(path.dirname(deps.store.path)),
    ...(deps.store.get('knownHosts') as Partial<KnownHostsSettings> | undefined),
    ...deps.knownHosts,
  });
  const knownHosts = new KnownHostsService(knownHostsSettings, deps.log);
  const connector = new HostConnector({
    hosts,
    hostKeysFor: (host, ask) => knownHosts.verifierFor(host.hostKeyPolicy, ask),
    agentSocket,
    canRemember: deps.secrets.available,
    readyTimeoutMs: deps.readyTimeoutMs,
  });
  const sessions = new SessionService({ hub: deps.hub, hosts, prompter, connector });
  const notices = [...(deps.notices ?? []), ...hosts.notices];
  if (!deps.secrets.available && deps.secrets.unavailableReason) notices.push(deps.secrets.unavailableReason);

  const handlers: Handlers = {
    'app:info': () => ({ version: deps.version, notices, canStoreSecrets: deps.secrets.available }),
    'hosts:list': () => hosts.list(),
    'hosts:save': (input) => hosts.saveHost(input),
    'hosts:remove': ({ id }) => (hosts.removeHost(id), null),
    'folders:save': (input) => hosts.saveFolder(input),
    'folders:remove': ({ id }) => (hosts.removeFolder(id), null),
    'tree:move': ({ kind, id, folderId }) => (hosts.move(kind, id, folderId), null),
    'session:open': ({ hostId, cols, rows }, ctx) => sessions.open(ctx.clientId, hostId, cols, rows),
    'session:write': ({ sessionId, data }, ctx) => (sessions.write(ctx.clientId, sessionId, data), null),
    'session:resize': ({ sessionId, cols, rows }, ctx) => (sessions.resize(ctx.clientId, sessionId, cols, rows), null),
    'session:ack': ({ sessionId, chars }, ctx) => (sessions.ack(ctx.clientId, sessionId, chars), null),
    'session:close': ({ sessionId }, ctx) => (sessions.closeFor(ctx.clientId, sessionId), null),
    'prompt:answer': ({ promptId, answer }, ctx) => (prompter.answer(ctx.clientId, promptId, answer), null),
    'agent:list': () => listAgentKeys(agentSocket),
    'knownHosts:removeEntry': async ({ file, line, fingerprint }) => (await knownHosts.removeEntry(file, line, fingerprint), null),
  };
  return { handlers, hosts, sessions, knownHosts, dispose: () => sessions.closeAll() };
}
