// Opening the picker (Ctrl+Shift+S or the toolbar), saving and deleting
// snippets, and running one: ask its placeholders, then type it into the
// focused terminal (and the broadcast set) and give that terminal the focus.
import type { Snippet } from '../../src-shared/contract';
import { value, warren } from '../api/warren';
import { useStore, type Store } from '../store/store';
import { inputTargets, typeIntoTerminals } from '../terminal/input-targets';
import type { KeyLike } from '../terminal/tab-shortcuts';
import { fill, placeholderNames } from './placeholders';
import { typedText } from './snippet-list';

export type SnippetInput = Omit<Snippet, 'id'> & { id?: string };

export function openSnippetPicker(): void {
  useStore.getState().showDialog({ kind: 'snippets' });
}

/** Ctrl+Shift+S, wherever the focus is; the terminal swallows it (see keys/keymap), so the shell never gets a ^S. */
export function snippetKey(e: KeyLike): (() => void) | null {
  if (e.ctrlKey && e.shiftKey && !e.altKey && !e.metaKey && (e.code === 'KeyS' || e.key.toLowerCase() === 's')) return openSnippetPicker;
  return null;
}

/** The host of the tab on show (a files tab's too, for choosing snippets), or null. */
export function focusedHostId(s: Pick<Store, 'tabs' | 'activeTabId'>): string | null {
  return s.tabs.find((t) => t.tabId === s.activeTabId)?.hostId ?? null;
}

export async function loadSnippets(): Promise<void> {
  useStore.getState().setSnippets(await value(warren().snippets.list({})));
}

export async function saveSnippet(input: SnippetInput): Promise<Snippet> {
  const saved = await value(warren().snippets.save(input));
  useStore.getState().putSnippet(saved);
  return saved;
}

export async function removeSnippet(id: string): Promise<void> {
  await value(warren().snippets.remove({ id }));
  useStore.getState().dropSnippet(id);
}

/** Why a snippet cannot be typed anywhere right now, in words for the user; null when it can. */
export function whyNoTerminal(): string | null {
  if (inputTargets().length > 0) return null;
  const s = useStore.getState();
  const tab = s.tabs.find((t) => t.tabId === s.activeTabId);
  if (tab?.kind !== 'terminal') return 'No terminal has the focus. Open or click into a terminal, then run the snippet.';
  return 'This terminal is not connected. Reconnect it, then run the snippet.';
}

/**
 * Runs a snippet from the picker: asks for its placeholders first when it has
 * any. Returns why it could not run (the picker shows it and stays open), or null.
 */
export function runSnippet(snippet: Snippet): string | null {
  const problem = whyNoTerminal();
  if (problem) return problem;
  const names = placeholderNames(snippet.command);
  if (names.length > 0) {
    useStore.getState().showDialog({ kind: 'snippet-fill', snippet, names });
    return null;
  }
  return typeSnippet(snippet.command, snippet.pressEnter);
}

/** Types the snippet with its placeholders filled in; as runSnippet. */
export function runFilled(snippet: Snippet, values: Readonly<Record<string, string>>): string | null {
  return typeSnippet(fill(snippet.command, values), snippet.pressEnter);
}

function typeSnippet(command: string, pressEnter: boolean): string | null {
  // Checked again: the terminal may have dropped while the placeholders were asked.
  const problem = whyNoTerminal();
  if (problem) return problem;
  typeIntoTerminals(typedText(command, pressEnter));
  useStore.getState().showDialog(null);
  focusTerminal();
  return null;
}

/** Back to typing: the focused pane's xterm input (the picker may have been opened from the toolbar). */
function focusTerminal(): void {
  const { activeTabId } = useStore.getState();
  if (!activeTabId) return;
  document.querySelector<HTMLElement>(`.terminal-pane[data-tab-id="${CSS.escape(activeTabId)}"] .xterm-helper-textarea`)?.focus();
}
