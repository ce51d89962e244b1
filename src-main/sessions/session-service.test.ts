import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type Sshd } from '../../test-support/sshd';
import type { Services } from '../app/services';
import { fakeWindow, saveTestHost, testServices } from '../../test-support/services';

const setup = () => testServices({ readyTimeoutMs: 5000 });

describe('SessionService against OpenSSH sshd', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(() => sshd?.stop());

  const addHost = (services: Services, server: Sshd = sshd) => saveTestHost(services, 'local', server);

  it('a window that goes away takes its sessions with it, and the server sees the disconnect', async () => {
    const { hub, services } = setup();
    const host = await addHost(services);
    const win = fakeWindow(hub, 'w1');
    const { sessionId } = services.sessions.open('w1', host.id, 80, 24);
    await expect.poll(() => win.last(sessionId)?.state).toBe('connected');
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
