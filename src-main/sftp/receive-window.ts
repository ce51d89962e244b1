// ssh2 gives the server a 2 MiB window per channel and tops it up only when
// it falls to 1 MiB. With ~4 MiB of reads in flight the server sends 2 MiB,
// then idles until the client has worked through the next megabyte: measured
// here, downloads ran at 140-190 MB/s with it and 465-590 MB/s with 8 MiB
// kept open. ssh2 has no option for it, so this keeps the SFTP channel's
// window near 8 MiB by adjusting it as data arrives, through ssh2's internals
// (the channel's window counters and its protocol's channelWindowAdjust). If
// those are not there (another ssh2 version), it does nothing.
import type { SFTPWrapper } from 'ssh2';

const TARGET = 8 * 1024 * 1024;
/** Top up once this much has been used, not per 32 KiB packet. */
const STEP = 1024 * 1024;

interface ChannelInternals {
  push(data: Buffer | null): unknown;
  incoming?: { window?: number };
  outgoing?: { id?: number; state?: string };
  _client?: { _protocol?: { channelWindowAdjust?(id: number, amount: number): void } };
}

const tuned = new WeakSet<object>();

export function widenReceiveWindow(sftp: SFTPWrapper): void {
  const channel = sftp as unknown as ChannelInternals;
  if (tuned.has(channel)) return;
  tuned.add(channel);
  const protocol = channel._client?._protocol;
  if (typeof channel.push !== 'function' || typeof channel.incoming?.window !== 'number' || typeof channel.outgoing?.id !== 'number' || typeof protocol?.channelWindowAdjust !== 'function') return;
  const adjust = protocol.channelWindowAdjust.bind(protocol);
  const incoming = channel.incoming as { window: number };
  const id = channel.outgoing.id;
  const topUp = () => {
    if (channel.outgoing?.state === 'closed' || incoming.window > TARGET - STEP) return;
    const amount = TARGET - incoming.window;
    // Counted before sending, as ssh2 does, so its own check sees a full window.
    incoming.window += amount;
    adjust(id, amount);
  };
  const push = channel.push.bind(channel);
  // ssh2 calls push for every CHANNEL_DATA, after taking the bytes off the window.
  channel.push = (data) => {
    const result = push(data);
    if (data !== null) topUp();
    return result;
  };
  topUp();
}
