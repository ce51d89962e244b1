// Extra SFTP sessions on the connection a transfer already uses, for
// striping one large file. Opened per transfer and closed after it, so none
// sits idle holding an sftp-server process. A server may refuse sessions
// (OpenSSH: MaxSessions, 10 by default, shared with terminals and tunnels):
// a transfer then runs on the ones it got, at worst on its own channel. A
// per-connection budget keeps many large files at once (a folder transfer)
// from asking for more than the server would give.
import type { Client, SFTPWrapper } from 'ssh2';
import { sftpClient } from '../ssh2-internals/ssh2-internals';
import { isSftpClosed } from '../ssh2-internals/ssh2-internals';

/** Extra sessions one connection lends to striping at once. */
const BUDGET = 6;
const OPEN_TIMEOUT_MS = 10_000;
const inUse = new WeakMap<Client, number>();

export interface ExtraChannels {
  channels: SFTPWrapper[];
  /** Ends the sessions and gives the budget back (idempotent). */
  release(): void;
}

/** No extra channels: nothing to end, nothing to give back. */
const NONE: ExtraChannels = { channels: [], release: () => {} };
/** For a transfer that does not stripe. */
export const NO_EXTRA_CHANNELS: Promise<ExtraChannels> = Promise.resolve(NONE);

export async function openExtraChannels(sftp: SFTPWrapper, wanted: number): Promise<ExtraChannels> {
  const client = sftpClient(sftp);
  if (!client || wanted < 1) return NONE;
  const granted = Math.max(0, Math.min(wanted, BUDGET - (inUse.get(client) ?? 0)));
  inUse.set(client, (inUse.get(client) ?? 0) + granted);
  const opened = await Promise.all(Array.from({ length: granted }, () => openOne(client)));
  const channels = opened.filter((c): c is SFTPWrapper => c !== null);
  // Sessions the server refused are not held.
  inUse.set(client, (inUse.get(client) ?? 0) - (granted - channels.length));
  let released = false;
  return {
    channels,
    release: () => {
      if (released) return;
      released = true;
      inUse.set(client, Math.max(0, (inUse.get(client) ?? 0) - channels.length));
      for (const c of channels) if (!isSftpClosed(c)) c.end();
    },
  };
}

function openOne(client: Client): Promise<SFTPWrapper | null> {
  return new Promise((resolve) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      resolve(null);
    }, OPEN_TIMEOUT_MS);
    try {
      client.sftp((error, sftp) => {
        clearTimeout(timer);
        if (late) return sftp?.end();
        resolve(error ? null : sftp);
      });
    } catch {
      clearTimeout(timer);
      resolve(null);
    }
  });
}
