import type { StateCreator } from 'zustand';
import type { Snippet } from '../../src-shared/contract';
import type { Store } from './store';

/** The saved snippets as main last answered; reloaded each time the picker opens (another window may have changed them). */
export interface SnippetsSlice {
  snippets: Snippet[];
  snippetsLoaded: boolean;
  setSnippets(snippets: Snippet[]): void;
  putSnippet(snippet: Snippet): void;
  dropSnippet(id: string): void;
}

export const createSnippetsSlice: StateCreator<Store, [], [], SnippetsSlice> = (set) => ({
  snippets: [],
  snippetsLoaded: false,
  setSnippets: (snippets) => set({ snippets, snippetsLoaded: true }),
  putSnippet: (snippet) =>
    set((s) => ({ snippets: s.snippets.some((x) => x.id === snippet.id) ? s.snippets.map((x) => (x.id === snippet.id ? snippet : x)) : [...s.snippets, snippet] })),
  dropSnippet: (id) => set((s) => ({ snippets: s.snippets.filter((x) => x.id !== id) })),
});
