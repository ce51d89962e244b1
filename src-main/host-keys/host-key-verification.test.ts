// Host-key trust through the whole service stack, against real OpenSSH sshd:
// the "window" here is a hub client that plays the user at the prompts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keygen, startSshd, type Sshd } from '../../test-support/sshd';
import type { Services } from '../app/services';
import { saveTestHost, testServices } from '../../test-support/services';
import type { EventName, Events, HostKeyPolicy, PromptAnswer, PromptAskEvent, SessionStateEvent } from '../../src-shared/contract';

interface World {
  services: Services;
  ownFile: string;
  userFile: string;
  asked: PromptAskEvent[];
  states: SessionStateEvent[];
  log: string[];
  /** What the user answers to the next host-key question (null = Cancel). */
  answer: PromptAnswer | null;
}

function world(): World {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-hk-'));
  const w = { asked: [], states: [], log: [], answer: null, ownFile: path.join(dir, 'own_known_hosts'), userFile: path.join(dir, 'user_known_hosts') } as unknown as World;
  const { services, hub } = testServices({ knownHosts: { readFiles: [w.userFile], ownFile: w.ownFile, hash: true }, log: (line) => w.log.push(line) }, dir);
  w.services = services;
  hub.connect({
    id: 'win',
    send<E extends EventName>(name: E, payload: Events[E]) {
      if (name === 'session:state') w.states.push(payload as SessionStateEvent);
      if (name === 'prompt:ask') {
        const ask = payload as PromptAskEvent;
        w.asked.push(ask);
        setImmediate(() => w.services.handlers['prompt:answer']({ promptId: ask.promptId, answer: w.answer }, { clientId: 'win' }));
      }
    },
  });
  return w;
}

async function connect(w: World, sshd: Sshd, policy: HostKeyPolicy, keyPath = sshd.clientKeyPath) {
  const host = await saveTestHost(w.services, 'h', sshd, { keyPath, hostKeyPolicy: policy });
  const { sessionId } = w.services.sessions.open('win', host.id, 80, 24);
  await expect.poll(() => w.states.filter((s) => s.sessionId === sessionId).at(-1)?.state, { timeout: 10_000 }).toMatch(/connected|failed|closed/);
  const last = w.states.filter((s) => s.sessionId === sessionId).at(-1)!;
  w.services.sessions.closeFor('win', sessionId);
  return last;
}

const sshKeygenFinds = (file: string, name: string) => {
  try {
    execFileSync('ssh-keygen', ['-F', name, '-f', file], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
};

describe('host keys against OpenSSH sshd', () => {
  let sshd: Sshd;
  let name: string;
  let fingerprint: string;
  beforeAll(async () => {
    sshd = await startSshd();
    name = `[127.0.0.1]:${sshd.port}`;
    fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${sshd.hostKeyPath}.pub`]).toString().split(' ')[1]!;
  });
  afterAll(() => sshd?.stop());

  it('asks about an unknown host with the fingerprint ssh-keygen shows; Accept and save writes a line ssh-keygen -F finds', async () => {
    const w = world();
    w.answer = { kind: 'host-key', decision: 'accept-save' };
    expect((await connect(w, sshd, 'ask')).state).toBe('connected');
    expect(w.asked.map((a) => a.question)).toEqual([{ kind: 'host-key', host: '127.0.0.1', port: sshd.port, keyType: 'ssh-ed25519', fingerprint }]);
    expect(readFileSync(w.ownFile, 'utf8')).toMatch(/^\|1\|[^ ]+ ssh-ed25519 [A-Za-z0-9+/=]+\n$/);
    expect(sshKeygenFinds(w.ownFile, name)).toBe(true);
    // Second time: known, so no question.
    expect((await connect(w, sshd, 'ask')).state).toBe('connected');
    expect(w.asked).toHaveLength(1);
  });

  it('Accept once connects but saves nothing; Cancel refuses before any authentication', async () => {
    const w = world();
    w.answer = { kind: 'host-key', decision: 'accept-once' };
    expect((await connect(w, sshd, 'ask')).state).toBe('connected');
    expect(existsSync(w.ownFile)).toBe(false);
    w.answer = null;
    const before = sshd.log().length;
    const refused = await connect(w, sshd, 'ask');
    expect(refused).toMatchObject({ state: 'failed', code: 'host-key-rejected' });
    expect(sshd.log().slice(before)).not.toMatch(/Accepted|Failed|Postponed/);
    expect(existsSync(w.ownFile)).toBe(false);
  });

  it('strict refuses an unknown host; accept-new saves it without asking', async () => {
    const w = world();
    const strict = await connect(w, sshd, 'strict');
    expect(strict).toMatchObject({ state: 'failed', code: 'host-key-unknown' });
    expect(strict.message).toContain(fingerprint);
    expect((await connect(w, sshd, 'accept-new')).state).toBe('connected');
    expect(w.asked).toHaveLength(0);
    expect(sshKeygenFinds(w.ownFile, name)).toBe(true);
    expect((await connect(w, sshd, 'strict')).state).toBe('connected');
  });

  it('trusts a key from the user’s known_hosts, and reports invalid lines there without failing', async () => {
    const w = world();
    const pub = readFileSync(`${sshd.hostKeyPath}.pub`, 'utf8').split(' ');
    writeFileSync(w.userFile, `garbage line\n${name} ${pub[0]} ${pub[1]}`);
    expect((await connect(w, sshd, 'strict')).state).toBe('connected');
    expect(w.log).toEqual([`known_hosts: ignored ${w.userFile} line 1: missing key`]);
  });

  it('a changed key (MITM) is refused in every policy, names the old entry, and sshd sees no authentication', async () => {
    const w = world();
    const keyDir = mkdtempSync(path.join(os.tmpdir(), 'warren-hk-key-'));
    const impostor = await startSshd();
    const keyPath = path.join(keyDir, 'id');
    copyFileSync(impostor.clientKeyPath, keyPath);
    try {
      // The real server's key is known for the impostor's port.
      const pub = readFileSync(`${sshd.hostKeyPath}.pub`, 'utf8').split(' ');
      writeFileSync(w.userFile, `# mine\n[127.0.0.1]:${impostor.port} ${pub[0]} ${pub[1]}\n`);
      for (const policy of ['ask', 'accept-new', 'strict'] as const) {
        const refused = await connect(w, impostor, policy, keyPath);
        expect(refused).toMatchObject({ state: 'failed', code: 'host-key-changed' });
        expect(refused.message).toMatch(/Someone may be intercepting this connection/);
        expect(refused.hostKeyChange).toMatchObject({ file: w.userFile, line: 2, oldFingerprint: fingerprint, keyType: 'ssh-ed25519' });
        expect(refused.hostKeyChange!.newFingerprint).not.toBe(fingerprint);
      }
      expect(w.asked).toHaveLength(0);
      expect(impostor.log()).toMatch(/Connection from 127\.0\.0\.1/);
      expect(impostor.log()).not.toMatch(/Accepted|Failed|Postponed|userauth/i);
      expect(readFileSync(w.userFile, 'utf8')).toBe(`# mine\n[127.0.0.1]:${impostor.port} ${pub[0]} ${pub[1]}\n`);
      expect(existsSync(w.ownFile)).toBe(false);

      // After checking, the user removes the old entry; a stale request removes nothing.
      const change = (await connect(w, impostor, 'ask', keyPath)).hostKeyChange!;
      await expect(w.services.knownHosts.removeEntry(change.file, change.line, change.newFingerprint)).rejects.toThrow(/no longer holds/);
      await expect(w.services.knownHosts.removeEntry('/etc/passwd', 1, change.oldFingerprint)).rejects.toThrow(/not a known_hosts file/);
      await w.services.knownHosts.removeEntry(change.file, change.line, change.oldFingerprint);
      expect(readFileSync(w.userFile, 'utf8')).toBe('# mine\n');
      w.answer = { kind: 'host-key', decision: 'accept-save' };
      expect((await connect(w, impostor, 'ask', keyPath)).state).toBe('connected');
    } finally {
      await impostor.stop();
    }
  });

  it('a revoked key is refused', async () => {
    const w = world();
    const pub = readFileSync(`${sshd.hostKeyPath}.pub`, 'utf8').split(' ');
    writeFileSync(w.userFile, `${name} ${pub[0]} ${pub[1]}\n@revoked * ${pub[0]} ${pub[1]}\n`);
    expect(await connect(w, sshd, 'ask')).toMatchObject({ state: 'failed', code: 'host-key-revoked' });
  });

  it('a server with several host keys is asked for the type on record, so it is not mistaken for a changed one', async () => {
    const w = world();
    const keyDir = mkdtempSync(path.join(os.tmpdir(), 'warren-hk-ecdsa-'));
    const ecdsaKey = path.join(keyDir, 'host_ecdsa');
    keygen(ecdsaKey, 'ecdsa');
    const both = await startSshd({ config: [`HostKey ${ecdsaKey}`] });
    try {
      // Only the ECDSA key is on record; ssh2 alone would pick Ed25519 first.
      const pub = readFileSync(`${ecdsaKey}.pub`, 'utf8').split(' ');
      writeFileSync(w.userFile, `[127.0.0.1]:${both.port} ${pub[0]} ${pub[1]}\n`);
      expect((await connect(w, both, 'strict')).state).toBe('connected');
      expect(both.log()).toMatch(/Accepted publickey/);
    } finally {
      await both.stop();
    }
  });
});
