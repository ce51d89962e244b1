// Single-file upload and download. Data goes to `<target>.warren-part` beside
// the target and is renamed onto it only when complete, so a file under the
// real name is always whole; a `.warren-part` left behind (cancel, lost
// connection, error) holds a correct prefix and `resume: true` continues it,
// once it has checked that the part still is a prefix of the source (its size
// and modification time as first seen, and the last MiB before the resume
// offset, byte for byte): a source rewritten since must never resume into a
// mixed file.
//
// On a long link a large file is striped across several SFTP channels
// instead (striped.ts); its part then has holes, so the ranges written so far
// are kept in `<part>.ranges` (there before the first byte lands), and a
// resume fills exactly the holes after the same checks per range. A record
// is only trusted when it fits the source and the part; else nothing is kept.
import type { ErrorCode } from '../../src-shared/errors';
import { constants } from 'node:fs';
import { lstat as localLstat, open as localOpen, readFile as localReadFile, rename as localRename, rm as localRm, writeFile as localWriteFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SFTPWrapper, Stats } from 'ssh2';
import { AppError } from '../errors/app-error';
import { PipeError, ABORTED, runPipe } from './pipe';
import { kindOf, lstatOrNull, posixRename, stat } from './remote-fs';
import { tuneForReads } from './read-path';
import { closeQuietly, corkForTick, corkOnIncoming, localRead, localWrite, remoteRead, serverLimit } from './chunk-io';
import { STATUS, call, cancelled, localError, remoteError, sftpGone, statusOf } from './sftp-errors';
import { covered, decodeRecord, encodeRecord, type Range, type RangeRecord } from './ranges';
import { RequestWindow } from './request-window';
import { runStriped, StripedError, type LaneSpec } from './striped';
import { NO_EXTRA_CHANNELS, openExtraChannels, type ExtraChannels } from './stripe-channels';

export const PART_SUFFIX = '.warren-part';
/**
 * Requests as large as the server takes (OpenSSH: 255 KiB), about 4 MiB in
 * flight. Measured against 64 × 64 KiB on the same box: fewer, larger
 * requests cut ssh2's per-request work and run ~1.3–2× faster.
 */
export const DEFAULT_CHUNK_SIZE = 255 * 1024;
export const IN_FLIGHT_BYTES = 4 * 1024 * 1024;

export interface TransferOptions {
  /** Continue an existing `.warren-part` from its current size instead of starting over. */
  resume?: boolean;
  /** The source as it was when the part was begun; a resume against a source that differs starts over. */
  expect?: SourceFacts;
  /** The source this call copies, once it knows it will (after any restart), for the caller to record as `expect`. */
  onSource?(facts: SourceFacts): void;
  /** A resume found the source changed and starts over from 0; `why` is a sentence for the user. */
  onRestart?(why: string): void;
  /** bytesDone counts bytes kept from a resumed part too, so it ends at total. */
  onProgress?(bytesDone: number, total: number): void;
  /** Aborting stops the transfer quickly and keeps the `.warren-part`. */
  signal?: AbortSignal;
  /** Bytes per request; default the server's largest (OpenSSH: 255 KiB). */
  chunkSize?: number;
  /** Requests in flight at once; default about 4 MiB worth (16 with OpenSSH). */
  concurrency?: number;
  /**
   * SFTP channels one file is striped across. Default: STRIPES[read|write] on a long link
   * (a round trip of STRIPE_RTT_MS or more) for files of STRIPE_MIN_BYTES or
   * more, else 1 (the plain in-order copy).
   */
  stripes?: number;
}

/** Beside a striped part: the ranges of it that are written (ranges.ts). */
export const RANGES_SUFFIX = '.ranges';
/**
 * Channels per file on a long link. Uploads need them: sshd grants each
 * session channel a 2 MiB window, so a channel uploads at most 2 MiB per
 * round trip whatever the client does. Measured at 50 ms with 256 MiB,
 * downloads ran 109 MB/s on 4 and 149 MB/s on 6.
 */
export const STRIPES = { read: 6, write: 6 } as const;
export const STRIPE_RTT_MS = 20;
export const STRIPE_MIN_BYTES = 8 * 1024 * 1024;
/** A stripe lane's pieces are at least this big: fewer seeks for the server, fewer pipes to start. */
const MIN_PIECE = 2 * 1024 * 1024;
/** Most requests in flight per lane as its window grows: downloads stop below the 8 MiB receive window (receive-window.ts), uploads a little past sshd's 2 MiB channel window (more only waits in ssh2's queue); so a file holds at most ~36 MiB of buffers (6 × 24 or 6 × 12 requests of 255 KiB, plus ssh2's copies of writes in flight). */
const MAX_DEPTH = { read: 24, write: 12 } as const;

/** A regular file's size and modification time (ms; whole seconds on the remote side, as SFTP gives them). */
export interface SourceFacts {
  size: number;
  mtimeMs: number;
}

export const SOURCE_CHANGED = 'The source changed since the transfer paused; starting over.';
/** How much of the part, before the resume offset, is compared with the source: one round of reads, cheap next to the transfer. */
export const OVERLAP_BYTES = 1024 * 1024;

/** What a caller may already know about the remote side, to save round trips. */
export interface UploadHints {
  /** Nothing is at the target (e.g. its folder was just created): skip looking. */
  targetAbsent?: boolean;
}

export interface TransferResult {
  total: number;
  /** Bytes that were already in the `.warren-part` and were not sent again. */
  resumedFrom: number;
  /** Bytes actually sent in this call. */
  transferred: number;
}

// A symlink at the part's name must not redirect the write elsewhere.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const FRESH = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NOFOLLOW;
const CONTINUE = constants.O_WRONLY | NOFOLLOW;
/** Bytes of ready chunks a download hands to one local writev. */
const WRITE_BATCH_BYTES = 1024 * 1024;
export const WRITE_FAILED: [ErrorCode, string] = ['write-failed', 'the server could not store the data; usually its disk is full or you are over quota there. Free some space, then resume the transfer'];

/** Keeps owner read/write on the part so it can be resumed; the rest follows the source. */
export const partMode = (mode: number) => (mode & 0o777) | 0o600;

function checkAborted(signal: AbortSignal | undefined, file: string): void {
  if (signal?.aborted) throw cancelled(file, null);
}

function settings(sftp: SFTPWrapper, direction: 'read' | 'write', opts: TransferOptions) {
  const chunkSize = Math.max(1024, Math.floor(opts.chunkSize ?? Math.min(DEFAULT_CHUNK_SIZE, serverLimit(sftp, direction))));
  const fill = Math.min(128, Math.max(16, Math.round(IN_FLIGHT_BYTES / chunkSize)));
  const depth = Math.max(1, Math.floor(opts.concurrency ?? fill));
  return { chunkSize, depth };
}

export async function downloadFile(sftp: SFTPWrapper, remotePath: string, localPath: string, opts: TransferOptions = {}): Promise<TransferResult> {
  const action = `download ${remotePath} to`;
  const part = localPath + PART_SUFFIX;
  checkAborted(opts.signal, remotePath);
  tuneForReads(sftp);
  await refuseLocalFolder(localPath, action);
  const opening = performance.now();
  // The path's stat travels with the open: it tells, one round trip early, whether this may be a striped download.
  const hint = call<Stats>(sftp, (cb) => sftp.stat(remotePath, cb)).catch(() => null);
  const handle = await call<Buffer>(sftp, (cb) => sftp.open(remotePath, 'r', cb)).catch((error: unknown) => {
    throw remoteError(error, action, localPath);
  });
  /** Asked for at the first sign of a long link, with the file opened on each; a ranged download takes them over, else they are let go. */
  let early: ExtraLanes | undefined;
  try {
    const openMs = performance.now() - opening;
    const hinted = await hint;
    const channels = hinted && kindOf(hinted.mode) === 'file' ? openEarly(sftp, opts, hinted.size, openMs, 'read', part) : undefined;
    // The file opens on them as soon as they are up: they are ready to read when the lanes are confirmed, not a round trip later.
    if (channels) early = { extra: channels, lanes: channels.then((e) => openLanes(e.channels, remotePath, 'r')) };
    const asked = performance.now();
    const attrs = await call<Stats>(sftp, (cb) => sftp.fstat(handle, cb)).catch((error: unknown) => {
      throw remoteError(error, action, localPath);
    });
    // Two round trips, the quicker counts: one request held up by a busy machine must not look like a long link.
    const rttMs = Math.min(openMs, performance.now() - asked);
    if (kindOf(attrs.mode) !== 'file') throw new AppError('not-a-file', `Could not download ${remotePath}: it is not a regular file.`);
    const total = attrs.size;
    const facts = { size: total, mtimeMs: attrs.mtime * 1000 };
    const record = opts.resume ? await readLocalRecord(part + RANGES_SUFFIX) : undefined;
    const { planned, confirmed } = planStripes(sftp, handle, rttMs, opts, total, 'read', part);
    const extra = lanesFor(sftp, early, confirmed, (channels) => openLanes(channels, remotePath, 'r'));
    early = undefined;
    if (planned > 1 || record !== undefined) {
      const kept = await downloadRanged(sftp, handle, { remotePath, localPath, part, action, opts, facts, mode: attrs.mode, record, stripes: planned }, extra);
      return { total, resumedFrom: kept, transferred: total - kept };
    }
    const { file, start } = await openLocalPart(part, attrs.mode, opts, facts, (buffer, offset) => remoteSpan(sftp, handle, buffer, offset, action, localPath), action, localPath);
    try {
      opts.onSource?.(facts);
      opts.onProgress?.(start, total);
      const tuning = settings(sftp, 'read', opts);
      await runPipe({
        ...tuning,
        start,
        total,
        // One local write at a time keeps the part a prefix at every moment;
        // batching what is ready into one writev keeps that from being slow,
        // but only up to ~1 MiB: measured, larger batches leave the CPU cache
        // before the kernel copies them, each write gets slower, more piles
        // up, and downloads settled at ~460 instead of ~640 MB/s.
        writeDepth: 1,
        writeBatch: Math.max(1, Math.round(WRITE_BATCH_BYTES / tuning.chunkSize)),
        read: (buffer, offset) => remoteRead(sftp, handle, buffer, offset, action, localPath),
        write: (buffers, offset) => localWrite(file, buffers, offset).catch((error: unknown) => Promise.reject(localError(error, action, localPath))),
        onAdvance: (done) => opts.onProgress?.(done, total),
        signal: opts.signal,
      }).catch(async (error: unknown) => {
        if (error instanceof PipeError) await file.truncate(error.watermark).catch(() => {});
        throw stoppedError(error, remotePath, part);
      });
    } finally {
      await file.close();
    }
    await localRename(part, localPath).catch((error: unknown) => {
      throw localError(error, action, localPath);
    });
    return { total, resumedFrom: start, transferred: total - start };
  } finally {
    closeQuietly(sftp, handle);
    if (early) void letGo(early.lanes, early.extra);
  }
}

async function refuseLocalFolder(localPath: string, action: string): Promise<void> {
  const there = await localLstat(localPath).catch(() => null);
  if (there?.isDirectory()) throw new AppError('is-a-folder', `Could not ${action} ${localPath}: a folder with that name is in the way. Choose another name or folder.`);
}

type ReadSpan = (buffer: Buffer, offset: number) => Promise<void>;

/** Opens the download's part: continued when resuming onto a part that is still a prefix of the source, else empty. */
async function openLocalPart(part: string, mode: number, opts: TransferOptions, facts: SourceFacts, readSource: ReadSpan, action: string, localPath: string): Promise<{ file: FileHandle; start: number }> {
  const asLocal = (error: unknown) => Promise.reject(error instanceof AppError ? error : localError(error, action, localPath));
  const there = opts.resume ? await localLstat(part).catch(() => null) : null;
  const size = there?.isFile() ? there.size : 0;
  let start = size > 0 && factsAllow(opts.expect, facts, size) ? size : 0;
  if (start > 0) {
    const reader = await localOpen(part, 'r').catch(asLocal);
    try {
      const same = await overlapMatches(readSource, (buffer, offset) => localRead(reader, buffer, offset, action, localPath), start);
      if (!same) start = 0;
    } finally {
      await reader.close();
    }
  }
  if (size > 0 && start === 0) opts.onRestart?.(SOURCE_CHANGED);
  const file = await (start > 0 ? localOpen(part, CONTINUE) : localOpen(part, FRESH, partMode(mode))).catch(asLocal);
  return { file, start };
}

/** Whether a part of `partSize` bytes may still be a prefix of the source, by size and modification time. */
function factsAllow(expect: SourceFacts | undefined, facts: SourceFacts, partSize: number): boolean {
  // A part longer than the source means the source changed.
  if (partSize > facts.size) return false;
  return !expect || (expect.size === facts.size && expect.mtimeMs === facts.mtimeMs);
}

/**
 * The last bytes (up to OVERLAP_BYTES) before `start`, read from the source
 * and from the part, are the same: catches a source rewritten at the same
 * size whose modification time was kept (or one without `expect`: a part
 * found by the conflict dialog).
 */
async function overlapMatches(readSource: ReadSpan, readPart: ReadSpan, start: number): Promise<boolean> {
  const length = Math.min(OVERLAP_BYTES, start);
  const [a, b] = [Buffer.allocUnsafe(length), Buffer.allocUnsafe(length)];
  await Promise.all([readSource(a, start - length), readPart(b, start - length)]);
  return a.equals(b);
}

/** Reads a span of a remote file, a server-sized request at a time, all in flight at once. */
async function remoteSpan(sftp: SFTPWrapper, handle: Buffer, buffer: Buffer, offset: number, action: string, file: string): Promise<void> {
  const step = serverLimit(sftp, 'read');
  const reads: Promise<void>[] = [];
  for (let at = 0; at < buffer.length; at += step) reads.push(remoteRead(sftp, handle, buffer.subarray(at, Math.min(at + step, buffer.length)), offset + at, action, file));
  await Promise.all(reads);
}

function stoppedError(error: unknown, file: string, part: string): AppError {
  const cause = error instanceof PipeError || error instanceof StripedError ? error.cause : error;
  if (cause === ABORTED) return cancelled(file, part);
  return cause instanceof AppError ? cause : new AppError('io-error', `Could not copy ${file}: ${(cause as Error).message}.`);
}

export async function uploadFile(sftp: SFTPWrapper, localPath: string, remotePath: string, opts: TransferOptions = {}, hints: UploadHints = {}): Promise<TransferResult> {
  const action = `upload ${localPath} to`;
  const part = remotePath + PART_SUFFIX;
  checkAborted(opts.signal, localPath);
  const file = await localOpen(localPath, 'r').catch((error: unknown) => {
    throw localError(error, action, remotePath);
  });
  /** Asked for at the first sign of a long link; a ranged upload takes them over, else they are given back. */
  let early: Promise<ExtraChannels> | undefined;
  try {
    const info = await file.stat();
    if (!info.isFile()) throw new AppError('not-a-file', `Could not upload ${localPath}: it is not a regular file.`);
    const total = info.size;
    const asked = performance.now();
    const [target, existing, record] = await Promise.all([
      hints.targetAbsent ? null : lstatOrNull(sftp, remotePath),
      opts.resume ? lstatOrNull(sftp, part) : null,
      opts.resume ? readRemoteRecord(sftp, part + RANGES_SUFFIX) : undefined,
    ]).catch((error: unknown) => {
      throw remoteError(error, action, remotePath);
    });
    // Without a request above (a new file in a new folder) only the part's open below times the link.
    const lookedMs = hints.targetAbsent && !opts.resume ? Infinity : performance.now() - asked;
    if (Number.isFinite(lookedMs)) early = openEarly(sftp, opts, total, lookedMs, 'write', part);
    // A link to a folder counts as a folder: replacing the link with a file is not what anyone means.
    const folder = target?.kind === 'dir' || (target?.kind === 'symlink' && (await stat(sftp, remotePath).catch(() => null))?.kind === 'dir');
    if (folder) throw new AppError('is-a-folder', `Could not ${action} ${remotePath}: a folder with that name is in the way. Choose another name or folder.`);
    const facts = { size: total, mtimeMs: info.mtimeMs };
    const size = existing?.kind === 'file' ? existing.size : 0;
    let start = size > 0 && factsAllow(opts.expect, facts, size) ? size : 0;
    const opening = performance.now();
    const handle = await call<Buffer>(sftp, (cb) => sftp.open(part, start > 0 ? 'r+' : 'w', { mode: partMode(info.mode) }, cb)).catch((error: unknown) => {
      throw remoteError(error, action, remotePath);
    });
    const rttMs = Math.min(lookedMs, performance.now() - opening);
    early ??= openEarly(sftp, opts, total, rttMs, 'write', part);
    const { planned, confirmed } = planStripes(sftp, handle, rttMs, opts, total, 'write', part);
    // The extra lanes open the part, which exists now.
    const extra = lanesFor(sftp, early && { extra: early }, confirmed, (channels) => openLanes(channels, part, 'r+'));
    early = undefined;
    if (record !== undefined || planned > 1) {
      const job: RangedJob = { remotePath, localPath, part, action, opts, facts, mode: info.mode, record, stripes: planned, partSize: start > 0 ? size : 0 };
      const kept = await uploadRanged(sftp, handle, file, job, extra);
      // Every lane closed cleanly, so the part is whole and needs no record: a part without one counts as a prefix, here all of it.
      const forget = (name: string) => call(sftp, (cb) => sftp.unlink(name, cb)).catch(() => {});
      await Promise.all([commitRemote(sftp, part, remotePath, target !== null, action), forget(part + RANGES_SUFFIX), forget(part + RANGES_SUFFIX + RECORD_NEW)]);
      return { total, resumedFrom: kept, transferred: total - kept };
    }
    try {
      const readPart: ReadSpan = (buffer, offset) => remoteSpan(sftp, handle, buffer, offset, action, remotePath);
      if (start > 0 && !(await overlapMatches((buffer, offset) => localRead(file, buffer, offset, action, remotePath), readPart, start))) {
        await call(sftp, (cb) => sftp.fsetstat(handle, { size: 0 }, cb)).catch((error: unknown) => {
          throw remoteError(error, action, remotePath);
        });
        start = 0;
      }
    } catch (error) {
      closeQuietly(sftp, handle);
      throw error;
    }
    if (size > 0 && start === 0) opts.onRestart?.(SOURCE_CHANGED);
    opts.onSource?.(facts);
    await sendAll(sftp, handle, file, { start, total, opts, action, remotePath, localPath, part });
    await commitRemote(sftp, part, remotePath, target !== null, action);
    return { total, resumedFrom: start, transferred: total - start };
  } finally {
    void early?.then((e) => e.release());
    await file.close();
  }
}

interface UploadJob {
  start: number;
  total: number;
  opts: TransferOptions;
  action: string;
  remotePath: string;
  localPath: string;
  part: string;
}

async function sendAll(sftp: SFTPWrapper, handle: Buffer, file: FileHandle, job: UploadJob): Promise<void> {
  const { start, total, opts, action, remotePath } = job;
  const uncork = corkOnIncoming(sftp);
  try {
    opts.onProgress?.(start, total);
    await runPipe({
      ...settings(sftp, 'write', opts),
      // Reading the local file is never the slow side: no buffers beyond the writes in flight.
      maxChunks: 0,
      start,
      total,
      // ssh2 copies the data into its packet at once; writes are issued in
      // offset order and OpenSSH applies them in that order.
      writeDepth: Number.MAX_SAFE_INTEGER,
      read: (buffer, offset) => localRead(file, buffer, offset, action, remotePath),
      write: ([buffer], offset) => {
        corkForTick(sftp);
        return call(sftp, (cb) => sftp.write(handle, buffer!, 0, buffer!.length, offset, cb)).catch((error: unknown) => {
          throw remoteError(error, action, remotePath, WRITE_FAILED);
        });
      },
      onAdvance: (done) => opts.onProgress?.(done, total),
      signal: opts.signal,
    });
  } catch (error) {
    // Cut the part to what is known good (a failed write may sit before
    // later ones that succeeded), then let go of the handle.
    if (error instanceof PipeError && error.settled && !sftpGone(sftp)) {
      await call(sftp, (cb) => sftp.fsetstat(handle, { size: error.watermark }, cb)).catch(() => {});
    }
    closeQuietly(sftp, handle);
    throw stoppedError(error, job.localPath, job.part);
  } finally {
    uncork();
  }
  // The close reply is the server's last word on the data (some file systems
  // report quota errors only here), so it must succeed before the rename.
  await call(sftp, (cb) => sftp.close(handle, cb)).catch((error: unknown) => {
    throw remoteError(error, action, remotePath, WRITE_FAILED);
  });
}

/** Renames the finished part onto the target; replaces an existing file atomically. */
export async function commitRemote(sftp: SFTPWrapper, part: string, target: string, existed: boolean, action: string): Promise<void> {
  const subject = `${part} to ${target}`;
  if (existed) return posixRename(sftp, part, target, subject);
  await call(sftp, (cb) => sftp.rename(part, target, cb)).catch((error: unknown) => {
    // The target appeared while we were uploading: replace it like any other.
    if (statusOf(error) === STATUS.FAILURE) return posixRename(sftp, part, target, subject);
    throw remoteError(error, action, target);
  });
}

// ——— Striped (ranged) transfers: one file across several SFTP channels, with
// the part's written ranges recorded beside it (`<part>.ranges`). ———

interface RangedJob {
  remotePath: string;
  localPath: string;
  part: string;
  action: string;
  opts: TransferOptions;
  facts: SourceFacts;
  mode: number;
  /** The part's record of written ranges: undefined when there is none, null when it cannot be read. */
  record: RangeRecord | null | undefined;
  stripes: number;
  /** Upload: size of the remote part as opened to continue (0 when opened empty). */
  partSize?: number;
}

interface Lane {
  sftp: SFTPWrapper;
  handle: Buffer;
}

/**
 * The lanes for a job, decided in two steps. `planned`, from the round trips
 * timed so far, is what the job starts on at once: waiting for a confirmation
 * first kept a 50 ms link idle for two round trips. `confirmed` times one
 * more round trip (an fstat sent now, so the server answers it ahead of the
 * lanes' first requests) and says whether the extra lanes join: on a loaded
 * machine two requests on loopback can both take 40 ms, and extra lanes on
 * loopback only cost CPU. A job planned for several lanes that is not
 * confirmed runs its pieces on its first lane, in order.
 */
export function planStripes(sftp: SFTPWrapper, handle: Buffer, rttMs: number, opts: TransferOptions, total: number, direction: 'read' | 'write', part: string): { planned: number; confirmed: Promise<number> } {
  const planned = stripeCount(opts, total, rttMs, direction, part);
  if (opts.stripes !== undefined || planned === 1) return { planned, confirmed: Promise.resolve(planned) };
  const asked = performance.now();
  const confirmed = call<Stats>(sftp, (cb) => sftp.fstat(handle, cb)).then(
    () => stripeCount(opts, total, Math.min(rttMs, performance.now() - asked), direction, part),
    () => 1,
  );
  return { planned, confirmed };
}

/** `part`: where the copy goes, whose ranges record must be nameable beside it (recordFits). */
function stripeCount(opts: TransferOptions, total: number, rttMs: number, direction: 'read' | 'write', part: string): number {
  if (opts.stripes !== undefined) return Math.max(1, Math.floor(opts.stripes));
  return rttMs >= STRIPE_RTT_MS && total >= STRIPE_MIN_BYTES && recordFits(part, direction) ? STRIPES[direction] : 1;
}

/** The longest file name, in bytes, that the usual file systems take (NAME_MAX). */
const NAME_MAX = 255;

/**
 * Whether a striped copy's record (`<part>.ranges.new` at its longest) can be
 * named beside the part: local for a download, remote for an upload. A long
 * name (OpenSSH's sftp-server refused it) failed the whole striped upload,
 * which the in-order copy, needing only the part, would have made.
 */
function recordFits(part: string, direction: 'read' | 'write'): boolean {
  const name = (direction === 'read' ? path.basename : path.posix.basename)(part + RANGES_SUFFIX + RECORD_NEW);
  return Buffer.byteLength(name) <= NAME_MAX;
}

/**
 * A stripe's extra channels take about five round trips to be ready (channel,
 * subsystem, SFTP version, the file's open), about as long as the transfer's
 * own start, so they are asked for on the first round trip that looks long
 * (at 50 ms the extra lanes joined at 0.49 s of a 2 s download when asked for
 * after the confirmation). lanesFor gives them back if the link turns out short.
 */
function openEarly(sftp: SFTPWrapper, opts: TransferOptions, size: number, rttMs: number, direction: 'read' | 'write', part: string): Promise<ExtraChannels> | undefined {
  const wanted = stripeCount(opts, size, rttMs, direction, part);
  return wanted > 1 ? openExtraChannels(sftp, wanted - 1) : undefined;
}

/** A job's extra channels and the lanes opened on them (each closed at the end). */
interface ExtraLanes {
  extra: Promise<ExtraChannels>;
  lanes: Promise<Lane[]>;
}

/**
 * A job's extra lanes once `confirmed`: the early channels (with their lanes,
 * when a download opened the file on them at once), or channels asked for
 * then, with lanes opened by `open`; none for one lane, and the early ones let go.
 */
function lanesFor(sftp: SFTPWrapper, early: { extra: Promise<ExtraChannels>; lanes?: Promise<Lane[]> } | undefined, confirmed: Promise<number>, open: (channels: SFTPWrapper[]) => Promise<Lane[]>): ExtraLanes {
  const extra = confirmed.then((stripes) => {
    if (stripes > 1) return early?.extra ?? openExtraChannels(sftp, stripes - 1);
    if (early) void letGo(early.lanes ?? Promise.resolve([]), early.extra);
    return NO_EXTRA_CHANNELS;
  });
  const lanes = confirmed.then((stripes) => (stripes <= 1 ? [] : (early?.lanes ?? extra.then((e) => open(e.channels)))));
  return { extra, lanes };
}

/**
 * What of a part may be kept: the recorded ranges, or with no record (a part
 * from an in-order copy) the part as a prefix. A record that does not fit the
 * source or the part, or cannot be read, keeps nothing: a striped part has
 * holes that its size does not show.
 */
function keptRanges(job: RangedJob, partSize: number): { done: Range[]; changed: boolean } {
  const { record, facts, opts } = job;
  if (partSize === 0) return { done: [], changed: false };
  if (!factsAllow(opts.expect, facts, partSize)) return { done: [], changed: true };
  if (record === undefined) return { done: [[0, partSize]], changed: false };
  if (record === null) return { done: [], changed: false };
  const sameSource = record.size === facts.size && record.mtimeMs === facts.mtimeMs;
  if (sameSource && record.done.every(([, end]) => end <= partSize)) return { done: record.done, changed: false };
  return { done: [], changed: !sameSource };
}

/** The end of every kept range reads the same in source and part (the overlap check of an in-order resume, per range). */
async function rangesMatch(done: Range[], readSource: ReadSpan, readPart: ReadSpan): Promise<boolean> {
  const each = Math.max(64 * 1024, Math.floor(OVERLAP_BYTES / done.length));
  const checks = done.map(async ([start, end]) => {
    const length = Math.min(each, end - start);
    const [a, b] = [Buffer.allocUnsafe(length), Buffer.allocUnsafe(length)];
    await Promise.all([readSource(a, end - length), readPart(b, end - length)]);
    return a.equals(b);
  });
  return (await Promise.all(checks)).every(Boolean);
}

async function readLocalRecord(file: string): Promise<RangeRecord | null | undefined> {
  try {
    return decodeRecord(await localReadFile(file, 'utf8'));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : null;
  }
}

async function readRemoteRecord(sftp: SFTPWrapper, file: string): Promise<RangeRecord | null | undefined> {
  try {
    return decodeRecord((await call<Buffer>(sftp, (cb) => sftp.readFile(file, cb))).toString('utf8'));
  } catch (error) {
    return statusOf(error) === STATUS.NO_SUCH_FILE ? undefined : null;
  }
}

// A record is replaced whole, never rewritten in place: a quit or a drop in
// the middle of truncate-then-write left an empty record, which keeps
// nothing, so the resume started over from byte 0.
const RECORD_NEW = '.new';

async function saveLocalRecord(file: string, text: string): Promise<void> {
  await localWriteFile(file + RECORD_NEW, text);
  await localRename(file + RECORD_NEW, file);
}

async function saveRemoteRecord(sftp: SFTPWrapper, file: string, text: string): Promise<void> {
  await call(sftp, (cb) => sftp.writeFile(file + RECORD_NEW, text, cb));
  await posixRename(sftp, file + RECORD_NEW, file);
}

/** Creates `file` empty, or empties it; the open is sent before this returns. */
async function emptyRemoteRecord(sftp: SFTPWrapper, file: string): Promise<void> {
  const handle = await call<Buffer>(sftp, (cb) => sftp.open(file, 'w', cb));
  await call(sftp, (cb) => sftp.close(handle, cb));
}

/** Opens `file` on each extra channel; a channel that cannot is left out. */
async function openLanes(channels: SFTPWrapper[], file: string, flags: 'r' | 'r+'): Promise<Lane[]> {
  const opened = await Promise.all(channels.map((ch) => call<Buffer>(ch, (cb) => ch.open(file, flags, cb)).then((handle) => ({ sftp: ch, handle }), () => null)));
  return opened.filter((lane): lane is Lane => lane !== null);
}

/** Closes the extra lanes' handles (once they have opened) and ends their channels; never throws. */
async function letGo(lanes: Promise<Lane[]>, extra: Promise<ExtraChannels>): Promise<void> {
  for (const l of await lanes.catch(() => [])) closeQuietly(l.sftp, l.handle);
  (await extra).release();
}

/** Times each remote request into the lane's window. */
async function timed<T>(window: RequestWindow, bytes: number, request: () => Promise<T>): Promise<T> {
  const sentAt = performance.now();
  const result = await request();
  window.sample(bytes, sentAt, performance.now());
  return result;
}

/**
 * One ranged job's lanes at work: the first channel's at once, the extra
 * channels' as they open; `save` keeps the ranges record beside the part
 * (local for a download, remote for an upload).
 */
function stripeLanes(job: RangedJob, done: Range[], first: Lane, later: Promise<Lane[]>, lane: (l: Lane) => LaneSpec, save: (record: string) => Promise<void>, firstSaved?: Promise<void>): Promise<void> {
  const { opts, facts } = job;
  const total = facts.size;
  return runStriped({
    total,
    done,
    firstSaved,
    lanes: [lane(first)],
    laterLanes: later.then((lanes) => lanes.map(lane)),
    plannedLanes: job.stripes,
    minPiece: MIN_PIECE,
    signal: opts.signal,
    onProgress: (bytes) => opts.onProgress?.(bytes, total),
    save: (ranges) => save(encodeRecord({ ...facts, done: ranges })),
  });
}

async function downloadRanged(sftp: SFTPWrapper, handle: Buffer, job: RangedJob, { extra, lanes: later }: ExtraLanes): Promise<number> {
  const { remotePath, localPath, part, action, opts, facts } = job;
  const total = facts.size;
  try {
    const asLocal = (error: unknown) => Promise.reject(error instanceof AppError ? error : localError(error, action, localPath));
    const there = opts.resume ? await localLstat(part).catch(() => null) : null;
    let { done, changed } = keptRanges(job, there?.isFile() ? there.size : 0);
    if (done.length > 0) {
      const reader = await localOpen(part, 'r').catch(asLocal);
      try {
        const readPart: ReadSpan = (buffer, offset) => localRead(reader, buffer, offset, action, localPath);
        if (!(await rangesMatch(done, (buffer, offset) => remoteSpan(sftp, handle, buffer, offset, action, localPath), readPart))) [done, changed] = [[], true];
      } finally {
        await reader.close();
      }
    }
    if (changed) opts.onRestart?.(SOURCE_CHANGED);
    const file = await (done.length > 0 ? localOpen(part, CONTINUE) : localOpen(part, FRESH, partMode(job.mode))).catch(asLocal);
    const kept = covered(done);
    try {
      opts.onSource?.(facts);
      opts.onProgress?.(kept, total);
      const tuning = settings(sftp, 'read', opts);
      const lane = (l: Lane): LaneSpec => {
        tuneForReads(l.sftp);
        const window = new RequestWindow({ initial: tuning.depth, max: Math.max(tuning.depth, MAX_DEPTH.read) });
        return {
          ...tuning,
          depthNow: () => window.depth(),
          maxChunks: 0,
          writeDepth: 1,
          writeBatch: Math.max(1, Math.round(WRITE_BATCH_BYTES / tuning.chunkSize)),
          read: (buffer, offset) => timed(window, buffer.length, () => remoteRead(l.sftp, l.handle, buffer, offset, action, localPath)),
          write: (buffers, offset) => localWrite(file, buffers, offset).catch((error: unknown) => Promise.reject(localError(error, action, localPath))),
        };
      };
      await stripeLanes(job, done, { sftp, handle }, later, lane, (text) => saveLocalRecord(part + RANGES_SUFFIX, text)).catch((error: unknown) => {
        throw stoppedError(error, remotePath, part);
      });
    } finally {
      await file.close();
    }
    await localRename(part, localPath).catch((error: unknown) => {
      throw localError(error, action, localPath);
    });
    await localRm(part + RANGES_SUFFIX, { force: true });
    await localRm(part + RANGES_SUFFIX + RECORD_NEW, { force: true });
    return kept;
  } finally {
    void letGo(later, extra);
  }
}

async function uploadRanged(sftp: SFTPWrapper, handle: Buffer, file: FileHandle, job: RangedJob, { extra, lanes: later }: ExtraLanes): Promise<number> {
  const { remotePath, part, action, opts, facts } = job;
  const total = facts.size;
  let closed = false;
  /** The empty record sent ahead of the first write failed. */
  let unrecorded = false;
  // Every lane's channel is on this one connection, so one cork covers them all.
  const uncork = corkOnIncoming(sftp);
  try {
    const partSize = job.partSize ?? 0;
    let { done, changed } = keptRanges(job, partSize);
    const readPart: ReadSpan = (buffer, offset) => remoteSpan(sftp, handle, buffer, offset, action, remotePath);
    if (done.length > 0 && !(await rangesMatch(done, (buffer, offset) => localRead(file, buffer, offset, action, remotePath), readPart))) [done, changed] = [[], true];
    // Nothing kept of a part opened to continue: empty it, so it cannot end longer than the source.
    if (done.length === 0 && partSize > 0) {
      await call(sftp, (cb) => sftp.fsetstat(handle, { size: 0 }, cb)).catch((error: unknown) => {
        throw remoteError(error, action, remotePath);
      });
    }
    if (changed) opts.onRestart?.(SOURCE_CHANGED);
    opts.onSource?.(facts);
    const kept = covered(done);
    opts.onProgress?.(kept, total);
    const tuning = settings(sftp, 'write', opts);
    const lane = (l: Lane): LaneSpec => {
      const window = new RequestWindow({ initial: Math.min(tuning.depth, MAX_DEPTH.write), max: MAX_DEPTH.write });
      return {
        ...tuning,
        depthNow: () => window.depth(),
        maxChunks: 0,
        writeDepth: Number.MAX_SAFE_INTEGER,
        read: (buffer, offset) => localRead(file, buffer, offset, action, remotePath),
        write: ([buffer], offset) => {
          corkForTick(l.sftp);
          return timed(window, buffer!.length, () => call(l.sftp, (cb) => l.sftp.write(l.handle, buffer!, 0, buffer!.length, offset, cb))).catch((error: unknown) => {
            throw remoteError(error, action, remotePath, WRITE_FAILED);
          });
        },
      };
    };
    // Nothing kept: an empty record says as much (decodeRecord trusts nothing in it) and takes one request, sent before the first write.
    const firstSaved =
      done.length === 0
        ? emptyRemoteRecord(sftp, part + RANGES_SUFFIX).catch((error: unknown) => {
            unrecorded = true;
            throw remoteError(error, action, remotePath);
          })
        : undefined;
    await stripeLanes(job, done, { sftp, handle }, later, lane, (text) => saveRemoteRecord(sftp, part + RANGES_SUFFIX, text), firstSaved);
    // Each close reply is the server's last word on that channel's writes; all must succeed before the rename.
    const lanes = [{ sftp, handle }, ...(await later)];
    closed = true;
    await Promise.all(lanes.map((l) => call(l.sftp, (cb) => l.sftp.close(l.handle, cb)))).catch((error: unknown) => {
      throw remoteError(error, action, remotePath, WRITE_FAILED);
    });
    return kept;
  } catch (error) {
    // The first lane wrote without waiting for the record, which could not be made: with no record a resume
    // would take the part, holes and all, as a prefix, so it is emptied (the lanes have all stopped by now).
    if (unrecorded) await call(sftp, (cb) => sftp.fsetstat(handle, { size: 0 }, cb)).catch(() => {});
    if (!closed) closeQuietly(sftp, handle);
    throw error instanceof AppError ? error : stoppedError(error, job.localPath, part);
  } finally {
    uncork();
    void letGo(closed ? Promise.resolve([]) : later, extra);
  }
}
