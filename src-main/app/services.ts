// Wires the services to the contract's handlers. Knows nothing of Electron:
// the shell and the e2e bridge pass in the store, the secret box and the hub.
import type { Handlers } from '../ipc/router';
import { AppError } from './app-error';
import type { Hub } from '../ipc/hub';
import type { SettingsStore } from '../settings/settings-store';
import type { SecretBox } from '../secrets/secret-box';
import { HostsService } from '../hosts/hosts-service';
import { SessionService } from '../sessions/session-service';
import { FirstUseTrust } from '../host-keys/first-use-trust';
import { Prompter } from '../prompts/prompter';

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
}

export interface Services {
  handlers: Handlers;
  hosts: HostsService;
  sessions: SessionService;
  dispose(): void;
}

export function createServices(deps: ServiceDeps): Services {
  const hosts = new HostsService(deps.store, deps.secrets);
  const prompter = new Prompter(deps.hub);
  const trust = new FirstUseTrust(deps.store);
  const sessions = new SessionService({
    hub: deps.hub,
    hosts,
    prompter,
    hostKeysFor: () => trust,
    agentSocket: deps.agentSocket === undefined ? (process.env.SSH_AUTH_SOCK ?? null) : deps.agentSocket,
    canRemember: deps.secrets.available,
    ...(deps.readyTimeoutMs ? { readyTimeoutMs: deps.readyTimeoutMs } : {}),
  });
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
    'knownHosts:removeEntry': () => {
      throw new AppError('not-implemented', 'known_hosts editing arrives with the known_hosts support.');
    },
  };
  return { handlers, hosts, sessions, dispose: () => sessions.closeAll() };
}
