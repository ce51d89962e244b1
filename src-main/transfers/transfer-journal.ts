// Unfinished transfers, kept in the settings file so that quitting Warren (or
// closing its window) does not forget them: after a restart they come back,
// interrupted, in the next files tab of the same host, ready to resume from
// their partial files. Written on state changes only, never on progress.
import { z } from 'zod';
import type { SettingsStore } from '../storage/store';

const KEY = 'transfers';

/** One journal entry; the settings file's schema uses it for the `transfers` list. */
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
});
export type JournalRecord = z.infer<typeof journalRecord>;

export class TransferJournal {
  private readonly records = new Map<string, JournalRecord>();

  constructor(private readonly store: SettingsStore) {
    // A hand-edited or damaged entry is skipped, not fatal: the parts stay on disk.
    // (In the app the settings reader has already copied such entries aside and
    // told the user; see src-main/settings/settings-reader.ts.)
    const saved = store.get(KEY);
    for (const entry of Array.isArray(saved) ? saved : []) {
      const parsed = journalRecord.safeParse(entry);
      if (parsed.success) this.records.set(parsed.data.transferId, parsed.data);
    }
  }

  all(): JournalRecord[] {
    return [...this.records.values()];
  }

  put(entry: JournalRecord): void {
    const before = this.records.get(entry.transferId);
    if (before && sameRecord(before, entry)) return;
    this.records.set(entry.transferId, entry);
    this.save();
  }

  remove(transferId: string): void {
    if (this.records.delete(transferId)) this.save();
  }

  private save(): void {
    this.store.set(KEY, this.all());
  }
}

function sameRecord(a: JournalRecord, b: JournalRecord): boolean {
  return (Object.keys(a) as (keyof JournalRecord)[]).every((key) => a[key] === b[key]);
}
