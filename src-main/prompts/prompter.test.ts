import { describe, expect, it } from 'vitest';
import { Hub } from '../ipc/hub';
import type { EventName, Events } from '../../src-shared/contract';
import { Prompter } from './prompter';

function windowOn(hub: Hub, id: string) {
  const events: { name: EventName; payload: unknown }[] = [];
  const disconnect = hub.connect({
    id,
    send<E extends EventName>(name: E, payload: Events[E]) {
      events.push({ name, payload });
    },
  });
  return { events, disconnect };
}

const question = { kind: 'password', username: 'u', host: 'h', port: 22, retry: false, canRemember: false } as const;

describe('Prompter', () => {
  it('asks the owning window and resolves with its answer; nobody else may answer', async () => {
    const hub = new Hub();
    const prompter = new Prompter(hub);
    const win = windowOn(hub, 'w1');
    windowOn(hub, 'w2');
    const pending = prompter.askFor('w1', 's1')(question);
    const asked = win.events[0]!.payload as Events['prompt:ask'];
    expect(win.events[0]!.name).toBe('prompt:ask');
    expect(asked).toMatchObject({ sessionId: 's1', question });
    expect(() => prompter.answer('w2', asked.promptId, { kind: 'password', password: 'x', remember: false })).toThrow(/no longer open/);
    expect(() => prompter.answer('w1', asked.promptId, { kind: 'passphrase', passphrase: 'x', remember: false })).toThrow(/Expected an answer to a password prompt/);
    prompter.answer('w1', asked.promptId, { kind: 'password', password: 'secret', remember: true });
    expect(await pending).toEqual({ kind: 'password', password: 'secret', remember: true });
    // Answered once: a second answer is refused.
    expect(() => prompter.answer('w1', asked.promptId, null)).toThrow(/no longer open/);
  });

  it('times out as a cancel, and tells the window to close the dialog', async () => {
    const hub = new Hub();
    const prompter = new Prompter(hub, 50);
    const win = windowOn(hub, 'w1');
    expect(await prompter.askFor('w1', 's1')(question)).toBeNull();
    expect(win.events.map((e) => e.name)).toEqual(['prompt:ask', 'prompt:closed']);
  });

  it('cancels the prompts of a window that closes, and of a session that ends', async () => {
    const hub = new Hub();
    const prompter = new Prompter(hub);
    const win = windowOn(hub, 'w1');
    const forSession = prompter.askFor('w1', 's1')(question);
    const other = prompter.askFor('w1', 's2')(question);
    prompter.cancelSession('s1');
    expect(await forSession).toBeNull();
    win.disconnect();
    expect(await other).toBeNull();
  });

  it('a question for a window that is not open goes to another window, or waits for one and asks the shell to open it', async () => {
    const hub = new Hub();
    const prompter = new Prompter(hub);
    let opened = 0;
    prompter.onNeedsWindow(() => opened++);

    // No window at all: nothing is lost, the shell is asked for one, and the first window to open shows it.
    const waiting = prompter.askFor('', 'tunnels-h1')(question);
    expect(opened).toBe(1);
    const late = windowOn(hub, 'w9');
    const asked = late.events[0]!.payload as Events['prompt:ask'];
    expect(late.events[0]!.name).toBe('prompt:ask');
    expect(asked).toMatchObject({ sessionId: 'tunnels-h1', question });
    prompter.answer('w9', asked.promptId, { kind: 'password', password: 'pw', remember: false });
    expect(await waiting).toEqual({ kind: 'password', password: 'pw', remember: false });

    // A window that has gone (the tray remembered it): another open window is asked instead.
    const other = prompter.askFor('w-closed', 'tunnels-h2')(question);
    const second = late.events.find((e, i) => i > 0 && e.name === 'prompt:ask')!.payload as Events['prompt:ask'];
    expect(second.sessionId).toBe('tunnels-h2');
    expect(opened).toBe(1);
    prompter.answer('w9', second.promptId, null);
    expect(await other).toBeNull();
  });
});
