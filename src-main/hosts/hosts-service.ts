// Saved hosts and folders: a flat list of each, nested by parent ids. Every
// change is built against the latest state on disk and written (hosts-file)
// before memory changes: a save that fails changes nothing and says why.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { z } from 'zod';
import type { ConnectionSettings, FolderView, HostTree, HostView, hostInput } from '../../src-shared/contract';
import { defaultConnectionSettings } from '../../src-shared/connection-settings';
import type { SettingsStore } from '../storage/store';
import type { SecretBox } from '../secrets/secret-box';
import { AppError } from '../errors/app-error';
import { HOST_DEFAULTS, type StoredFolder, type StoredForward, type StoredHost } from './hosts-model';
import { HostsFile, type Change } from './hosts-file';
import { algorithmsField } from '../algorithms/algorithms';
import { identityFields, loginFields } from './identity-fields';
import { sessionFields, sessionView } from './session-fields';

type HostInput = z.output<typeof hostInput>;

export interface HostsOptions {
  /** Where hosts.json lives; defaults to the settings file's folder. */
  dir?: string;
  /** Problems worth a line in the main log (a compaction that failed, a password that could not be remembered). */
  log?: (line: string) => void;
  /** Tells the user something after start-up (the start-up ones are in `notices`). */
  notice?: (text: string) => void;
  /** What a new host starts with where the form leaves a field out (Settings → Connections). */
  defaults?: () => ConnectionSettings;
  /** Told after a connect time was saved (the renderer's Recent group). */
  onConnected?: (hostId: string, at: number) => void;
}

export class HostsService {
  private readonly file: HostsFile;
  /** Start-up notices: read-only folder, unreadable or newer hosts file. */
  readonly notices: string[];
  private rememberFailed = false;

  /** `store` is the settings file: hosts still in it (from before hosts.json) are moved out on the first start. */
  constructor(
    store: SettingsStore,
    private readonly secrets: SecretBox,
    private readonly options: HostsOptions = {},
  ) {
    this.file = new HostsFile(options.dir ?? path.dirname(store.path), store, options.log);
    this.notices = this.file.notices;
  }

  /** Where the hosts are saved, and how big the files are (for tests and the benchmark). */
  get storage(): { file: string; log: string; sizes: ReturnType<HostsFile['sizes']> } {
    return { file: this.file.file, log: this.file.logFile, sizes: this.file.sizes() };
  }

  list(): HostTree {
    this.file.refresh();
    return { folders: [...this.file.folders.values()].map((f) => ({ ...f })), hosts: [...this.file.hosts.values()].map(toView) };
  }

  get(id: string): StoredHost {
    const host = this.file.hosts.get(id);
    if (!host) throw new AppError('not-found', 'That host no longer exists. It may have been deleted in another window.');
    return host;
  }

  /** The decrypted saved password, or undefined (none saved, or it can no longer be decrypted). */
  async savedPassword(host: StoredHost): Promise<string | undefined> {
    return this.open(host.auth.sealedPassword);
  }

  async savedPassphrase(host: StoredHost): Promise<string | undefined> {
    return this.open(host.auth.sealedPassphrase);
  }

  /**
   * Saves a password or passphrase that just worked, when the user asked to
   * remember it. Never rejects (callers fire and forget it): a failure is
   * logged, and told to the user once.
   */
  async remember(hostId: string, secret: { password?: string; passphrase?: string }): Promise<void> {
    if (!this.secrets.available || this.file.readOnlyReason) return;
    try {
      const sealedPassword = secret.password === undefined ? undefined : await this.secrets.encrypt(secret.password);
      const sealedPassphrase = secret.passphrase === undefined ? undefined : await this.secrets.encrypt(secret.passphrase);
      this.file.commit(() => {
        const host = this.file.hosts.get(hostId);
        if (!host) return [[], undefined];
        const auth = { ...host.auth, ...(sealedPassword ? { sealedPassword } : {}), ...(sealedPassphrase ? { sealedPassphrase } : {}) };
        return [[{ put: 'host', host: { ...host, auth } }], undefined];
      });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      this.options.log?.(`hosts: could not remember the ${secret.password !== undefined ? 'password' : 'passphrase'} for host ${hostId}: ${why}`);
      if (!this.rememberFailed) this.options.notice?.(`Warren logged in, but could not save the ${secret.password !== undefined ? 'password' : 'passphrase'} to remember it: ${why} It will ask again next time.`);
      this.rememberFailed = true;
    }
  }

  async saveHost(input: HostInput): Promise<HostView> {
    this.assertWritable();
    const typed = input.auth.password;
    if (typed && !this.secrets.available) {
      throw new AppError('secrets-unavailable', `Warren cannot store passwords on this machine: ${this.secrets.unavailableReason ?? 'no keychain'}. Leave the password empty; Warren will ask for it when connecting.`);
    }
    const sealedTyped = typed ? await this.secrets.encrypt(typed) : undefined;
    // Built against the state on disk at the moment of writing (another Warren may have changed it).
    return this.file.commit(() => {
      const host = this.buildHost(input, typed === undefined ? 'keep' : sealedTyped);
      return [[{ put: 'host', host }], toView(host)];
    });
  }

  /** `sealedPassword`: 'keep' the saved one, or the new one (undefined: none). */
  private buildHost(input: HostInput, sealed: string | undefined | 'keep'): StoredHost {
    this.assertFolder(input.folderId);
    const existing = input.id ? this.file.hosts.get(input.id) : undefined;
    if (input.id && !existing) throw new AppError('not-found', 'That host no longer exists.');
    const sealedPassword = sealed === 'keep' ? existing?.auth.sealedPassword : sealed;
    const keyPath = input.auth.keyPath?.trim() || null;
    // A passphrase belongs to one key file: a different file forgets it.
    const keepPassphrase = !input.auth.forgetPassphrase && existing?.auth.keyPath === keyPath;
    const sealedPassphrase = keepPassphrase ? existing?.auth.sealedPassphrase : undefined;
    const defaults = this.options.defaults?.() ?? defaultConnectionSettings;
    const color = input.color === undefined ? existing?.color : (input.color ?? undefined);
    const tags = input.tags === undefined ? existing?.tags : [...new Set(input.tags)];
    const favourite = input.favourite ?? existing?.favourite;
    const host: StoredHost = {
      id: existing?.id ?? randomUUID(),
      name: input.name,
      host: input.host,
      port: input.port,
      username: input.username,
      auth: {
        keyPath,
        useAgent: input.auth.useAgent,
        ...(sealedPassword ? { sealedPassword } : {}),
        ...(sealedPassphrase ? { sealedPassphrase } : {}),
      },
      hostKeyPolicy: input.hostKeyPolicy ?? existing?.hostKeyPolicy ?? defaults.hostKeyPolicy,
      folderId: input.folderId,
      // The host form does not edit forwards: keep them.
      forwards: existing?.forwards ?? [],
      exitOnForwardFailure: input.exitOnForwardFailure ?? existing?.exitOnForwardFailure ?? false,
      jumpHosts: input.jumpHosts ?? existing?.jumpHosts ?? HOST_DEFAULTS.jumpHosts,
      keepaliveIntervalSec: input.keepaliveIntervalSec ?? existing?.keepaliveIntervalSec ?? defaults.keepaliveIntervalSec,
      keepaliveCountMax: input.keepaliveCountMax ?? existing?.keepaliveCountMax ?? defaults.keepaliveCountMax,
      agentForward: input.agentForward ?? existing?.agentForward ?? HOST_DEFAULTS.agentForward,
      recordSessions: input.recordSessions ?? existing?.recordSessions ?? 'off',
      ...(color ? { color } : {}),
      ...(tags && tags.length > 0 ? { tags } : {}),
      ...(favourite ? { favourite } : {}),
      ...(existing?.lastConnectedAt ? { lastConnectedAt: existing.lastConnectedAt } : {}),
      ...proxyCommandField(input.proxyCommand ?? existing?.proxyCommand),
      ...((input.separateConnections ?? existing?.separateConnections) ? { separateConnections: true } : {}),
      ...algorithmsField(input.algorithms ?? existing?.algorithms),
      ...identityFields(input, existing),
      ...loginFields(input, existing),
      ...sessionFields(input, existing),
    };
    // OpenSSH takes whichever of the two comes first; a form has no "first", so it must be one.
    if (host.proxyCommand && host.jumpHosts.length > 0) throw new AppError('invalid-input', 'A host reaches its server either through jump hosts or through a proxy command, not both. Clear one of them.');
    return host;
  }

  /** Pins the host to Favourites (or unpins it). */
  setFavourite(id: string, on: boolean): HostView {
    this.assertWritable();
    return this.file.commit(() => {
      const { favourite: _was, ...rest } = this.get(id);
      const host: StoredHost = on ? { ...rest, favourite: true } : rest;
      return [[{ put: 'host', host }], toView(host)];
    });
  }

  /**
   * Saves when the host last connected (the tree's Recent group). Never throws:
   * a connection that worked must not fail because the time could not be saved.
   */
  markConnected(id: string, at = Date.now()): void {
    if (this.file.readOnlyReason) return;
    try {
      const saved = this.file.commit(() => {
        const host = this.file.hosts.get(id);
        return host ? [[{ put: 'host', host: { ...host, lastConnectedAt: at } }], true] : [[], false];
      });
      if (saved) this.options.onConnected?.(id, at);
    } catch (error) {
      this.options.log?.(`hosts: could not save when host ${id} last connected: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Adds or replaces one saved forward of a host. */
  saveForward(hostId: string, forward: StoredForward): void {
    this.change(() => {
      const host = this.get(hostId);
      const forwards = host.forwards.some((f) => f.id === forward.id) ? host.forwards.map((f) => (f.id === forward.id ? forward : f)) : [...host.forwards, forward];
      return [{ put: 'host', host: { ...host, forwards } }];
    });
  }

  removeForward(hostId: string, forwardId: string): void {
    this.change(() => {
      const host = this.get(hostId);
      return [{ put: 'host', host: { ...host, forwards: host.forwards.filter((f) => f.id !== forwardId) } }];
    });
  }

  /** Writes a host built by the importer as it is (a re-import keeps its id, folder, secrets and own forwards). */
  putImported(host: StoredHost): void {
    this.change(() => (this.assertFolder(host.folderId), [{ put: 'host', host }]));
  }

  importedFrom(file: string, alias: string): StoredHost | undefined {
    return this.hostList().find((h) => h.imported?.file === file && h.imported.alias === alias);
  }

  /** The top-level folder of this name, made if missing. */
  folderNamed(name: string): string {
    const found = [...this.file.folders.values()].find((f) => f.parentId === null && f.name === name);
    return found ? found.id : this.saveFolder({ name, parentId: null }).id;
  }

  /** A saved host by its name (jump hosts refer to each other by name, as ssh_config aliases do). */
  findByName(name: string): StoredHost | undefined {
    return this.hostList().find((h) => h.name === name);
  }

  /** Every saved forward of every host, in tree order. */
  allForwards(): Array<{ host: StoredHost; forward: StoredForward }> {
    return this.hostList().flatMap((host) => host.forwards.map((forward) => ({ host, forward })));
  }

  removeHost(id: string): void {
    this.change(() => (this.get(id), [{ del: 'host', id }]));
  }

  saveFolder(input: { id?: string | undefined; name: string; parentId: string | null }): FolderView {
    return this.file.commit(() => {
      this.assertFolder(input.parentId);
      const existing = input.id ? this.file.folders.get(input.id) : undefined;
      if (input.id && !existing) throw new AppError('not-found', 'That folder no longer exists.');
      if (existing && input.parentId && this.isWithin(input.parentId, existing.id)) {
        throw new AppError('invalid-move', 'A folder cannot be put inside itself.');
      }
      const folder: StoredFolder = { id: existing?.id ?? randomUUID(), name: input.name, parentId: input.parentId };
      return [[{ put: 'folder', folder }], { ...folder }];
    });
  }

  /** Ids of the hosts in the folder and its subfolders (what removeFolder would delete). */
  hostsUnder(folderId: string): string[] {
    return this.hostList().filter((h) => h.folderId !== null && this.isWithin(h.folderId, folderId)).map((h) => h.id);
  }

  /** Removes the folder, its subfolders and every host in them, in one change. */
  removeFolder(id: string): void {
    this.change(() => {
      this.assertFolder(id);
      const doomed = new Set([...this.file.folders.keys()].filter((f) => this.isWithin(f, id)));
      const hosts = this.hostList().filter((h) => h.folderId !== null && doomed.has(h.folderId));
      return [...hosts.map((h): Change => ({ del: 'host', id: h.id })), ...[...doomed].map((f): Change => ({ del: 'folder', id: f }))];
    });
  }

  move(kind: 'host' | 'folder', id: string, folderId: string | null): void {
    this.change(() => {
      this.assertFolder(folderId);
      if (kind === 'host') return [{ put: 'host', host: { ...this.get(id), folderId } }];
      const folder = this.file.folders.get(id);
      if (!folder) throw new AppError('not-found', 'That folder no longer exists.');
      if (folderId && this.isWithin(folderId, id)) throw new AppError('invalid-move', 'A folder cannot be put inside itself.');
      return [{ put: 'folder', folder: { ...folder, parentId: folderId } }];
    });
  }

  private change(build: () => Change[]): void {
    this.assertWritable();
    this.file.commit(() => [build(), undefined]);
  }

  private hostList(): StoredHost[] {
    return [...this.file.hosts.values()];
  }

  /** True when `folderId` is `ancestorId` or lies somewhere below it. */
  private isWithin(folderId: string, ancestorId: string): boolean {
    const seen = new Set<string>();
    for (let at: string | null = folderId; at && !seen.has(at); ) {
      if (at === ancestorId) return true;
      seen.add(at);
      at = this.file.folders.get(at)?.parentId ?? null;
    }
    return false;
  }

  private assertFolder(id: string | null): void {
    if (id !== null && !this.file.folders.has(id)) {
      throw new AppError('not-found', 'That folder no longer exists.');
    }
  }

  private async open(sealed: string | undefined): Promise<string | undefined> {
    if (!sealed || !this.secrets.available) return undefined;
    try {
      return await this.secrets.decrypt(sealed);
    } catch {
      // The keychain changed (new machine, reset keyring): ask the user instead.
      return undefined;
    }
  }

  private assertWritable(): void {
    if (this.file.readOnlyReason) throw new AppError('read-only', this.file.readOnlyReason);
  }
}

function toView(host: StoredHost): HostView {
  const auth: HostView['auth'] = {
    keyPath: host.auth.keyPath,
    useAgent: host.auth.useAgent,
    hasSavedPassword: Boolean(host.auth.sealedPassword),
    hasSavedPassphrase: Boolean(host.auth.sealedPassphrase),
  };
  const { id, name, host: address, port, username, hostKeyPolicy, folderId, exitOnForwardFailure, jumpHosts, keepaliveIntervalSec, keepaliveCountMax, agentForward } = host;
  return { id, name, host: address, port, username, auth, hostKeyPolicy, folderId, exitOnForwardFailure, jumpHosts, keepaliveIntervalSec, keepaliveCountMax, agentForward, recordSessions: host.recordSessions ?? 'off', color: host.color ?? null, tags: host.tags ?? [], favourite: host.favourite ?? false, lastConnectedAt: host.lastConnectedAt ?? null, proxyCommand: host.proxyCommand ?? null, separateConnections: host.separateConnections ?? false, algorithms: host.algorithms ?? {}, identityAgent: host.identityAgent ?? null, identityFiles: host.identityFiles ?? [], identitiesOnly: host.identitiesOnly ?? false, certificateFiles: host.certificateFiles ?? [], preferredAuthentications: host.preferredAuthentications ?? [], connectTimeoutSec: host.connectTimeoutSec ?? null, ...sessionView(host) };
}

/** `ProxyCommand none` (or an empty field) means connect directly: nothing is stored. */
function proxyCommandField(command: string | undefined): { proxyCommand?: string } {
  const text = command?.trim();
  return text && text.toLowerCase() !== 'none' ? { proxyCommand: text } : {};
}
