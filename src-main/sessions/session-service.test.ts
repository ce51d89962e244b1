import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
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
  const services = createServices({ store: openConfStore(dir).store, secrets: keyFileSecretBox(dir), hub, version: 'test', readyTimeoutMs: 5000, agentSocket: null, knownHosts: { readFiles: [] } });
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
    services.hosts.saveHost({ name: 'local', host: '127.0.0.1', port: server.port, username: server.user, auth: { keyPath, useAgent: false }, hostKeyPolicy: 'accept-new', folderId: null });

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
});
