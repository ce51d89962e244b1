import type { StateCreator } from 'zustand';
import type { PromptAskEvent } from '../../src-shared/contract';
import type { Store } from './store';

/** Questions from main waiting for the user, oldest first. */
export interface PromptsSlice {
  prompts: PromptAskEvent[];
  addPrompt(prompt: PromptAskEvent): void;
  removePrompt(promptId: string): void;
}

export const createPromptsSlice: StateCreator<Store, [], [], PromptsSlice> = (set) => ({
  prompts: [],
  addPrompt: (prompt) => set((s) => ({ prompts: [...s.prompts, prompt] })),
  removePrompt: (promptId) => set((s) => ({ prompts: s.prompts.filter((p) => p.promptId !== promptId) })),
});
