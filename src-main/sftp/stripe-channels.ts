// Extra SFTP sessions on the connection a transfer already uses, for
// striping one large file. A new session costs four round trips before its
// first read (channel, subsystem, version, open): at 50 ms the extra lanes of
// a fresh job joined 0.3 s in. So a job's sessions, when it ends, wait
// LINGER_MS for the next large transfer on the connection, which then starts
// on all its lanes a round trip after its own open; then they close, so none
// holds an sftp-server process for long.
//
// A server may refuse sessions (OpenSSH: MaxSessions, 10 by default, shared
// with terminals): a transfer then runs on the ones it got, at worst on its
// own channel. A per-connection budget keeps many large files at once (a
// folder transfer) from asking for more than the server would give, and a
// new user of the connection (a terminal, a files tab) has the idle ones
// closed first (closeIdleChannels), so they never take a session from it.
import type { Client, SFTPWrapper } from 'ssh2';
import { isSftpClosed, sftpClient } from '../ssh2-internals/ssh2-internals';
import { settledWithin } from '../async/settled-within';

/** Extra sessions one connection holds for striping at once, lent out or idle. */
const BUDGET = 6;
const OPEN_TIMEOUT_MS = 10_000;
const CLOSE_WAIT_MS = 2_000;
/** How long a finished job's sessions wait for the next one. */
const LINGER_MS = 20_000;
const inUse = new WeakMap<Client, number>();
/** Sessions no job holds, until the timer ends them. */
const idle = new WeakMap<Client, { channels: SFTPWrapper[]; timer: NodeJS.Timeout }>();

export interface ExtraChannels {
  channels: SFTPWrapper[];
  /** The job is done with the sessions: they go idle for the next job, then end (idempotent). */
  release(): void;
}

/** No extra channels: nothing to end, nothing to give back. */
const NONE: ExtraChannels = { channels: [], release: () => {} };
/** For a transfer that does not stripe. */
export const NO_EXTRA_CHANNELS: Promise<ExtraChannels> = Promise.resolve(NONE);

export async function openExtraChannels(sftp: SFTPWrapper, wanted: number): Promise<ExtraChannels> {
  const client = sftpClient(sftp);
  if (!client || wanted < 1) return NONE;
  const reused = takeIdle(client, wanted);
  const fresh = Math.max(0, Math.min(wanted - reused.length, BUDGET - (inUse.get(client) ?? 0)));
  inUse.set(client, (inUse.get(client) ?? 0) + fresh);
  const opened = (await Promise.all(Array.from({ length: fresh }, () => openOne(client)))).filter((c): c is SFTPWrapper => c !== null);
  // Sessions the server refused are not held.
  inUse.set(client, (inUse.get(client) ?? 0) - (fresh - opened.length));
  const channels = [...reused, ...opened];
  let released = false;
  return {
    channels,
    release: () => {
      if (released) return;
      released = true;
      park(client, channels);
    },
  };
}

/**
 * Ends the connection's idle extra sessions now: someone else needs the
 * session slots. Resolves once the server has closed them (at most
 * CLOSE_WAIT_MS): sshd counts a session until then, so a session opened at
 * once could still be refused.
 */
export function closeIdleChannels(client: Client): Promise<void> {
  const parked = idle.get(client);
  if (!parked) return Promise.resolve();
  clearTimeout(parked.timer);
  idle.delete(client);
  const closed = parked.channels.filter((c) => !isSftpClosed(c)).map((c) => new Promise<void>((resolve) => c.once('close', () => resolve())));
  end(client, parked.channels);
  return settledWithin(closed, CLOSE_WAIT_MS);
}

/** Up to `wanted` idle sessions that are still open; they stay counted in the budget. */
function takeIdle(client: Client, wanted: number): SFTPWrapper[] {
  const parked = idle.get(client);
  if (!parked) return [];
  const open = parked.channels.filter((c) => !isSftpClosed(c));
  end(client, parked.channels.filter((c) => isSftpClosed(c)));
  parked.channels = open.slice(wanted);
  if (parked.channels.length === 0) void closeIdleChannels(client);
  return open.slice(0, wanted);
}

/** A job is done with its sessions: they wait LINGER_MS (counted from the last job to end) for the next one. */
function park(client: Client, channels: SFTPWrapper[]): void {
  const parked = idle.get(client);
  if (parked) clearTimeout(parked.timer);
  const all = [...(parked?.channels ?? []), ...channels];
  // Unref'd: idle sessions never keep the process alive.
  const timer = setTimeout(() => void closeIdleChannels(client), LINGER_MS).unref();
  idle.set(client, { channels: all, timer });
}

/** Ends sessions and gives their budget back. */
function end(client: Client, channels: SFTPWrapper[]): void {
  if (channels.length === 0) return;
  inUse.set(client, Math.max(0, (inUse.get(client) ?? 0) - channels.length));
  for (const c of channels) if (!isSftpClosed(c)) c.end();
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
