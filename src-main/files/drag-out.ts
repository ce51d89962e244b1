// Dragging remote files out to the desktop: Electron's startDrag only takes
// files that exist, so they are downloaded to a folder of our own under the
// temp dir first. Only paths staged here may be handed to startDrag, and the
// staging folders are removed when the app quits (and after an hour).
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import { AppError } from '../errors/app-error';
import { lstatOrNull } from '../sftp/remote-fs';
import { downloadFile } from '../sftp/transfer';

/** A drag must start while the button is held: more than this is for the local pane and the queue. */
export const DRAG_OUT_LIMIT = 256 * 1024 * 1024;
const PREFIX = 'warren-drag-';
const MAX_AGE_MS = 60 * 60 * 1000;

export class DragOutStaging {
  private readonly dirs = new Set<string>();

  constructor(private readonly root = os.tmpdir()) {}

  /** Downloads the remote files into a new staging folder; resolves with their local paths, in order. */
  async stage(sftp: SFTPWrapper, remotePaths: string[]): Promise<string[]> {
    const entries = await Promise.all(remotePaths.map((p) => lstatOrNull(sftp, p).then((e) => ({ p, e }))));
    for (const { p, e } of entries) {
      if (!e) throw new AppError('not-found', `Cannot drag ${p} out: it no longer exists on the server.`);
      if (e.kind !== 'file') throw new AppError('drag-out-kind', `Only files can be dragged to the desktop; ${p} is a ${e.kind === 'dir' ? 'folder' : e.kind}. Drag it to the local pane instead.`);
    }
    const total = entries.reduce((n, { e }) => n + e!.size, 0);
    if (total > DRAG_OUT_LIMIT) {
      throw new AppError('drag-out-too-large', `That is ${Math.round(total / 1048576)} MiB: too much to fetch while the mouse is held. Drag it to the local pane instead, where the transfer queue shows progress.`);
    }
    const names = new Set<string>();
    for (const { p } of entries) {
      const name = path.posix.basename(p);
      if (names.has(name)) throw new AppError('drag-out-names', `Two of the dragged files are called ${name}; drag them one at a time.`);
      names.add(name);
    }
    await this.sweep();
    const dir = await mkdtemp(path.join(this.root, PREFIX));
    this.dirs.add(dir);
    try {
      return await Promise.all(entries.map(async ({ p }) => {
        const local = path.join(dir, path.posix.basename(p));
        await downloadFile(sftp, p, local);
        return local;
      }));
    } catch (error) {
      await this.remove(dir);
      throw error;
    }
  }

  /** True only for a file this process staged: the one check before startDrag. */
  owns(file: string): boolean {
    const resolved = path.resolve(file);
    return [...this.dirs].some((dir) => path.dirname(resolved) === dir);
  }

  async cleanup(): Promise<void> {
    await Promise.all([...this.dirs].map((dir) => this.remove(dir)));
  }

  /** Drops staging folders older than an hour: the drop has long happened. */
  private async sweep(): Promise<void> {
    const now = Date.now();
    for (const dir of this.dirs) {
      const info = await stat(dir).catch(() => null);
      if (!info || now - info.mtimeMs > MAX_AGE_MS) await this.remove(dir);
    }
  }

  private async remove(dir: string): Promise<void> {
    this.dirs.delete(dir);
    await rm(dir, { recursive: true, force: true });
  }

  /** For tests: what is in the staging root that belongs to Warren. */
  async leftovers(): Promise<string[]> {
    return (await readdir(this.root)).filter((n) => n.startsWith(PREFIX) && this.dirs.has(path.join(this.root, n)));
  }
}
