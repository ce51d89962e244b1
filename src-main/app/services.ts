// Wires the services to the contract's handlers. Knows nothing of Electron:
// the shell and the e2e bridge pass in the store, the secret box and the hub.
import type { Handlers } from '../ipc/router';
import type { Hub } from '../ipc/hub';
import type { SettingsStore } from '../settings/settings-store';
import { SettingsReader } from '../settings/settings-reader';
import type { SecretBox } from '../secrets/secret-box';
import { HostsService } from '../hosts/hosts-service';
import { SessionService } from '../sessions/session-service';
import { SessionRecordings } from '../sessions/session-recordings';
import { logFolder } from '../sessions/log-folder';
import os from 'node:os';
import path from 'node:path';
import { defaultKnownHostsSettings, KnownHostsService, type KnownHostsSettings } from '../host-keys/known-hosts-service';
import { Prompter } from '../prompts/prompter';
import { HostConnector } from '../connections/host-connector';
import { ConnectionPool } from '../connections/connection-pool';
import { unsavedHostAt } from '../connections/unsaved-host';
import { FileBrowserService } from '../files/file-browser-service';
import { OpenIds } from '../connections/open-ids';
import { TransferQueue } from '../transfers/transfer-queue';
import { TransferJournal } from '../transfers/transfer-journal';
import { localFs } from '../local-fs/local-fs';
import { defaultAgentSocket, listAgentKeys } from '../agent/agent-keys';
import { TunnelManager } from '../tunnels/tunnel-manager';
import { tunnelDesktop, type TunnelDesktop } from '../tunnels/tunnel-desktop';
import { LogRegistry } from '../connections/log-registry';
import { testConnection } from '../connections/connection-check';
import { SshConfigImporter } from '../import/ssh-config-import';
import { KeyService } from '../keys/key-service';
import { SnippetsService } from '../snippets/snippets-service';
import { EditService } from '../edit-locally/edit-service';
import { shellCwd } from '../files/shell-cwd';
import { exportHostsAsSshConfig } from '../export/export-request';
import { saveExportedText } from '../export/save-export';
import { hostKeyScope, hostKnownHostsFiles } from '../connections/host-key-scope';
import type { SshConfigContext } from '../ssh-config';
import type { AppSettings, KnownHostsView, PickPurpose } from '../../src-shared/contract';

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
  /** Whose ~/.ssh the importer reads (tests point it at a fixture home). */
  sshConfigContext?: SshConfigContext;
  /** Reconnect delays after a drop, for every user of a shared connection (tests make them short). */
  tunnelBackoffMs?: number[];
  /** The OS's file picker (the Electron shell); without it `app:pickPath` answers `unsupported`. */
  pickPath?: (purpose: PickPurpose) => Promise<string | null>;
  /** Told every saved change of the app settings (the shell applies the desktop ones to the OS). */
  onSettingsChanged?: (settings: AppSettings) => void;
  /** Opens a file in the OS's default app (the shell's shell.openPath), for Edit locally when no editor command is set. */
  openInEditor?: (file: string) => Promise<void>;
}

export interface Services {
  handlers: Handlers;
  hosts: HostsService;
  sessions: SessionService;
  /** The hosts' shared SSH connections. */
  pool: ConnectionPool;
  knownHosts: KnownHostsService;
  files: FileBrowserService;
  tunnels: TunnelManager;
  /** The tray menu as data (src-main/tunnels/tray-menu.ts); the shell builds Electron's Menu from it. */
  trayModel: TunnelDesktop['trayModel'];
  onTrayChange: TunnelDesktop['onTrayChange'];
  /** A tray forward item was clicked. */
  toggleFromTray: TunnelDesktop['toggle'];
  /** A forward dropped or came back, while Settings › desktop.notifyForwards is on: the shell shows a notification. */
  onForwardNotice: TunnelDesktop['onNotice'];
  /** A question (password, host key) has no window to show it in: the shell opens the window, and the question appears there. */
  onPromptNeedsWindow: Prompter['onNeedsWindow'];
  /** Forwards marked "start when Warren starts", switched on at creation with no window: settles when each is on or failed. */
  launchForwards: Promise<void>;
  /** Closes every connection, and every listening port, before the app quits. */
  dispose(): Promise<void>;
}

export function createServices(deps: ServiceDeps): Services {
  // Read first: it brings the file to the current format and sets bad values aside before any service reads it.
  const notices = [...(deps.notices ?? [])];
  const settings = new SettingsReader(deps.store, notices);
  // Hosts live in their own file beside settings.json; the first start moves them out of it.
  const hosts = new HostsService(deps.store, deps.secrets, {
    log: deps.log,
    notice: (text) => notices.push(text),
    defaults: () => settings.get('app').connections,
    onConnected: (hostId, at) => deps.hub.broadcast('hosts:connected', { hostId, at }),
  });
  const prompter = new Prompter(deps.hub);
  const agentSocket = deps.agentSocket === undefined ? defaultAgentSocket() : deps.agentSocket;
  const knownHostsSettings = (): KnownHostsSettings => ({
    ...defaultKnownHostsSettings(path.dirname(deps.store.path)),
    ...settings.get('knownHosts'),
    ...deps.knownHosts,
  });
  const knownHosts = new KnownHostsService(knownHostsSettings, deps.log, () => hostKnownHostsFiles(hosts.list().hosts));
  const knownHostsView = (): KnownHostsView => ({ ...knownHostsSettings(), fixed: deps.knownHosts !== undefined && Object.keys(deps.knownHosts).length > 0 });
  const connector = new HostConnector({
    hosts,
    hostKeysFor: (host, ask) => knownHosts.verifierFor(host.hostKeyPolicy, ask, hostKeyScope(host)),
    agentSocket,
    canRemember: deps.secrets.available,
    readyTimeoutMs: deps.readyTimeoutMs,
  });
  // One SSH connection per host (and jump chain), shared by terminals, Files, tunnels, Test connection and key copy.
  const pool = new ConnectionPool({
    connector,
    findByName: (name) => hosts.findByName(name),
    // A reconnect after a drop logs in with the host as saved now.
    findById: (id) => {
      try {
        return hosts.get(id);
      } catch {
        return undefined; // not saved (quick connect): it reconnects as it was
      }
    },
    ...(deps.tunnelBackoffMs ? { backoffMs: deps.tunnelBackoffMs } : {}),
  });
  const logs = new LogRegistry();
  const importer = new SshConfigImporter(hosts, deps.sshConfigContext);
  const keys = new KeyService({ hosts, connector, pool, ...(deps.sshConfigContext ? { home: deps.sshConfigContext.home } : {}) });
  const tunnels = new TunnelManager({ hub: deps.hub, hosts, prompter, pool, logs });
  const desktopTunnels = tunnelDesktop({ tunnels, hosts, notifyEnabled: () => settings.get('app').desktop.notifyForwards });
  const recordings = new SessionRecordings({ hub: deps.hub, folder: () => logFolder(settings.get('app').logging.folder, { home: deps.sshConfigContext?.home ?? os.homedir(), dataDir: path.dirname(deps.store.path) }) });
  // Reconnect automatically: terminals and Files tabs stay through a drop and come back with the pool's one new login.
  const followDrops = () => settings.get('app').autoReconnect;
  // Terminals and Files tabs draw their ids from one set: the prompter and the logs key by them.
  const openIds = new OpenIds();
  const sessions = new SessionService({ hub: deps.hub, hosts, prompter, pool, logs, recordings, followDrops, ids: openIds, onConnected: (clientId, hostId) => (tunnels.hostConnected(clientId, hostId), hosts.markConnected(hostId)) });
  const files = new FileBrowserService({ hub: deps.hub, hosts, prompter, pool, logs, followDrops, ids: openIds });
  const edits = new EditService({ hub: deps.hub, browsers: files, store: deps.store, readEditor: () => settings.get('editor'), openDefault: deps.openInEditor });
  // The tree's Recent group: a file browser that connected counts (terminals above, tunnels in tunnel-links).
  files.onOpened(({ hostId }) => hosts.markConnected(hostId));
  const transfers = new TransferQueue({ hub: deps.hub, files, prompter, journal: new TransferJournal(path.dirname(deps.store.path), deps.store), log: deps.log });
  const snippets = new SnippetsService({ store: deps.store, read: () => settings.get('snippets'), hostExists: (hostId) => hosts.list().hosts.some((h) => h.id === hostId) });
  notices.push(...hosts.notices);
  if (!deps.secrets.available && deps.secrets.unavailableReason) notices.push(deps.secrets.unavailableReason);

  const handlers: Handlers = {
    'app:info': () => ({ version: deps.version, notices, canStoreSecrets: deps.secrets.available }),
    'hosts:list': () => hosts.list(),
    'hosts:save': (input) => hosts.saveHost(input),
    'hosts:favourite': ({ id, on }) => hosts.setFavourite(id, on),
    // No forward of a deleted host may stay listening.
    'hosts:remove': async ({ id }) => (await tunnels.forgetHost(id), hosts.removeHost(id), null),
    'folders:save': (input) => hosts.saveFolder(input),
    'folders:remove': async ({ id }) => {
      for (const hostId of hosts.hostsUnder(id)) await tunnels.forgetHost(hostId);
      hosts.removeFolder(id);
      return null;
    },
    'tree:move': ({ kind, id, folderId }) => (hosts.move(kind, id, folderId), null),
    'session:open': ({ sessionId, hostId, cols, rows }, ctx) => (sessions.open(ctx.clientId, hostId, cols, rows, sessionId), null),
    'session:open-address': ({ sessionId, address, cols, rows }, ctx) => (
      sessions.openUnsaved(
        ctx.clientId,
        unsavedHostAt(address, {
          localUser: deps.sshConfigContext?.user ?? os.userInfo().username,
          // Tests and the e2e bridge (which set their own known_hosts) never read ~/.ssh.
          home: deps.sshConfigContext?.home ?? (deps.knownHosts ? null : os.homedir()),
          defaults: settings.get('app').connections,
        }),
        cols,
        rows,
        sessionId,
      ),
      null
    ),
    'session:write': ({ sessionId, data }, ctx) => (sessions.write(ctx.clientId, sessionId, data), null),
    'session:resize': ({ sessionId, cols, rows }, ctx) => (sessions.resize(ctx.clientId, sessionId, cols, rows), null),
    'session:ack': ({ sessionId, bytes, rate }, ctx) => (sessions.ack(ctx.clientId, sessionId, bytes, rate), null),
    'session:close': ({ sessionId }, ctx) => (sessions.closeFor(ctx.clientId, sessionId), null),
    'session:record-start': ({ sessionId, format }, ctx) => recordings.start(ctx.clientId, sessionId, format),
    'session:record-stop': async ({ sessionId }, ctx) => (await recordings.stop(ctx.clientId, sessionId), null),
    'prompt:answer': ({ promptId, answer }, ctx) => (prompter.answer(ctx.clientId, promptId, answer), null),
    'agent:list': () => listAgentKeys(agentSocket),
    'local:home': () => localFs.home(),
    'local:list': ({ path }) => localFs.list(path),
    'local:mkdir': async ({ path }) => (await localFs.mkdir(path), null),
    'local:rename': async ({ from, to }) => (await localFs.rename(from, to), null),
    'local:remove': async ({ path }) => (await localFs.remove(path), null),
    'local:chmod': async ({ path, mode }) => (await localFs.chmod(path, mode), null),
    'files:open': ({ browserId, hostId, replaces }, ctx) => files.open(ctx.clientId, browserId, hostId, replaces),
    // Closing the tab is deliberate: its transfers stop (parts kept) rather than wait for a reconnect.
    'files:close': ({ browserId }, ctx) => (transfers.cancelBrowser(ctx.clientId, browserId), void edits.stopBrowser(ctx.clientId, browserId), files.close(ctx.clientId, browserId), null),
    'files:dragOut': async ({ browserId, paths }, ctx) => ({ files: await files.stageDragOut(ctx.clientId, browserId, paths) }),
    'files:list': ({ browserId, path }, ctx) => files.list(ctx.clientId, browserId, path),
    'files:stat': ({ browserId, path }, ctx) => files.stat(ctx.clientId, browserId, path),
    'files:mkdir': async ({ browserId, path }, ctx) => (await files.mkdir(ctx.clientId, browserId, path), null),
    'files:rename': async ({ browserId, from, to }, ctx) => (await files.rename(ctx.clientId, browserId, from, to), null),
    'files:remove': async ({ browserId, path }, ctx) => (await files.remove(ctx.clientId, browserId, path), null),
    'files:chmod': async ({ browserId, path, mode }, ctx) => (await files.chmod(ctx.clientId, browserId, path, mode), null),
    'transfer:start': ({ browserId, direction, sources, targetDir }, ctx) => ({ transferIds: transfers.start(ctx.clientId, browserId, direction, sources, targetDir) }),
    'transfer:cancel': ({ transferId }, ctx) => (transfers.cancel(ctx.clientId, transferId), null),
    'transfer:retry': ({ transferId, browserId }, ctx) => (transfers.retry(ctx.clientId, transferId, browserId), null),
    'transfer:clearFinished': (_input, ctx) => (transfers.clearFinished(ctx.clientId), null),
    'import:preview': ({ file }) => importer.preview(file),
    'import:apply': ({ file, aliases }) => importer.apply(file, aliases),
    'keys:generate': (input) => keys.generate(input),
    'keys:copyToHost': ({ hostId, publicKeyPath }, ctx) => keys.copyToHost(hostId, publicKeyPath, prompter.askFor(ctx.clientId, `keys-${hostId}`)),
    'settings:get': () => settings.get('app'),
    // A write that fails throws saveError's sentence (the store reads the file on every get, so nothing changed).
    'settings:set': (input) => {
      const current = settings.get('app');
      // `terminal` comes as a patch of a few fields; the others keep their values.
      deps.store.set('app', { ...current, ...input, terminal: { ...current.terminal, ...input.terminal }, logging: { ...current.logging, ...input.logging }, desktop: { ...current.desktop, ...input.desktop }, connections: { ...current.connections, ...input.connections } });
      const saved = settings.get('app');
      deps.onSettingsChanged?.(saved);
      return saved;
    },
    // Only the chosen path comes back; the harness has no native dialog.
    'app:pickPath': async ({ purpose }) => (deps.pickPath ? { path: await deps.pickPath(purpose) } : { unsupported: true }),
    'log:get': ({ id }, ctx) => logs.read(ctx.clientId, id),
    'hosts:test': ({ hostId }, ctx) => testConnection(pool, hosts.get(hostId), prompter.askFor(ctx.clientId, `test-${hostId}`)),
    'hosts:exportSshConfig': ({ hostIds, folderIds }) => exportHostsAsSshConfig(hosts, hostIds, folderIds),
    'hosts:saveSshConfig': ({ hostIds, folderIds, path: file, replace }) => {
      const { text, written } = exportHostsAsSshConfig(hosts, hostIds, folderIds);
      saveExportedText(file, text, replace);
      return { path: file, written };
    },
    'tunnels:list': () => tunnels.list(),
    'tunnels:save': (input) => tunnels.save(input),
    'tunnels:remove': async ({ hostId, forwardId }) => (await tunnels.remove(hostId, forwardId), null),
    'tunnels:toggle': ({ hostId, forwardId, on }, ctx) => tunnels.toggle(ctx.clientId, hostId, forwardId, on),
    'knownHosts:settings': () => knownHostsView(),
    'knownHosts:setSettings': (input) => (deps.store.set('knownHosts', { ...settings.get('knownHosts'), ...input }), knownHostsView()),
    'knownHosts:removeEntry': async ({ file, line, fingerprint }) => (await knownHosts.removeEntry(file, line, fingerprint), null),
    'snippets:list': () => snippets.list(),
    'snippets:save': (input) => snippets.save(input),
    'snippets:remove': ({ id }) => (snippets.remove(id), null),
    'edit:open': ({ browserId, path }, ctx) => edits.open(ctx.clientId, browserId, path),
    'edit:stop': ({ editId }, ctx) => edits.stop(ctx.clientId, editId),
    'edit:resolve': async ({ editId, choice }, ctx) => (await edits.resolve(ctx.clientId, editId, choice), null),
    'edit:upload': async ({ editId }, ctx) => (await edits.retry(ctx.clientId, editId), null),
    'edit:getEditor': () => edits.editor(),
    'edit:setEditor': (input) => edits.setEditor(input),
    'session:cwd': async ({ sessionId }, ctx) => {
      const connection = sessions.connectionOf(ctx.clientId, sessionId);
      return { path: await shellCwd(connection.client, { ms: connection.replyTimeoutMs, signal: connection.signal }) };
    },
  };
  return {
    handlers,
    hosts,
    sessions,
    pool,
    knownHosts,
    files,
    tunnels,
    trayModel: desktopTunnels.trayModel,
    onTrayChange: desktopTunnels.onTrayChange,
    toggleFromTray: desktopTunnels.toggle,
    onForwardNotice: desktopTunnels.onNotice,
    onPromptNeedsWindow: (listener) => prompter.onNeedsWindow(listener),
    launchForwards: tunnels.startAtLaunch(),
    dispose: async () => {
      sessions.closeAll();
      await recordings.stopAll(); // the last output is in the files before the app quits
      await transfers.suspend(); // before the connections go: their transfers would only pause, and a striped one's last record would be lost
      await edits.stopAll(); // a save under way reaches the server before its connection goes
      files.closeAll();
      await tunnels.closeAll();
    },
  };
}
