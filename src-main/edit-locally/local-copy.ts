// The local side of Edit locally: a private folder per edited file (0700, the
// file 0600: other users on this computer must not read a server's file), and
// a watcher that says when the editor may have saved.
import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const EDIT_FOLDER_PREFIX = 'warren-edit-';

export async function makePrivateFolder(root: string): Promise<string> {
  const dir = await mkdtemp(path.join(root, EDIT_FOLDER_PREFIX));
  await chmod(dir, 0o700);
  return dir;
}

/** Writes the file in place (an editor that has it open sees the same file change), readable by its owner only. */
export async function writePrivate(file: string, data: Buffer): Promise<void> {
  await writeFile(file, data, { mode: 0o600 });
  await chmod(file, 0o600);
}

export const digest = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Calls `onChange` once things have been quiet for `quietMs` after the file
 * (or anything named like it) changed. The folder is watched, not the file:
 * many editors save by writing a new file and renaming it over the old one,
 * which a watch on the file itself stops seeing.
 */
export class CopyWatcher {
  private readonly watcher: FSWatcher;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    file: string,
    private readonly onChange: () => void,
    private readonly quietMs = 300,
  ) {
    const name = path.basename(file);
    this.watcher = watch(path.dirname(file), (_event, changed) => {
      if (changed === null || changed === name) this.schedule();
    });
    // A watch that breaks (the folder removed) only means no more uploads; the session says so when asked.
    this.watcher.on('error', () => this.close());
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.onChange();
    }, this.quietMs);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.watcher.close();
  }
}
