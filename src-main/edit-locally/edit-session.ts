// One remote file open in the user's editor: watches the local copy and sends
// each save to the server, one at a time, unless the server's copy changed
// since Warren last read or wrote it; then it asks (state 'conflict') and
// waits for the user's choice. Whatever fails, the local copy keeps the edit
// and every message says where it is.
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import type { EditChoice, EditState, EditView } from '../../src-shared/contract';
import { AppError } from '../errors/app-error';
import { CopyWatcher, digest, writePrivate } from './local-copy';
import { readRemote, remoteFacts, sameVersion, writeRemote, type RemoteFacts } from './remote-copy';

export interface EditSessionDeps {
  /** The browser's SFTP channel now (it changes when the tab reconnects); throws when there is none. */
  sftp(): SFTPWrapper;
  emit(view: EditView): void;
  /** How long the local file must be quiet before a save is sent. */
  quietMs?: number;
}

interface Opened {
  editId: string;
  browserId: string;
  remotePath: string;
  localPath: string;
  /** The server's version the local copy was made from. */
  base: RemoteFacts;
  /** The digest of the content both sides hold. */
  synced: string;
}

export class EditSession {
  browserId: string;
  private state: EditState = 'watching';
  private message: string | null = null;
  private uploads = 0;
  private lastUploadAt: number | null = null;
  private base: RemoteFacts;
  private synced: string;
  private seen: { size: number; mtimeMs: number } | null = null;
  private backups = 0;
  private queue: Promise<void> = Promise.resolve();
  private readonly watcher: CopyWatcher;
  readonly editId: string;
  readonly remotePath: string;
  readonly localPath: string;

  constructor(
    opened: Opened,
    private readonly deps: EditSessionDeps,
  ) {
    ({ editId: this.editId, browserId: this.browserId, remotePath: this.remotePath, localPath: this.localPath, base: this.base, synced: this.synced } = opened);
    this.watcher = new CopyWatcher(this.localPath, () => this.enqueue(() => this.save({})), deps.quietMs);
  }

  private get name(): string {
    return path.posix.basename(this.remotePath);
  }

  view(): EditView {
    const { editId, browserId, remotePath, localPath, state, uploads, lastUploadAt, message } = this;
    return { editId, browserId, remotePath, localPath, state, uploads, lastUploadAt, message };
  }

  private set(state: EditState, message: string | null): void {
    this.state = state;
    this.message = message;
    this.deps.emit(this.view());
  }

  /** One step at a time: saves, reloads and answers never interleave. */
  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(() => (this.state === 'stopped' ? undefined : step()));
    this.queue = next.catch(() => {});
    return next;
  }

  /** Sends the local copy if it differs from what both sides hold; `overwrite` skips the check of the server's version. */
  private async save({ overwrite = false, retry = false }: { overwrite?: boolean; retry?: boolean }): Promise<void> {
    const info = await stat(this.localPath).catch(() => null);
    // Gone for a moment while an editor renames its new file into place: the next event brings it.
    if (!info) return;
    const unchanged = this.seen && info.size === this.seen.size && info.mtimeMs === this.seen.mtimeMs;
    if (unchanged && !overwrite && !retry) return;
    this.seen = { size: info.size, mtimeMs: info.mtimeMs };
    const data = await readFile(this.localPath);
    const hash = digest(data);
    if (hash === this.synced && !overwrite) {
      if (this.state === 'failed') this.set('watching', null);
      return;
    }
    try {
      const sftp = this.deps.sftp();
      const now = await remoteFacts(sftp, this.remotePath);
      if (!overwrite && (!now || !sameVersion(now, this.base))) {
        this.set('conflict', now ? `${this.name} changed on the server since you opened it.` : `${this.name} was deleted on the server since you opened it.`);
        return;
      }
      this.set('uploading', null);
      this.base = await writeRemote(sftp, this.remotePath, data, (now ?? this.base).mode);
      this.synced = hash;
      this.uploads++;
      this.lastUploadAt = Date.now();
      this.set('watching', null);
    } catch (error) {
      const why = error instanceof AppError ? error.message : `Could not save ${this.remotePath}: ${(error as Error).message}.`;
      this.set('failed', `${why} Your changes are kept in ${this.localPath}.`);
    }
  }

  /** The user's answer to a conflict. */
  resolve(choice: EditChoice): Promise<void> {
    if (choice === 'overwrite') return this.enqueue(() => this.save({ overwrite: true }));
    if (choice === 'reload') return this.enqueue(() => this.reload());
    return this.enqueue(async () => {
      if (this.state === 'conflict') this.set('watching', `Not uploaded: the server's copy changed. Your changes stay in ${this.localPath}; save again to be asked again.`);
    });
  }

  /** Tries the last save again. */
  retry(): Promise<void> {
    return this.enqueue(() => this.save({ retry: true }));
  }

  /** Replaces the local copy with the server's version; the local version is set aside first, never dropped. */
  private async reload(): Promise<void> {
    try {
      const { data, facts } = await readRemote(this.deps.sftp(), this.remotePath);
      const mine = await readFile(this.localPath).catch(() => null);
      let kept: string | null = null;
      if (mine && digest(mine) !== this.synced) {
        const ext = path.extname(this.localPath);
        kept = path.join(path.dirname(this.localPath), `${path.basename(this.localPath, ext)} (your version${++this.backups > 1 ? ` ${this.backups}` : ''})${ext}`);
        await writePrivate(kept, mine);
      }
      // Set before the write, so the watcher's event for it finds nothing to send.
      this.synced = digest(data);
      this.base = facts;
      await writePrivate(this.localPath, data);
      this.set('watching', kept ? `Reloaded the server's version. Your version is kept in ${kept}.` : "Reloaded the server's version.");
    } catch (error) {
      const why = error instanceof AppError ? error.message : (error as Error).message;
      this.set('failed', `Could not reload ${this.remotePath}: ${why} Your changes are kept in ${this.localPath}.`);
    }
  }

  /**
   * Stops watching. The private folder is removed when the server has
   * everything in it; otherwise it stays and its path is returned.
   */
  async stop({ silent = false } = {}): Promise<string | null> {
    this.watcher.close();
    // A save already under way finishes first.
    await this.queue;
    const mine = await readFile(this.localPath).catch(() => null);
    const unsent = mine !== null && digest(mine) !== this.synced;
    const kept = unsent || this.backups > 0 ? this.localPath : null;
    this.state = 'stopped';
    if (!silent) this.set('stopped', kept ? `Stopped. Your unsent changes are kept in ${kept}.` : 'Stopped.');
    if (!kept) await rm(path.dirname(this.localPath), { recursive: true, force: true });
    return kept;
  }
}
