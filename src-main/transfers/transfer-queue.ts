// The transfer queue: each dropped file or folder is one item with an id, a
// state and progress (sent to its window at most 10 times a second). A few run
// at once; each one pipelines its own requests. Cancel keeps the partial file,
// so Resume continues from the bytes already there. A lost connection pauses
// the browser's items; they go on by themselves when it reconnects. Unfinished
// items outlive their window and the app (the journal): they come back as
// interrupted in the next files tab opened on their host.
//
// The journal never decides what a transfer does: one that could not be
// journalled is refused before it starts, and once started a failed journal
// write is shown on the transfer (once) while the transfer goes on and is
// reported as what it really did.
import { randomUUID } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { Hub } from '../ipc/hub';
import { SKIPPED_SHOWN, type TransferView } from '../../src-shared/contract';
import type { Prompter } from '../prompts/prompter';
import { CLOSE_WAIT_MS, type FileBrowserService } from '../files/file-browser-service';
import { settledWithin } from '../async/settled-within';
import { AppError } from '../errors/app-error';
import { downloadFile, uploadFile, PART_SUFFIX, type SourceFacts } from '../sftp/transfer';
import { downloadTree, uploadTree, type TreeResult } from '../sftp/tree-transfer';
import { lstatOrNull } from '../sftp/remote-fs';
import { resolveTarget, type ConflictChoice } from './conflicts';
import type { JournalRecord, TransferJournal } from './transfer-journal';

interface Item {
  view: TransferView;
  clientId: string;
  hostId: string;
  /** Its window or the app went away: the journal keeps it as it was, whatever the abort does to it. */
  detached: boolean;
  abort: AbortController | null;
  resume: boolean;
  /** The batch's "apply to all" answer to a name conflict, shared by its items. */
  batch: { choice: ConflictChoice | null };
  /** The source as it was when its part was begun: a resume against a changed source starts over. */
  sourceFacts?: SourceFacts;
  /** A journal write failed for it and its view says so (once). */
  journalNoted: boolean;
}

const PARALLEL_ITEMS = 3;
/** Errors that mean the link went away, not that the transfer is wrong: pause, do not fail. */
const LOST = new Set(['connection-lost', 'files-gone']);
const EMIT_EVERY_MS = 100;
const UNFINISHED = new Set(['queued', 'running', 'paused', 'interrupted']);
const INTERRUPTED = 'Warren closed before this transfer finished. Resume continues from the bytes already there.';

export class TransferQueue {
  private readonly items = new Map<string, Item>();
  /** Journalled items no window holds yet, by transfer id. */
  private readonly orphans = new Map<string, JournalRecord>();
  /** Each running item's run, which settles once its transfer has stopped and saved where it got to. */
  private readonly runs = new Map<Item, Promise<void>>();

  /** A journal write failed and none has succeeded since: logged once per run of failures. */
  private journalFailing = false;

  constructor(private readonly deps: { hub: Hub; files: FileBrowserService; prompter: Prompter; journal: TransferJournal; log?: (line: string) => void }) {
    for (const record of deps.journal.all()) this.orphans.set(record.transferId, record);
    // Before the window's browsers close: a striped transfer's last ranges record goes over its connection.
    deps.files.beforeClientCloses((clientId) => this.detach((item) => item.clientId === clientId));
    deps.files.onOpened(({ clientId, browserId, hostId, replaces }) => {
      if (replaces) this.continueOn(clientId, browserId, replaces);
      this.adopt(clientId, browserId, hostId);
    });
  }

  /**
   * The app is quitting: stop everything, and keep what did not finish for
   * next time. Settles once the stopped transfers have saved where they got
   * to (or after CLOSE_WAIT_MS): close their connections only then.
   */
  suspend(): Promise<void> {
    return this.detach(() => true) ?? Promise.resolve();
  }

  /** Stops and journals the items `which` picks; null when none was running, else when their runs have settled. */
  private detach(which: (item: Item) => boolean): Promise<void> | null {
    const kept: JournalRecord[] = [];
    const stopping: Promise<void>[] = [];
    for (const [id, item] of this.items) {
      if (!which(item)) continue;
      if (UNFINISHED.has(item.view.state)) {
        const record = this.record(item);
        kept.push(record);
        this.orphans.set(id, record);
      }
      item.detached = true;
      item.abort?.abort();
      // A name-conflict question would hold the run (and so the close) until it timed out; its browser is closing anyway.
      this.deps.prompter.cancelSession(item.view.browserId);
      const run = this.runs.get(item);
      if (run) stopping.push(run);
      this.items.delete(id);
    }
    // No window is left to show a failure to: the log says it.
    if (kept.length > 0) this.journalResult(null, this.deps.journal.putAll(kept));
    return stopping.length > 0 ? settledWithin(stopping, CLOSE_WAIT_MS) : null;
  }

  /** A files tab on `hostId` opened: it takes the host's interrupted transfers, to resume them there. */
  private adopt(clientId: string, browserId: string, hostId: string): void {
    for (const [id, record] of this.orphans) {
      if (record.hostId !== hostId) continue;
      this.orphans.delete(id);
      const { hostId: _host, sourceFacts, ...fields } = record;
      const view: TransferView = { ...fields, browserId, state: 'interrupted', speed: 0, error: INTERRUPTED };
      this.items.set(id, { view, clientId, hostId, detached: false, abort: null, resume: true, batch: { choice: null }, sourceFacts, journalNoted: false });
      this.emit(id);
    }
  }

  /** Paused (and still queued) items of the lost browser continue, from their parts, on its successor. */
  private continueOn(clientId: string, browserId: string, replaces: string): void {
    for (const item of this.items.values()) {
      if (item.clientId !== clientId || item.view.browserId !== replaces) continue;
      if (item.view.state === 'paused') item.resume = true;
      else if (item.view.state !== 'queued') continue;
      const { error: _drop, ...rest } = item.view;
      item.view = { ...rest, state: 'queued', browserId };
      this.emit(item.view.transferId);
    }
    this.pump();
  }

  start(clientId: string, browserId: string, direction: 'upload' | 'download', sources: string[], targetDir: string): string[] {
    const hostId = this.deps.files.hostOf(clientId, browserId); // fails now, not later, if the browser is gone
    const batch = { choice: null };
    const localPaths = direction === 'upload' ? sources : [targetDir];
    for (const p of localPaths) if (!path.isAbsolute(p)) throw new AppError('invalid-path', `Not an absolute path: ${p}`);
    const items = sources.map((source): Item => {
      const name = source.replace(/\/+$/, '').split(/[\\/]/).pop() || source;
      const target = direction === 'upload' ? joinRemote(targetDir, name) : path.join(targetDir, name);
      const transferId = `t${randomUUID().replace(/-/g, '')}`;
      const view: TransferView = { transferId, browserId, direction, name, source, target, state: 'queued', bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 1, speed: 0 };
      return { view, clientId, hostId, detached: false, abort: null, resume: false, batch, journalNoted: false };
    });
    // Not journalled, not started: the request answers the save error and nothing is queued.
    this.deps.journal.add(items.map((item) => this.record(item)));
    this.journalFailing = false;
    for (const item of items) {
      this.items.set(item.view.transferId, item);
      this.emit(item.view.transferId);
    }
    this.pump();
    return items.map((item) => item.view.transferId);
  }

  cancel(clientId: string, transferId: string): void {
    const item = this.owned(clientId, transferId);
    if (['queued', 'paused', 'interrupted'].includes(item.view.state)) this.update(item, { state: 'cancelled', speed: 0 });
    item.abort?.abort();
  }

  /** Cancels every unfinished item of a browser (its tab was closed). */
  cancelBrowser(clientId: string, browserId: string): void {
    for (const item of this.items.values()) {
      if (item.clientId === clientId && item.view.browserId === browserId && UNFINISHED.has(item.view.state)) this.cancel(clientId, item.view.transferId);
    }
  }

  retry(clientId: string, transferId: string, browserId?: string): void {
    const item = this.owned(clientId, transferId);
    if (!['failed', 'cancelled', 'paused', 'interrupted'].includes(item.view.state)) return;
    // After a reconnect the same host has a new browser: continue there.
    if (browserId) this.deps.files.sftp(clientId, browserId);
    item.resume = true;
    const { error: _drop, ...rest } = item.view;
    item.view = { ...rest, state: 'queued', browserId: browserId ?? rest.browserId };
    this.emit(transferId);
    this.pump();
  }

  clearFinished(clientId: string): void {
    for (const [id, item] of this.items) if (item.clientId === clientId && ['done', 'skipped', 'cancelled'].includes(item.view.state)) this.items.delete(id);
  }

  private owned(clientId: string, transferId: string): Item {
    const item = this.items.get(transferId);
    if (!item || item.clientId !== clientId) throw new AppError('not-found', 'That transfer is no longer in the queue.');
    return item;
  }

  private pump(): void {
    for (const item of this.items.values()) {
      if (this.runs.size >= PARALLEL_ITEMS) return;
      if (item.view.state !== 'queued') continue;
      const run = this.run(item)
        .catch((error: unknown) => this.crashed(item, error))
        .finally(() => {
          this.runs.delete(item);
          this.pump();
        });
      this.runs.set(item, run);
    }
  }

  private async run(item: Item): Promise<void> {
    const abort = new AbortController();
    item.abort = abort;
    this.update(item, { state: 'running', bytesDone: 0, speed: 0, skipped: undefined, skippedCount: undefined });
    const { view } = item;
    let lastEmit = 0;
    let lastBytes = 0;
    let lastTime = Date.now();
    const progress = (bytesDone: number, bytesTotal: number, filesDone = 0, filesTotal = 1) => {
      const now = Date.now();
      if (now - lastEmit < EMIT_EVERY_MS && bytesDone < bytesTotal) {
        Object.assign(item.view, { bytesDone, bytesTotal, filesDone, filesTotal });
        return;
      }
      const instant = ((bytesDone - lastBytes) * 1000) / Math.max(1, now - lastTime);
      const speed = item.view.speed ? item.view.speed * 0.7 + instant * 0.3 : instant;
      lastEmit = lastTime = now;
      lastBytes = bytesDone;
      this.update(item, { bytesDone, bytesTotal, filesDone, filesTotal, speed });
    };
    try {
      const sftp = this.deps.files.sftp(item.clientId, view.browserId);
      const source = view.direction === 'upload' ? await localKind(view.source) : await remoteKind(sftp, view.source);
      const resolved = await resolveTarget({
        item: { direction: view.direction, target: view.target, sourceSize: source.size, resume: item.resume },
        sftp,
        batch: item.batch,
        ask: this.deps.prompter.askFor(item.clientId, view.browserId),
        isFolder: source.kind === 'dir',
      });
      if (resolved === 'skip') return this.update(item, { state: 'skipped' });
      const opts = {
        resume: resolved.resume,
        signal: abort.signal,
        expect: item.sourceFacts,
        onSource: (facts: SourceFacts) => this.sourceIs(item, facts),
        onRestart: (why: string) => (this.note(item, why), this.emit(view.transferId)),
      };
      if (resolved.target !== view.target) this.update(item, { target: resolved.target });
      if (source.kind === 'dir') {
        const treeOpts = { ...opts, onProgress: (p: { bytesDone: number; bytesTotal: number; filesDone: number; filesTotal: number }) => progress(p.bytesDone, p.bytesTotal, p.filesDone, p.filesTotal) };
        const tree = view.direction === 'upload' ? uploadTree(sftp, view.source, item.view.target, treeOpts) : downloadTree(sftp, view.source, item.view.target, treeOpts);
        this.skipped(item, await tree);
      } else {
        const fileOpts = { ...opts, onProgress: (done: number, total: number) => progress(done, total) };
        if (view.direction === 'upload') await uploadFile(sftp, view.source, item.view.target, fileOpts);
        else await downloadFile(sftp, view.source, item.view.target, fileOpts);
      }
      this.update(item, { state: 'done', bytesDone: item.view.bytesTotal, filesDone: item.view.filesTotal });
    } catch (error) {
      if (abort.signal.aborted) return this.update(item, { state: 'cancelled', speed: 0 });
      if (error instanceof AppError && LOST.has(error.code)) {
        return this.update(item, { state: 'paused', speed: 0, error: `${error.message} It continues when the files tab reconnects.` });
      }
      const message = error instanceof AppError ? error.message : `Transfer of ${view.name} failed: ${(error as Error).message}`;
      this.update(item, { state: 'failed', speed: 0, error: message });
    } finally {
      item.abort = null;
    }
  }

  /** A folder arrived without some of its entries (links, unsafe names, loops): the row lists them, and says why. */
  private skipped(item: Item, result: TreeResult): void {
    if (result.skipped.length === 0) return;
    item.view = { ...item.view, skipped: result.skipped.slice(0, SKIPPED_SHOWN), skippedCount: result.skipped.length };
  }

  /** Something outside the transfer's own error handling threw: the item must not stay "running". */
  private crashed(item: Item, error: unknown): void {
    this.deps.log?.(`transfers: ${item.view.name} stopped on an unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    if (item.detached || !UNFINISHED.has(item.view.state)) return;
    item.abort?.abort();
    item.abort = null;
    this.update(item, { state: 'failed', speed: 0, error: `Transfer of ${item.view.name} failed: ${(error as Error)?.message ?? String(error)}` });
  }

  private update(item: Item, patch: Partial<TransferView>): void {
    item.view = { ...item.view, ...patch };
    // The journal follows states and targets, not progress: resuming reads the part's size anyway.
    if (patch.state !== undefined || patch.target !== undefined) this.follow(item);
    this.emit(item.view.transferId);
  }

  /** The source this run copies (after any restart): what a later resume must find unchanged. */
  private sourceIs(item: Item, facts: SourceFacts): void {
    if (item.sourceFacts?.size === facts.size && item.sourceFacts.mtimeMs === facts.mtimeMs) return;
    item.sourceFacts = facts;
    this.follow(item);
    this.emit(item.view.transferId);
  }

  private follow(item: Item): void {
    if (item.detached) return;
    const { journal } = this.deps;
    this.journalResult(item, UNFINISHED.has(item.view.state) ? journal.put(this.record(item)) : journal.remove(item.view.transferId));
  }

  /** A journal write that failed changes nothing the transfer does: it is logged, and shown once on the transfer. */
  private journalResult(item: Item | null, error: AppError | null): void {
    if (!error) {
      this.journalFailing = false;
      return;
    }
    if (!this.journalFailing) this.deps.log?.(`transfers: ${error.message}`);
    this.journalFailing = true;
    if (!item || item.journalNoted) return;
    item.journalNoted = true;
    this.note(item, journalNote(error));
  }

  /** Adds a sentence to what the transfer's row shows, after its own message. */
  private note(item: Item, text: string): void {
    const shown = item.view.error;
    if (shown?.includes(text)) return;
    item.view = { ...item.view, error: shown ? `${shown} ${text}` : text };
  }

  private record(item: Item): JournalRecord {
    const { transferId, direction, name, source, target, bytesDone, bytesTotal, filesDone, filesTotal } = item.view;
    const facts = item.sourceFacts ? { sourceFacts: item.sourceFacts } : {};
    return { transferId, hostId: item.hostId, direction, name, source, target, bytesDone, bytesTotal, filesDone, filesTotal, ...facts };
  }

  private emit(transferId: string): void {
    const item = this.items.get(transferId);
    if (item) this.deps.hub.emit(item.clientId, 'transfer:update', item.view);
  }
}

/** The save error, minus its "Nothing was changed" (the transfer did change), plus what it means for this transfer. */
function journalNote(error: AppError): string {
  const what = error.message.replace(/\s*Nothing was changed\.?$/, '');
  return `${what} This transfer is not affected; only Warren's list of unfinished transfers (used to resume them after a restart) is out of date.`;
}

function joinRemote(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

async function localKind(file: string): Promise<{ kind: 'file' | 'dir'; size: number }> {
  const s = await lstat(file).catch(() => {
    throw new AppError('not-found', `Cannot upload ${file}: it does not exist (it may have been moved or deleted).`);
  });
  return { kind: s.isDirectory() ? 'dir' : 'file', size: s.size };
}

async function remoteKind(sftp: Parameters<typeof lstatOrNull>[0], file: string): Promise<{ kind: 'file' | 'dir'; size: number }> {
  const entry = await lstatOrNull(sftp, file);
  if (!entry) throw new AppError('not-found', `Cannot download ${file}: it does not exist on the server (it may have been moved or deleted).`);
  return { kind: entry.kind === 'dir' ? 'dir' : 'file', size: entry.size };
}

export { PART_SUFFIX };
