import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSshd, type Sshd } from '../testing/sshd';
import { createServices, type Services } from '../app/services';
import { Hub } from '../ipc/hub';
import { openConfStore } from '../settings/settings-store';
import { keyFileSecretBox } from '../secrets/secret-box';
import type { EventName, Events, SessionStateEvent } from '../ipc/contract';

/** A hub client that records what a window would receive. */
function fakeWindow(hub: Hub, id: string) {
  const states: SessionStateEvent[] = [];
  let output = '';
  const disconnect = hub.connect({
    id,
    send<E extends EventName>(name: E, payload: Events[E]) {
      if (name === 'session:state') states.push(payload as SessionStateEvent);
      else output += (payload as Events['session:data']).data;
    },
  });
  return { states, output: () => output, disconnect };
}

function setup(dir = mkdtempSync(path.join(os.tmpdir(), 'warren-svc-'))) {
  const hub = new Hub();
  const services = createServices({ store: openConfStore(dir).store, secrets: keyFileSecretBox(dir), hub, version: 'test', readyTimeoutMs: 5000, agentSocket: null });
  return { hub, services, dir };
}

const lastState = (states: SessionStateEvent[], sessionId: string) => states.filter((s) => s.sessionId === sessionId).at(-1);

describe('SessionService against OpenSSH sshd', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(() => sshd?.stop());

  const addHost = (services: Services, server: Sshd = sshd, keyPath = server.clientKeyPath) =>
    services.hosts.saveHost({ name: 'local', host: '127.0.0.1', port: server.port, username: server.user, auth: { keyPath, useAgent: false }, hostKeyPolicy: 'ask', folderId: null });

  it('a window that goes away takes its sessions with it, and the server sees the disconnect', async () => {
    const { hub, services } = setup();
    const host = await addHost(services);
    const win = fakeWindow(hub, 'w1');
    const { sessionId } = services.sessions.open('w1', host.id, 80, 24);
    await expect.poll(() => lastState(win.states, sessionId)?.state).toBe('connected');
    services.sessions.write('w1', sessionId, 'echo pid=$$\n');
    await expect.poll(() => /pid=(\d+)/.exec(win.output())?.[1]).toBeTruthy();
    expect(services.sessions.openCount).toBe(1);
    // Another window cannot drive this session.
    expect(() => services.sessions.write('w2', sessionId, 'id\n')).toThrow(/no longer connected/);
    win.disconnect();
    expect(services.sessions.openCount).toBe(0);
    await expect.poll(() => sshd.log()).toMatch(/Disconnected from user|Connection closed by|disconnected by user/);
  });

  it('pins the host key on first use and refuses a changed key before any authentication', async () => {
    const { hub, services, dir } = setup();
    const win = fakeWindow(hub, 'w');
    const other = await startSshd();
    try {
      // The user's key outlives the server it was made for.
      const keyPath = path.join(dir, 'id_ed25519');
      copyFileSync(other.clientKeyPath, keyPath);
      const host = await addHost(services, other, keyPath);
      const first = services.sessions.open('w', host.id, 80, 24);
      await expect.poll(() => lastState(win.states, first.sessionId)?.state).toBe('connected');
      services.sessions.closeFor('w', first.sessionId);
      // The same port now answers with a different host key: a stand-in for an attacker.
      const port = other.port;
      await other.stop();
      const impostor = await startSshd({ port });
      try {
        const second = services.sessions.open('w', host.id, 80, 24);
        await expect.poll(() => lastState(win.states, second.sessionId)?.state).toBe('failed');
        const failure = lastState(win.states, second.sessionId)!;
        expect(failure.code).toBe('host-key-changed');
        expect(failure.message).toMatch(/host key of \[127\.0\.0\.1\]:\d+ has changed/);
        expect(failure.message).toMatch(/Saved key: ssh-ed25519 SHA256:[A-Za-z0-9+/]{43} .*Key offered now: ssh-ed25519 SHA256:[A-Za-z0-9+/]{43}/);
        // sshd saw the connection, but no user authentication attempt at all.
        expect(impostor.log()).toMatch(/Connection from 127\.0\.0\.1/);
        expect(impostor.log()).not.toMatch(/Accepted|Failed|Postponed|publickey/);
      } finally {
        await impostor.stop();
      }
    } finally {
      await other.stop();
    }
  });
});
