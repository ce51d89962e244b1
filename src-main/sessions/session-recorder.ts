// One recording of a terminal session to a file: every output byte, in
// order, as text (escapes stripped, see ansi-text) or raw. Output keeps
// flowing to the terminal whatever the disk does: writes are queued here, and
// a write that fails stops the recording (what was written stays) and says
// why once, through onFailed.
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { LogFormat } from '../../src-shared/logging-settings';
import { AppError } from '../errors/app-error';
import { AnsiTextStripper } from './ansi-text';

/** Output queued for a disk that is slower than the session (a stuck network drive) stops the recording here. */
const MAX_QUEUED = 32 * 1024 * 1024;
/** UTF-8 bytes of the host's part of a file name: leaves room for the date and suffix under every OS's 255. */
const MAX_NAME_BYTES = 100;
const MAX_COLLISIONS = 999;

export interface RecorderOptions {
  folder: string;
  hostName: string;
  format: LogFormat;
  now?: Date;
  /** The terminal's width, so a text log follows lines that wrap (see ansi-text). */
  cols?: number;
  /** A write failed after the file was open: the recording has stopped. Called at most once. */
  onFailed?: (error: AppError) => void;
}

export class SessionRecorder {
  readonly format: LogFormat;
  /** Resolves to the file's path once it is open; rejects with a sentence for the user when it cannot be. */
  readonly ready: Promise<string>;
  private filePath: string | null = null;
  private handle: FileHandle | null = null;
  private readonly text: AnsiTextStripper | null;
  private chunks: Buffer[] = [];
  private queued = 0;
  private pumping: Promise<void> | null = null;
  private failed = false;
  private stopping: Promise<void> | null = null;

  constructor(private readonly options: RecorderOptions) {
    this.format = options.format;
    this.text = options.format === 'text' ? new AnsiTextStripper(options.cols) : null;
    this.ready = this.open();
    // The owner awaits `ready`; this keeps a failed open from also being an unhandled rejection.
    this.ready.catch(() => {});
  }

  get path(): string | null {
    return this.filePath;
  }

  /** Output of the session; queued while the file opens. */
  write(bytes: Uint8Array): void {
    if (this.stopping || this.failed) return;
    this.enqueue(this.text ? Buffer.from(this.text.push(bytes), 'utf8') : Buffer.from(bytes));
  }

  resize(cols: number): void {
    this.text?.setColumns(cols);
  }

  /** Writes what is queued (and the last, unfinished line of a text log), then closes the file. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.text) this.enqueue(Buffer.from(this.text.end(), 'utf8'), true);
      try {
        await this.ready;
      } catch {
        return;
      }
      while (this.pumping) await this.pumping;
      await this.close();
    })();
    return this.stopping;
  }

  private async open(): Promise<string> {
    const { folder } = this.options;
    try {
      await mkdir(folder, { recursive: true });
    } catch (error) {
      throw folderError(error, folder);
    }
    const now = this.options.now ?? new Date();
    for (let n = 1; n <= MAX_COLLISIONS; n++) {
      const file = path.join(folder, logFileName(this.options.hostName, this.format, now, n));
      try {
        // Exclusive: never append to or replace another recording. Owner-only, since output may hold secrets.
        this.handle = await open(file, 'wx', 0o600);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw folderError(error, folder);
      }
      this.filePath = file;
      // Output that came while the file opened (even if stopped meanwhile) goes in first.
      this.pump();
      return file;
    }
    throw new AppError('exists', `Warren could not find a free name for a new log in ${folder}: it already holds ${MAX_COLLISIONS} logs of this host from this second. Move some of them away and try again.`);
  }

  private enqueue(data: Buffer, evenWhenStopping = false): void {
    if (data.length === 0 || this.failed || (this.stopping && !evenWhenStopping)) return;
    if (this.queued + data.length > MAX_QUEUED) {
      void this.fail(new AppError('io-error', `Recording stopped: the disk could not keep up with the output (${this.filePath ?? this.options.folder}). What was recorded so far is kept; record to a faster, local disk.`));
      return;
    }
    this.chunks.push(data);
    this.queued += data.length;
    this.pump();
  }

  private pump(): void {
    if (this.pumping || !this.handle || this.chunks.length === 0) return;
    this.pumping = this.drain().finally(() => {
      this.pumping = null;
      this.pump(); // output that came in while the last write finished
    });
  }

  private async drain(): Promise<void> {
    while (this.chunks.length > 0 && this.handle && !this.failed) {
      const data = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
      this.chunks = [];
      try {
        for (let at = 0; at < data.length; ) at += (await this.handle.write(data, at)).bytesWritten;
        this.queued -= data.length;
      } catch (error) {
        await this.fail(writeError(error, this.filePath!));
      }
    }
  }

  private async fail(error: AppError): Promise<void> {
    if (this.failed) return;
    this.failed = true;
    this.chunks = [];
    this.queued = 0;
    await this.close();
    this.options.onFailed?.(error);
  }

  private async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    // A close that fails (the disk went away) has nothing more to lose: the data was written or already reported.
    await handle?.close().catch(() => {});
  }
}

/** `<host>_2026-11-29_07-42-05.log` (local time), `_2`… on a collision; raw logs end in `.raw.log`. */
export function logFileName(hostName: string, format: LogFormat, now: Date, n = 1): string {
  const p = (v: number) => String(v).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}_${p(now.getHours())}-${p(now.getMinutes())}-${p(now.getSeconds())}`;
  return `${safeName(hostName)}_${stamp}${n > 1 ? `_${n}` : ''}${format === 'raw' ? '.raw.log' : '.log'}`;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** A host name as part of a file name that every OS accepts: no separators, reserved or control characters, not hidden, not too long. */
export function safeName(name: string): string {
  let safe = name
    .normalize('NFC')
    .replace(/[<>:"/\\|?*]|\p{C}/gu, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  // Cut to MAX_NAME_BYTES of UTF-8 without splitting a character.
  let bytes = 0;
  let cut = '';
  for (const ch of safe) {
    bytes += Buffer.byteLength(ch);
    if (bytes > MAX_NAME_BYTES) break;
    cut += ch;
  }
  safe = cut.replace(/[\s.]+$/, '');
  if (safe === '') return 'session';
  // Windows reserves these names whatever follows the first dot.
  return WINDOWS_RESERVED.test(safe.split('.')[0]!) ? `_${safe}` : safe;
}

function folderError(error: unknown, folder: string): AppError {
  if (error instanceof AppError) return error;
  const where = 'Choose another folder for session logs in Settings';
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return new AppError('not-a-folder', `Warren cannot record to ${folder}: a file is in the way where that folder should be. ${where}, or move the file.`);
    case 'EACCES':
    case 'EPERM':
      return new AppError('permission-denied', `Warren may not write to ${folder}. ${where}, or give yourself write access to it.`);
    case 'EROFS':
      return new AppError('read-only', `Warren cannot record to ${folder}: it is on a read-only disk. ${where}.`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('disk-full', `Warren cannot record to ${folder}: the disk is full. Free some space, or ${where.toLowerCase()}.`);
    case 'ENAMETOOLONG':
      return new AppError('name-too-long', `Warren cannot record to ${folder}: the path is too long. ${where}.`);
    default:
      return new AppError('io-error', `Warren cannot record to ${folder}: ${(error as Error).message}. ${where}.`);
  }
}

function writeError(error: unknown, file: string): AppError {
  const kept = 'What was recorded so far is kept in that file';
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('disk-full', `Recording stopped: the disk holding ${file} is full. ${kept}; free some space and start recording again.`);
    case 'EACCES':
    case 'EPERM':
      return new AppError('permission-denied', `Recording stopped: Warren may no longer write to ${file}. ${kept}; start recording again after fixing the folder's permissions.`);
    case 'EFBIG':
      return new AppError('io-error', `Recording stopped: ${file} reached the largest file this disk allows. ${kept}; start recording again for a new file.`);
    default:
      return new AppError('io-error', `Recording stopped: Warren could not write to ${file} (${(error as Error).message}). ${kept}; check the disk and start recording again.`);
  }
}
