// IdentityAgent, several IdentityFiles and IdentitiesOnly against a real
// OpenSSH sshd and private ssh-agents (never the developer's).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../app/services';
import { saveTestHost, testServices } from '../../test-support/services';
import { startSshAgent, type TestAgent } from '../../test-support/ssh-agent';
import { keygen, startSshd, type Sshd } from '../../test-support/sshd';

const ctx = { clientId: 'win' };
const text = (lines: { text: string }[]) => lines.map((l) => l.text).join('\n');

describe('which agent and which keys a host logs in with', () => {
  let sshd: Sshd;
  let agent: TestAgent;
  let strangers: string[];
  const stopping: Array<() => unknown> = [];

  beforeAll(async () => {
    // Two failed offers and sshd hangs up, as with a full agent in real life.
    sshd = await startSshd({ config: ['MaxAuthTries 2'] });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-identities-'));
    strangers = ['a', 'b', 'c'].map((n) => path.join(dir, `stranger_${n}`));
    for (const file of strangers) keygen(file);
    agent = await startSshAgent([sshd.clientKeyPath]);
  });
  afterAll(async () => {
    for (const stop of stopping) await stop();
    agent?.stop();
    await sshd?.stop();
  });

  const services = (agentSocket: string | null): Services => {
    const built = testServices({ agentSocket }).services;
    stopping.push(() => built.dispose());
    return built;
  };

  it('IdentityAgent: the host uses the socket it names, with no SSH_AUTH_SOCK at all', async () => {
    const s = services(null);
    const without = await saveTestHost(s, 'no agent', sshd, { keyPath: null, useAgent: true });
    expect((await s.handlers['hosts:test']({ hostId: without.id }, ctx)).ok).toBe(false);

    const host = await saveTestHost(s, 'own agent', sshd, { keyPath: null, useAgent: true, identityAgent: agent.socket });
    expect(host.identityAgent).toBe(agent.socket);
    const result = await s.handlers['hosts:test']({ hostId: host.id }, ctx);
    expect(result.verdict).toMatch(/^Connected/);
    expect(text(result.log)).toMatch(/Authenticated as \S+ with agent/);
  });

  it('IdentityAgent none: the agent in SSH_AUTH_SOCK is not used', async () => {
    const s = services(agent.socket);
    const usual = await saveTestHost(s, 'usual', sshd, { keyPath: null, useAgent: true });
    expect((await s.handlers['hosts:test']({ hostId: usual.id }, ctx)).verdict).toMatch(/^Connected/);

    const host = await saveTestHost(s, 'none', sshd, { keyPath: null, useAgent: true, identityAgent: 'None' });
    expect(host.identityAgent).toBe('none');
    const result = await s.handlers['hosts:test']({ hostId: host.id }, ctx);
    expect(result.ok).toBe(false);
    expect(result.verdict).toContain('did not accept any method: none is configured that the server offers');
    expect(text(result.log)).not.toContain('ssh-agent');
  });

  it('several IdentityFiles are offered in order after the key file, a missing one skipped as ssh does', async () => {
    const s = services(null);
    const host = await saveTestHost(s, 'keys', sshd, { keyPath: strangers[0]!, identityFiles: ['/nonexistent/id_ed25519', sshd.clientKeyPath] });
    expect(host.identityFiles).toEqual(['/nonexistent/id_ed25519', sshd.clientKeyPath]);
    const result = await s.handlers['hosts:test']({ hostId: host.id }, ctx);
    expect(result.verdict).toMatch(/^Connected/);
    expect(text(result.log)).toMatch(/Authenticated as \S+ with publickey/);
  });

  it('IdentitiesOnly: of a full agent, only the key the host names is offered, so sshd does not hang up first', async () => {
    const full = await startSshAgent([...strangers, sshd.clientKeyPath]);
    stopping.push(() => full.stop());
    const s = services(full.socket);
    const greedy = await saveTestHost(s, 'every agent key', sshd, { keyPath: null, useAgent: true });
    const refused = await s.handlers['hosts:test']({ hostId: greedy.id }, ctx);
    expect(refused.ok).toBe(false);
    await expect.poll(() => sshd.log()).toMatch(/maximum authentication attempts exceeded/);

    const host = await saveTestHost(s, 'only mine', sshd, { keyPath: null, useAgent: true, identitiesOnly: true, identityFiles: [`${sshd.clientKeyPath}`] });
    expect(host.identitiesOnly).toBe(true);
    const result = await s.handlers['hosts:test']({ hostId: host.id }, ctx);
    expect(result.verdict).toMatch(/^Connected/);
    expect(text(result.log)).toMatch(/Authenticated as \S+ with agent/);
  });
});
