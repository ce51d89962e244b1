// Full and read-only disks for tests, on small tmpfs mounts (root only; a
// test without one says why it skipped).
import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { tmpfs, unmount } from './key-fixtures';

/** Tmpfs mounts made by one test file, all unmounted by `unmountAll` (call it in afterEach). */
export class TmpfsMounts {
  private readonly dirs: string[] = [];

  /** A new tmpfs with mount `options` (e.g. 'size=64k'), or null with the reason printed. */
  mount(options: string): string | null {
    const dir = tmpfs(options);
    if (dir) this.dirs.push(dir);
    else console.log(`skipped: mounting a tmpfs needs root with CAP_SYS_ADMIN (uid ${process.getuid?.()})`);
    return dir;
  }

  unmountAll(): void {
    for (const dir of this.dirs.splice(0)) unmount(dir);
  }
}

/** Takes every free page of the file system under `dir` (a file named `filler`). */
export function fillDisk(dir: string): void {
  const fd = openSync(path.join(dir, 'filler'), 'w');
  try {
    for (const size of [64 * 1024, 4096, 1]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
}
