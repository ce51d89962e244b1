// Questions from main to the user: each goes to the window that owns the
// session as a prompt:ask event with an id, and comes back as one
// prompt:answer request. Every prompt has a deadline; closing the window,
// the tab or the connection cancels its prompts. A question for a window that
// is not there (a tunnel switched on from the tray with the window closed)
// goes to another window, or waits for one: the shell is asked to open it.
import { randomUUID } from 'node:crypto';
import type { Hub } from '../ipc/hub';
import { AppError } from '../errors/app-error';
import type { Ask, PromptAnswer, PromptQuestion } from '../../src-shared/contract/prompts';

interface Pending {
  /** '' while no window is open to show it. */
  clientId: string;
  question: PromptQuestion;
  sessionId: string;
  kind: PromptQuestion['kind'];
  resolve(answer: PromptAnswer | null): void;
  timer: ReturnType<typeof setTimeout>;
}

export class Prompter {
  private readonly pending = new Map<string, Pending>();
  private readonly needsWindowListeners = new Set<() => void>();

  constructor(
    private readonly hub: Hub,
    private readonly timeoutMs = 5 * 60_000,
  ) {
    hub.onClientGone((clientId) => {
      for (const [id, p] of this.pending) if (p.clientId === clientId) this.settle(id, null);
    });
    hub.onClientConnected((clientId) => {
      for (const [promptId, p] of this.pending) {
        if (p.clientId !== '') continue;
        p.clientId = clientId;
        this.hub.emit(clientId, 'prompt:ask', { promptId, sessionId: p.sessionId, question: p.question });
      }
    });
  }

  /** Called when a question has no window to show it in; the shell opens one. */
  onNeedsWindow(listener: () => void): () => void {
    this.needsWindowListeners.add(listener);
    return () => this.needsWindowListeners.delete(listener);
  }

  /** An `ask` bound to one window and one session. */
  askFor(clientId: string, sessionId: string): Ask {
    return ((question: PromptQuestion) =>
      new Promise<PromptAnswer | null>((resolve) => {
        const promptId = randomUUID();
        const timer = setTimeout(() => this.settle(promptId, null), this.timeoutMs);
        const to = this.hub.has(clientId) ? clientId : (this.hub.anyClient() ?? '');
        this.pending.set(promptId, { clientId: to, question, sessionId, kind: question.kind, resolve, timer });
        if (to) this.hub.emit(to, 'prompt:ask', { promptId, sessionId, question });
        else for (const listener of this.needsWindowListeners) listener();
      })) as Ask;
  }

  /** The user's answer (or null: cancel). Only the window that was asked may answer. */
  answer(clientId: string, promptId: string, answer: PromptAnswer | null): void {
    const p = this.pending.get(promptId);
    if (!p || p.clientId !== clientId) throw new AppError('prompt-gone', 'That question is no longer open: it was answered, cancelled or timed out.');
    if (answer && answer.kind !== p.kind) throw new AppError('invalid-input', `Expected an answer to a ${p.kind} prompt.`);
    this.settle(promptId, answer);
  }

  cancelSession(sessionId: string): void {
    for (const [id, p] of this.pending) if (p.sessionId === sessionId) this.settle(id, null);
  }

  private settle(promptId: string, answer: PromptAnswer | null): void {
    const p = this.pending.get(promptId);
    if (!p) return;
    this.pending.delete(promptId);
    clearTimeout(p.timer);
    // Tell the window to close the dialog if it is not the one that answered.
    if (p.clientId) this.hub.emit(p.clientId, 'prompt:closed', { promptId });
    p.resolve(answer);
  }
}
