// Which process listens on a TCP port, so "port in use" can name it. Linux
// only, best effort: the listening socket's inode comes from /proc/net/tcp{,6},
// its owner from the /proc/<pid>/fd links we are allowed to read. Elsewhere,
// or when the owner is another user's process, the answer is null.
import { readFile, readdir, readlink } from 'node:fs/promises';

export interface PortHolder {
  pid: number;
  /** The program's name as the kernel knows it (/proc/<pid>/comm). */
  name: string;
}

const LISTEN = '0A';

export async function findPortHolder(port: number): Promise<PortHolder | null> {
  if (process.platform !== 'linux') return null;
  try {
    const inodes = new Set<string>();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      const text = await readFile(table, 'utf8').catch(() => '');
      for (const line of text.split('\n').slice(1)) {
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …
        const fields = line.trim().split(/\s+/);
        const local = fields[1];
        if (!local || fields[3] !== LISTEN) continue;
        if (Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port && fields[9] && fields[9] !== '0') inodes.add(fields[9]);
      }
    }
    if (inodes.size === 0) return null;
    // Our own process first: the common case is another tunnel of ours.
    const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
    pids.sort((a, b) => (Number(a) === process.pid ? -1 : Number(b) === process.pid ? 1 : 0));
    for (const pid of pids) {
      const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
      for (const fd of fds) {
        const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
        const match = /^socket:\[(\d+)\]$/.exec(target);
        if (match && inodes.has(match[1]!)) {
          const name = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
          return { pid: Number(pid), name: name || 'unknown' };
        }
      }
    }
  } catch {
    // /proc missing or unreadable: say nothing rather than something wrong.
  }
  return null;
}
