// Saved snippets, in the settings file. Nothing is cached: every change reads
// the list, changes a copy and writes it whole, so a failed write (saveError)
// leaves both the file and what `list` answers as they were.
import { randomUUID } from 'node:crypto';
import type { Snippet } from '../../src-shared/contract';
import { AppError } from '../errors/app-error';
import type { SettingsStore } from '../storage/store';
import { SNIPPETS_KEY } from './stored-snippets';

export interface SnippetsDeps {
  store: Pick<SettingsStore, 'set'>;
  /** The stored list, checked (the settings reader sets unreadable entries aside). */
  read: () => Snippet[];
  /** Whether a saved host has this id: a snippet is not tied to a host that is gone. */
  hostExists: (hostId: string) => boolean;
}

export type SnippetInput = Omit<Snippet, 'id'> & { id?: string | undefined };

export class SnippetsService {
  constructor(private readonly deps: SnippetsDeps) {}

  list(): Snippet[] {
    return this.deps.read();
  }

  save(input: SnippetInput): Snippet {
    const all = this.deps.read();
    const at = input.id === undefined ? -1 : all.findIndex((s) => s.id === input.id);
    if (input.id !== undefined && at < 0) throw new AppError('not-found', 'That snippet no longer exists. It may have been deleted in another window.');
    // Unchanged, a host that was removed stays on its snippets (they are hidden, not lost); only a new choice must exist.
    const unchangedHost = at >= 0 && all[at]!.hostId === input.hostId;
    if (input.hostId !== null && !unchangedHost && !this.deps.hostExists(input.hostId)) {
      throw new AppError('not-found', 'That host no longer exists. Save the snippet for all hosts, or for a host that is still saved.');
    }
    const snippet: Snippet = { id: input.id ?? `s${randomUUID().replace(/-/g, '')}`, name: input.name, command: input.command, hostId: input.hostId, pressEnter: input.pressEnter };
    const next = at >= 0 ? all.map((s, i) => (i === at ? snippet : s)) : [...all, snippet];
    this.deps.store.set(SNIPPETS_KEY, next);
    return snippet;
  }

  /** Removing one that is already gone (another window) is not an error: the user wanted it gone. */
  remove(id: string): void {
    const all = this.deps.read();
    if (!all.some((s) => s.id === id)) return;
    this.deps.store.set(SNIPPETS_KEY, all.filter((s) => s.id !== id));
  }
}
