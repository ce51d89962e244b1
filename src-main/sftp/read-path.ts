// How an SFTP channel that carries downloads is set up: each DATA reply
// copied once, straight into its read's buffer (ssh2-internals/sftp-direct-reads.ts),
// and an 8 MiB receive window (receive-window.ts). In that order: the window's
// count wraps ssh2's push, and direct reads must sit under it, where ssh2's parser was.
import type { SFTPWrapper } from 'ssh2';
import { directReads } from '../ssh2-internals/sftp-direct-reads';
import { widenReceiveWindow } from './receive-window';

export function tuneForReads(sftp: SFTPWrapper): void {
  directReads(sftp);
  widenReceiveWindow(sftp);
}
