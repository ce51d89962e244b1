// The one lifecycle of terminals, Files tabs and tunnels (contract/lifecycle.ts),
// against a real sshd: the open answers at once, the outcome comes as state
// events, a failed connect says why with its code, and an id in use is refused.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type Sshd } from '../../test-support/sshd';
import { saveTestHost, testServices, type TestServices } from '../../test-support/services';
import { closedPort } from '../../test-support/net';
import { newOpenId } from '../../src-shared/ids';
import type { EventName, Events, FilesStateEvent, PromptAskEvent, SessionStateEvent, TunnelView } from '../../src-shared/contract';

let sshd: Sshd;
let t: TestServices | undefined;

beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.stop();
});
afterEach(async () => {
  await t?.services.dispose();
  t = undefined;
});

const WAIT = { timeout: 30_000 };

/** A window that records what it hears and leaves every question open until the test answers it. */
function window(made: TestServices) {
  const asked: PromptAskEvent[] = [];
  const sessions: SessionStateEvent[] = [];
  const files: FilesStateEvent[] = [];
  const tunnels: TunnelView[] = [];
  made.hub.connect({
    id: 'win',
    send<E extends EventName>(name: E, payload: Events[E]) {
      if (name === 'prompt:ask') asked.push(payload as PromptAskEvent);
      if (name === 'session:state') sessions.push(payload as SessionStateEvent);
      if (name === 'files:state') files.push(payload as FilesStateEvent);
      if (name === 'tunnel:update') tunnels.push(payload as TunnelView);
    },
  });
  const answer = (ask: PromptAskEvent) => made.services.handlers['prompt:answer']({ promptId: ask.promptId, answer: { kind: 'host-key', decision: 'accept-once' } }, ctx);
  return { asked, sessions, files, tunnels, answer };
}

const ctx = { clientId: 'win' };

describe('one lifecycle for terminals, Files tabs and tunnels (real sshd)', { timeout: 90_000 }, () => {
  it('each open answers at once, while the host-key question is still open; the outcome comes as state events', async () => {
    t = testServices();
    const w = window(t);
    // 'ask': an unknown host key waits for the user, so nothing can connect before the reply.
    const host = await saveTestHost(t.services, 'asking', sshd, { hostKeyPolicy: 'ask' });
    const forward = t.services.tunnels.save({ hostId: host.id, name: 'web', autoStart: false, spec: { kind: 'local', bindHost: '127.0.0.1', bindPort: await closedPort(), destHost: '127.0.0.1', destPort: sshd.port } });

    const sessionId = newOpenId('s');
    expect(t.services.handlers['session:open']({ sessionId, hostId: host.id, cols: 80, rows: 24 }, ctx)).toBeNull();
    const browserId = newOpenId('b');
    expect(t.services.handlers['files:open']({ browserId, hostId: host.id }, ctx)).toBeNull();
    const view = await t.services.handlers['tunnels:toggle']({ hostId: host.id, forwardId: forward.forwardId, on: true }, ctx);
    expect(view.state).toBe('connecting');

    // The one shared login asks once; until it is answered, every use is still connecting.
    await expect.poll(() => w.asked.length, WAIT).toBeGreaterThan(0);
    expect(w.asked[0]!.question.kind).toBe('host-key');
    expect(w.sessions.filter((s) => s.sessionId === sessionId).map((s) => s.state)).toEqual(['connecting']);
    expect(w.files.filter((s) => s.browserId === browserId)).toEqual([{ browserId, state: 'connecting', message: `Connecting to ${sshd.user}@127.0.0.1:${sshd.port}…` }]);
    expect(w.tunnels.filter((v) => v.forwardId === forward.forwardId).map((v) => v.state)).not.toContain('on');

    w.answer(w.asked[0]!);
    await expect.poll(() => w.sessions.filter((s) => s.sessionId === sessionId).at(-1)?.state, WAIT).toBe('connected');
    await expect.poll(() => w.files.filter((s) => s.browserId === browserId).at(-1), WAIT).toMatchObject({ state: 'connected', home: expect.stringMatching(/^\//) });
    await expect.poll(() => w.tunnels.filter((v) => v.forwardId === forward.forwardId).at(-1)?.state, WAIT).toBe('on');
    expect(w.asked).toHaveLength(1);
    expect((await t.services.files.list('win', browserId, sshd.home)).map((e) => e.name)).toContain('.bashrc');
  });

  it('a connect that fails arrives as a failed state with its code, for a terminal, a Files tab and a tunnel', async () => {
    t = testServices();
    const w = window(t);
    const nobody = await saveTestHost(t.services, 'nobody home', { port: await closedPort(), user: sshd.user, clientKeyPath: sshd.clientKeyPath });
    const forward = t.services.tunnels.save({ hostId: nobody.id, name: 'dead', autoStart: false, spec: { kind: 'local', bindHost: '127.0.0.1', bindPort: await closedPort(), destHost: '127.0.0.1', destPort: 80 } });

    const sessionId = newOpenId('s');
    t.services.handlers['session:open']({ sessionId, hostId: nobody.id, cols: 80, rows: 24 }, ctx);
    const browserId = newOpenId('b');
    t.services.handlers['files:open']({ browserId, hostId: nobody.id }, ctx);
    await t.services.handlers['tunnels:toggle']({ hostId: nobody.id, forwardId: forward.forwardId, on: true }, ctx);

    const failed = { code: 'connection-refused', message: expect.stringContaining('refused') };
    await expect.poll(() => w.sessions.filter((s) => s.sessionId === sessionId).at(-1), WAIT).toMatchObject({ state: 'failed', ...failed });
    await expect.poll(() => w.files.filter((s) => s.browserId === browserId).at(-1), WAIT).toMatchObject({ state: 'failed', ...failed });
    await expect.poll(() => w.tunnels.filter((v) => v.forwardId === forward.forwardId).at(-1), WAIT).toMatchObject({ state: 'error', lastErrorCode: 'connection-refused', lastError: expect.stringContaining('refused') });
    // The ids are free again once their connect failed.
    expect(t.services.handlers['files:open']({ browserId, hostId: nobody.id }, ctx)).toBeNull();
  });

  it('an id already in use is refused before anything connects, whichever kind holds it', async () => {
    t = testServices();
    const w = window(t);
    const host = await saveTestHost(t.services, 'plain', sshd);
    const sessionId = newOpenId('s');
    t.services.handlers['session:open']({ sessionId, hostId: host.id, cols: 80, rows: 24 }, ctx);
    const again = () => t!.services.handlers['session:open']({ sessionId, hostId: host.id, cols: 80, rows: 24 }, ctx);
    expect(again).toThrow(expect.objectContaining({ code: 'exists' }));
    // A Files tab may not take a terminal's id: the prompts and the logs are keyed by it.
    expect(() => t!.services.handlers['files:open']({ browserId: sessionId, hostId: host.id }, ctx)).toThrow(expect.objectContaining({ code: 'exists' }));
    await expect.poll(() => w.sessions.filter((s) => s.sessionId === sessionId).at(-1)?.state, WAIT).toBe('connected');
    expect(w.files).toEqual([]);
    expect(t.services.sessions.openCount).toBe(1);
    // Closed, the id may be used again.
    t.services.handlers['session:close']({ sessionId }, ctx);
    expect(again()).toBeNull();
    await expect.poll(() => w.sessions.filter((s) => s.sessionId === sessionId).at(-1)?.state, WAIT).toBe('connected');
  });
});
