// Which snippets the picker offers, and in what order. Pure, so the picker's
// filtering is tested without a page.
import type { Snippet } from '../../src-shared/contract';

/**
 * Snippets for every host, and the focused host's own. A snippet of a host
 * that was deleted is kept on disk but offered nowhere, even in a terminal
 * still open to that host.
 */
export function snippetsFor(all: readonly Snippet[], hostId: string | null, savedHostIds: readonly string[]): Snippet[] {
  const own = hostId !== null && savedHostIds.includes(hostId) ? hostId : null;
  return all.filter((s) => s.hostId === null || s.hostId === own).sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id));
}

/**
 * The snippets whose name or command holds every word of the query (case
 * ignored); those that match by name alone come first, as a user types names.
 */
export function matchSnippets(list: readonly Snippet[], query: string): Snippet[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...list];
  const byName: Snippet[] = [];
  const byCommand: Snippet[] = [];
  for (const snippet of list) {
    const name = snippet.name.toLowerCase();
    const text = `${name}\n${snippet.command.toLowerCase()}`;
    if (words.every((w) => name.includes(w))) byName.push(snippet);
    else if (words.every((w) => text.includes(w))) byCommand.push(snippet);
  }
  return [...byName, ...byCommand];
}

/** What a terminal is sent: each line ended as the Enter key ends it ('\r'), and Enter after the last only when asked. */
export function typedText(command: string, pressEnter: boolean): string {
  return command.split(/\r\n|\r|\n/).join('\r') + (pressEnter ? '\r' : '');
}
