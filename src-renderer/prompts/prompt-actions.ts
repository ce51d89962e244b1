import type { PromptAnswer } from '../../src-shared/contract';
import { warren } from '../api/warren';
import { useStore } from '../store/store';

export function startPromptRouting(): () => void {
  const offAsk = warren().on('prompt:ask', (event) => useStore.getState().addPrompt(event));
  const offClosed = warren().on('prompt:closed', ({ promptId }) => useStore.getState().removePrompt(promptId));
  return () => {
    offAsk();
    offClosed();
  };
}

/** Sends the answer (null cancels) and closes the dialog. */
export function answerPrompt(promptId: string, answer: PromptAnswer | null): void {
  useStore.getState().removePrompt(promptId);
  void warren().prompt.answer({ promptId, answer });
}
