// Records as Warren stores them on disk (a saved host, an unfinished
// transfer), for tests that write or check those files directly.
import type { JournalRecord } from '../src-main/transfers/transfer-journal';

/** A saved host in the stored format (hosts.json, or settings.json before it). */
export function storedHost(id: string, name: string, folderId: string | null) {
  return {
    id,
    name,
    host: `${name}.example.test`,
    port: 22,
    username: 'deploy',
    auth: { keyPath: '~/.ssh/id_ed25519', useAgent: true },
    hostKeyPolicy: 'ask',
    folderId,
    forwards: [],
    exitOnForwardFailure: false,
    jumpHosts: [],
    keepaliveIntervalSec: 30,
    keepaliveCountMax: 3,
    agentForward: false,
  };
}

/** An unfinished transfer's journal entry; `n` (a hex digit) tells entries apart. */
export function journalEntry(n: number | string): JournalRecord {
  return {
    transferId: `t${String(n).repeat(32)}`,
    hostId: 'h1',
    direction: 'download',
    name: 'x.bin',
    source: '/srv/x.bin',
    target: '/tmp/x.bin',
    bytesDone: 10,
    bytesTotal: 20,
    filesDone: 0,
    filesTotal: 1,
  };
}
