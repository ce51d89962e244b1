// Unfinished transfers, kept in their own file (transfers.json in the data
// folder) so that quitting Warren (or closing its window) does not forget
// them: after a restart they come back, interrupted, in the next files tab of
// the same host, ready to resume from their partial files. Written on state
// changes only, never on progress, and never into settings.json: a transfer's
// state changes must not rewrite the host list.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AppError } from '../errors/app-error';
import type { SettingsStore } from '../storage/store';
import { saveError, writeFileAtomic } from '../storage/atomic-file';

export const JOURNAL_NAME = 'transfers.json';
/** Where the journal lived before it had a file of its own (settings.json). */
const LEGACY_KEY = 'transfers';

/** The source as it was when the transfer began: resuming against anything else starts over. */
export const sourceFacts = z.object({ size: z.number().nonnegative(), mtimeMs: z.number() });
export type SourceFacts = z.infer<typeof sourceFacts>;

/** One journal entry; the settings file's schema still uses it for the legacy `transfers` list. */
export const journalRecord = z.object({
  transferId: z.string().regex(/^t[0-9a-f]{32}$/),
  hostId: z.string().min(1),
  direction: z.enum(['upload', 'download']),
  name: z.string(),
  source: z.string().min(1),
  target: z.string().min(1),
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  filesDone: z.number().nonnegative(),
  filesTotal: z.number().nonnegative(),
  /** Absent in entries written before Warren recorded it, and for folders. */
  sourceFacts: sourceFacts.optional(),
});
export type JournalRecord = z.infer<typeof journalRecord>;

export class TransferJournal {
  readonly file: string;
  private readonly records = new Map<string, JournalRecord>();
  /** The file is behind memory: a write failed, and the next one catches up. */
  private behind = false;

  /** `legacy`: the settings store, whose `transfers` entries are carried over once, on the first start with this file. */
  constructor(dataDir: string, legacy?: Pick<SettingsStore, 'get'>) {
    this.file = path.join(dataDir, JOURNAL_NAME);
    if (existsSync(this.file)) this.load(this.readFile());
    else if (legacy) {
      this.load(legacy.get(LEGACY_KEY));
      // A failed write here (read-only folder) must not stop the app: the entries stay in memory.
      if (this.records.size > 0) this.behind = this.write(this.all()) !== null;
    }
  }

  all(): JournalRecord[] {
    return [...this.records.values()];
  }

  /** New transfers: saved, or the save error is thrown and nothing changes (the transfers must not start). */
  add(entries: JournalRecord[]): void {
    const next = new Map(this.records);
    for (const entry of entries) next.set(entry.transferId, entry);
    const error = this.write([...next.values()]);
    if (error) throw error;
    for (const entry of entries) this.records.set(entry.transferId, entry);
    this.behind = false;
  }

  /**
   * A known transfer's change. Memory follows at once: the transfer really is
   * in that state whatever the disk says. Returns the save error when the
   * file could not follow; the next successful write brings it up to date.
   */
  put(entry: JournalRecord): AppError | null {
    return this.putAll([entry]);
  }

  /** Several changes in one write (the app quitting with many transfers); as put. */
  putAll(entries: JournalRecord[]): AppError | null {
    const changed = entries.filter((entry) => {
      const before = this.records.get(entry.transferId);
      return !before || !sameRecord(before, entry);
    });
    if (changed.length === 0 && !this.behind) return null;
    for (const entry of changed) this.records.set(entry.transferId, entry);
    return this.flush();
  }

  /** A transfer that finished or was given up; as put. */
  remove(transferId: string): AppError | null {
    if (!this.records.delete(transferId) && !this.behind) return null;
    return this.flush();
  }

  private flush(): AppError | null {
    const error = this.write(this.all());
    this.behind = error !== null;
    return error;
  }

  private write(entries: JournalRecord[]): AppError | null {
    try {
      writeFileAtomic(this.file, `${JSON.stringify({ version: 1, transfers: entries }, null, 2)}\n`);
      return null;
    } catch (error) {
      return saveError(error, this.file);
    }
  }

  private readFile(): unknown {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      // Not readable (permissions): left where it is; the next write says why it fails too.
      return [];
    }
    try {
      return (JSON.parse(text) as { transfers?: unknown } | null)?.transfers;
    } catch {
      // Unreadable: set it aside (never deleted: its parts are still on disk) and start empty.
      const aside = path.join(path.dirname(this.file), `transfers.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
      try {
        renameSync(this.file, aside);
      } catch {
        // A read-only folder: the next write fails too, and says so.
      }
      return [];
    }
  }

  /** A hand-edited or damaged entry is skipped, not fatal: its part stays on disk. */
  private load(saved: unknown): void {
    for (const entry of Array.isArray(saved) ? saved : []) {
      const parsed = journalRecord.safeParse(entry);
      if (parsed.success) this.records.set(parsed.data.transferId, parsed.data);
    }
  }
}

function sameRecord(a: JournalRecord, b: JournalRecord): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof JournalRecord)[]);
  return [...keys].every((key) => (key === 'sourceFacts' ? a.sourceFacts?.size === b.sourceFacts?.size && a.sourceFacts?.mtimeMs === b.sourceFacts?.mtimeMs : a[key] === b[key]));
}
