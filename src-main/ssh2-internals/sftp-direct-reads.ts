// ssh2's SFTP client gathers every reply into a buffer of its own before it
// parses it, so a 255 KiB DATA reply to a read (eight 32 KiB channel packets)
// is copied into a fresh 255 KiB buffer and then again into the buffer the
// read was given: a download at 50 ms spent 0.15 s of every 1.5 s of its one
// thread on those copies, plus the garbage collection of a new buffer per
// reply. A DATA reply's 13-byte header names its read, and so the buffer its
// bytes belong in; from there they are copied straight in as they arrive.
// Every other reply, and a DATA reply to anything but a read with a buffer
// of room, goes to ssh2's own parser whole and in order, so ssh2 stays at a
// packet boundary whenever a DATA reply is taken here.
//
// Written against ssh2 1.17.0 (lib/protocol/SFTP.js: push, _requests,
// read_'s request object, cleanupRequests). Without those it does nothing.
import type { SFTPWrapper } from 'ssh2';
import { field, miss } from './assumptions';

/** SSH_FXP_DATA. */
const DATA = 103;
/** uint32 length, byte type: enough to tell a DATA reply from the rest. */
const TYPE_END = 5;
/** …then uint32 request id and uint32 data length. */
const DATA_HEADER = 13;

interface ReadRequest {
  buffer: Buffer;
  cb: (error: undefined, buffer: Buffer, bytes: number) => void;
}

type Push = (data: Buffer | null) => unknown;

const installed = new WeakMap<object, { direct: number }>();

function requestsOf(sftp: object): Record<number, unknown> | undefined {
  const requests = field(sftp, '_requests');
  return typeof requests === 'object' && requests !== null ? (requests as Record<number, unknown>) : undefined;
}

function parserOf(sftp: object): Push | undefined {
  const proto = Object.getPrototypeOf(sftp) as Record<string, unknown> | null;
  return typeof proto?.push === 'function' ? (proto.push as Push) : undefined;
}

/** Whether the fields direct reads rely on are there (checkSsh2Internals). */
export function sftpParserHolds(sftp: SFTPWrapper): boolean {
  return parserOf(sftp) !== undefined && requestsOf(sftp) !== undefined && typeof field(sftp, '_maxInPktLen') === 'number';
}

function readRequest(value: unknown, bytes: number): ReadRequest | undefined {
  const buffer = field(value, 'buffer');
  if (!Buffer.isBuffer(buffer) || typeof field(value, 'cb') !== 'function' || bytes > buffer.length) return undefined;
  return value as ReadRequest;
}

/**
 * Lets DATA replies to reads land straight in the reads' buffers. Must come
 * before anything else wraps `push` (it replaces ssh2's parser, the innermost
 * step); false if it cannot, and ssh2 parses as before.
 */
export function directReads(sftp: SFTPWrapper): boolean {
  if (installed.has(sftp)) return true;
  const parse = parserOf(sftp);
  if (!parse || !sftpParserHolds(sftp)) return Boolean(miss('sftpParser'));
  // Someone wrapped push already: its wrapper must see every byte, so ours cannot go under it.
  if (field(sftp, 'push') !== parse) return false;
  const stats = { direct: 0 };
  installed.set(sftp, stats);
  const toParser = (bytes: Buffer) => parse.call(sftp, bytes);
  const header = Buffer.alloc(DATA_HEADER);
  let have = 0;
  /** Bytes of the packet under way that ssh2's parser is still to get. */
  let passing = 0;
  /** The DATA reply under way that is copied here. */
  let taking: { id: number; request: ReadRequest; got: number; length: number } | null = null;

  /** The header so far goes to ssh2, and the rest of its packet after it. */
  const pass = () => {
    passing = header.readUInt32BE(0) + 4 - have;
    toParser(Buffer.from(header.subarray(0, have)));
    have = 0;
  };
  const finish = () => {
    const { id, request, length } = taking!;
    taking = null;
    const requests = requestsOf(sftp);
    // Not there any more: the channel ended meanwhile and ssh2 has failed it already.
    if (requests?.[id] !== request) return;
    delete requests[id];
    stats.direct++;
    request.cb(undefined, request.buffer, length);
  };

  Object.assign(sftp, {
    push: (data: Buffer | null) => {
      if (data === null) return parse.call(sftp, null);
      for (let p = 0; p < data.length; ) {
        if (passing > 0) {
          const n = Math.min(passing, data.length - p);
          toParser(data.subarray(p, p + n));
          passing -= n;
          p += n;
          continue;
        }
        if (taking) {
          const n = Math.min(taking.length - taking.got, data.length - p);
          // A read ssh2 has failed meanwhile (its caller may reuse the buffer) gets no more bytes.
          if (requestsOf(sftp)?.[taking.id] === taking.request) data.copy(taking.request.buffer, taking.got, p, p + n);
          taking.got += n;
          p += n;
          if (taking.got === taking.length) finish();
          continue;
        }
        const want = have < TYPE_END ? TYPE_END : DATA_HEADER;
        const n = Math.min(want - have, data.length - p);
        data.copy(header, have, p, p + n);
        have += n;
        p += n;
        if (have < want) continue;
        if (have === TYPE_END) {
          // Too short to be a DATA reply (ssh2 reports the bad packet) or another type: all of it to ssh2.
          if (header[4] !== DATA || header.readUInt32BE(0) < DATA_HEADER - 4) pass();
          continue;
        }
        const packet = header.readUInt32BE(0);
        const id = header.readUInt32BE(5);
        const length = header.readUInt32BE(9);
        const request = packet === DATA_HEADER - 4 + length && packet <= (field(sftp, '_maxInPktLen') as number) ? readRequest(requestsOf(sftp)?.[id], length) : undefined;
        if (!request) {
          pass();
          continue;
        }
        have = 0;
        taking = { id, request, got: 0, length };
        if (length === 0) finish();
      }
      return undefined;
    },
  });
  return true;
}

/** DATA replies taken straight into their reads' buffers on `sftp` so far (tests). */
export function directReplies(sftp: SFTPWrapper): number {
  return installed.get(sftp)?.direct ?? 0;
}
