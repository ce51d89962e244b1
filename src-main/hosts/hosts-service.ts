// Saved hosts and folders: a flat list of each, nested by parent ids.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { FolderView, HostTree, HostView, hostInput } from '../../src-shared/contract';
import type { SettingsStore } from '../storage/store';
import type { SecretBox } from '../secrets/secret-box';
import { AppError } from '../errors/app-error';
import { HOST_DEFAULTS, HOSTS_SCHEMA_VERSION, loadTree, type StoredForward, type StoredHost, type StoredTree } from './hosts-model';

type HostInput = z.output<typeof hostInput>;

const TREE_KEY = 'hosts';
const VERSION_KEY = 'hostsSchemaVersion';

export class HostsService {
  private tree: StoredTree;
  private readOnlyReason: string | null = null;
  readonly notices: string[] = [];

  constructor(
    private readonly store: SettingsStore,
    private readonly secrets: SecretBox,
  ) {
    const loaded = loadTree(store.get(VERSION_KEY), store.get(TREE_KEY));
    if (loaded.kind === 'ok') {
      this.tree = loaded.tree;
      if (loaded.migratedFrom !== null) this.persist();
    } else if (loaded.kind === 'newer') {
      this.tree = { folders: [], hosts: [] };
      this.readOnlyReason = `Your hosts were saved by a newer version of Warren (format ${loaded.version}). Update Warren to see them; nothing will be changed until then.`;
      this.notices.push(this.readOnlyReason);
    } else {
      this.tree = { folders: [], hosts: [] };
      this.readOnlyReason = `The saved hosts in ${store.path} could not be read (${loaded.reason}). Fix or move that file and restart; Warren will not overwrite it.`;
      this.notices.push(this.readOnlyReason);
    }
  }

  list(): HostTree {
    return { folders: this.tree.folders.map((f) => ({ ...f })), hosts: this.tree.hosts.map(toView) };
  }

  get(id: string): StoredHost {
    const host = this.tree.hosts.find((h) => h.id === id);
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

  /** Saves a password or passphrase that just worked, when the user asked to remember it. */
  async remember(hostId: string, secret: { password?: string; passphrase?: string }): Promise<void> {
    if (!this.secrets.available || this.readOnlyReason) return;
    const host = this.tree.hosts.find((h) => h.id === hostId);
    if (!host) return;
    const auth = { ...host.auth };
    if (secret.password !== undefined) auth.sealedPassword = await this.secrets.encrypt(secret.password);
    if (secret.passphrase !== undefined) auth.sealedPassphrase = await this.secrets.encrypt(secret.passphrase);
    this.tree.hosts = this.tree.hosts.map((h) => (h.id === hostId ? { ...h, auth } : h));
    this.persist();
  }

  async saveHost(input: HostInput): Promise<HostView> {
    this.assertWritable();
    this.assertFolder(input.folderId);
    const existing = input.id ? this.tree.hosts.find((h) => h.id === input.id) : undefined;
    if (input.id && !existing) throw new AppError('not-found', 'That host no longer exists.');
    const typed = input.auth.password;
    if (typed && !this.secrets.available) {
      throw new AppError('secrets-unavailable', `Warren cannot store passwords on this machine: ${this.secrets.unavailableReason ?? 'no keychain'}. Leave the password empty; Warren will ask for it when connecting.`);
    }
    const sealedPassword = typed === undefined ? existing?.auth.sealedPassword : typed === '' ? undefined : await this.secrets.encrypt(typed);
    const keyPath = input.auth.keyPath?.trim() || null;
    // A passphrase belongs to one key file: a different file forgets it.
    const keepPassphrase = !input.auth.forgetPassphrase && existing?.auth.keyPath === keyPath;
    const sealedPassphrase = keepPassphrase ? existing?.auth.sealedPassphrase : undefined;
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
      hostKeyPolicy: input.hostKeyPolicy,
      folderId: input.folderId,
      // The host form does not edit forwards: keep them.
      forwards: existing?.forwards ?? [],
      exitOnForwardFailure: input.exitOnForwardFailure ?? existing?.exitOnForwardFailure ?? false,
      jumpHosts: input.jumpHosts ?? existing?.jumpHosts ?? HOST_DEFAULTS.jumpHosts,
      keepaliveIntervalSec: input.keepaliveIntervalSec ?? existing?.keepaliveIntervalSec ?? HOST_DEFAULTS.keepaliveIntervalSec,
      keepaliveCountMax: input.keepaliveCountMax ?? existing?.keepaliveCountMax ?? HOST_DEFAULTS.keepaliveCountMax,
      agentForward: input.agentForward ?? existing?.agentForward ?? HOST_DEFAULTS.agentForward,
    };
    this.tree.hosts = existing ? this.tree.hosts.map((h) => (h.id === host.id ? host : h)) : [...this.tree.hosts, host];
    this.persist();
    return toView(host);
  }

  /** Adds or replaces one saved forward of a host. */
  saveForward(hostId: string, forward: StoredForward): void {
    this.assertWritable();
    const host = this.get(hostId);
    const forwards = host.forwards.some((f) => f.id === forward.id) ? host.forwards.map((f) => (f.id === forward.id ? forward : f)) : [...host.forwards, forward];
    this.tree.hosts = this.tree.hosts.map((h) => (h.id === hostId ? { ...h, forwards } : h));
    this.persist();
  }

  removeForward(hostId: string, forwardId: string): void {
    this.assertWritable();
    const host = this.get(hostId);
    this.tree.hosts = this.tree.hosts.map((h) => (h.id === hostId ? { ...h, forwards: host.forwards.filter((f) => f.id !== forwardId) } : h));
    this.persist();
  }

  /** Writes a host built by the importer as it is (a re-import keeps its id, folder, secrets and own forwards). */
  putImported(host: StoredHost): void {
    this.assertWritable();
    this.assertFolder(host.folderId);
    const exists = this.tree.hosts.some((h) => h.id === host.id);
    this.tree.hosts = exists ? this.tree.hosts.map((h) => (h.id === host.id ? host : h)) : [...this.tree.hosts, host];
    this.persist();
  }

  importedFrom(file: string, alias: string): StoredHost | undefined {
    return this.tree.hosts.find((h) => h.imported?.file === file && h.imported.alias === alias);
  }

  /** The top-level folder of this name, made if missing. */
  folderNamed(name: string): string {
    const found = this.tree.folders.find((f) => f.parentId === null && f.name === name);
    return found ? found.id : this.saveFolder({ name, parentId: null }).id;
  }

  /** A saved host by its name (jump hosts refer to each other by name, as ssh_config aliases do). */
  findByName(name: string): StoredHost | undefined {
    return this.tree.hosts.find((h) => h.name === name);
  }

  /** Every saved forward of every host, in tree order. */
  allForwards(): Array<{ host: StoredHost; forward: StoredForward }> {
    return this.tree.hosts.flatMap((host) => host.forwards.map((forward) => ({ host, forward })));
  }

  removeHost(id: string): void {
    this.assertWritable();
    this.get(id);
    this.tree.hosts = this.tree.hosts.filter((h) => h.id !== id);
    this.persist();
  }

  saveFolder(input: { id?: string | undefined; name: string; parentId: string | null }): FolderView {
    this.assertWritable();
    this.assertFolder(input.parentId);
    const existing = input.id ? this.tree.folders.find((f) => f.id === input.id) : undefined;
    if (input.id && !existing) throw new AppError('not-found', 'That folder no longer exists.');
    if (existing && input.parentId && this.isWithin(input.parentId, existing.id)) {
      throw new AppError('invalid-move', 'A folder cannot be put inside itself.');
    }
    const folder = { id: existing?.id ?? randomUUID(), name: input.name, parentId: input.parentId };
    this.tree.folders = existing ? this.tree.folders.map((f) => (f.id === folder.id ? folder : f)) : [...this.tree.folders, folder];
    this.persist();
    return { ...folder };
  }

  /** Ids of the hosts in the folder and its subfolders (what removeFolder would delete). */
  hostsUnder(folderId: string): string[] {
    return this.tree.hosts.filter((h) => h.folderId !== null && this.isWithin(h.folderId, folderId)).map((h) => h.id);
  }

  /** Removes the folder, its subfolders and every host in them. */
  removeFolder(id: string): void {
    this.assertWritable();
    this.assertFolder(id);
    const doomed = new Set(this.tree.folders.filter((f) => this.isWithin(f.id, id)).map((f) => f.id));
    this.tree.folders = this.tree.folders.filter((f) => !doomed.has(f.id));
    this.tree.hosts = this.tree.hosts.filter((h) => h.folderId === null || !doomed.has(h.folderId));
    this.persist();
  }

  move(kind: 'host' | 'folder', id: string, folderId: string | null): void {
    this.assertWritable();
    this.assertFolder(folderId);
    if (kind === 'host') {
      this.get(id);
      this.tree.hosts = this.tree.hosts.map((h) => (h.id === id ? { ...h, folderId } : h));
    } else {
      const folder = this.tree.folders.find((f) => f.id === id);
      if (!folder) throw new AppError('not-found', 'That folder no longer exists.');
      if (folderId && this.isWithin(folderId, id)) throw new AppError('invalid-move', 'A folder cannot be put inside itself.');
      this.tree.folders = this.tree.folders.map((f) => (f.id === id ? { ...f, parentId: folderId } : f));
    }
    this.persist();
  }

  /** True when `folderId` is `ancestorId` or lies somewhere below it. */
  private isWithin(folderId: string, ancestorId: string): boolean {
    const seen = new Set<string>();
    for (let at: string | null = folderId; at && !seen.has(at); ) {
      if (at === ancestorId) return true;
      seen.add(at);
      at = this.tree.folders.find((f) => f.id === at)?.parentId ?? null;
    }
    return false;
  }

  private assertFolder(id: string | null): void {
    if (id !== null && !this.tree.folders.some((f) => f.id === id)) {
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
    if (this.readOnlyReason) throw new AppError('read-only', this.readOnlyReason);
  }

  private persist(): void {
    this.store.set(TREE_KEY, this.tree);
    this.store.set(VERSION_KEY, HOSTS_SCHEMA_VERSION);
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
  return { id, name, host: address, port, username, auth, hostKeyPolicy, folderId, exitOnForwardFailure, jumpHosts, keepaliveIntervalSec, keepaliveCountMax, agentForward };
}
