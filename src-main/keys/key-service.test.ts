// Key tools through the services, against OpenSSH sshd: generate a pair,
// copy it to a saved host, prove it logs in alone; never overwrite silently.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../app/services';
import type { EventName, Events, PromptAskEvent } from '../../src-shared/contract';
import { saveTestHost, testServices } from '../../test-support/services';
import { startCopyIdServer, type CopyIdServer } from '../../test-support/key-fixtures';

const ctx = { clientId: 'win' };

describe('key tools through the services', () => {
  let server: CopyIdServer;
  let readOnly: CopyIdServer;
  let services: Services;
  let dir: string;
  const asked: PromptAskEvent[] = [];
  const passphrases: string[] = [];

  beforeAll(async () => {
    [server, readOnly] = await Promise.all([startCopyIdServer(), startCopyIdServer('-R')]);
    const made = testServices();
    ({ services, dir } = made);
    made.hub.connect({
      id: 'win',
      send<E extends EventName>(name: E, payload: Events[E]) {
        if (name !== 'prompt:ask') return;
        const ask = payload as PromptAskEvent;
        asked.push(ask);
        const passphrase = passphrases.shift();
        setImmediate(() => services.handlers['prompt:answer']({ promptId: ask.promptId, answer: passphrase === undefined ? null : { kind: 'passphrase', passphrase, remember: false } }, ctx));
      },
    });
  });
  afterAll(async () => {
    await services?.dispose();
    await Promise.all([server?.stop(), readOnly?.stop()]);
  });

  const saveHost = (s: CopyIdServer, name: string) => saveTestHost(services, name, s.sshd);

  it('generates an Ed25519 pair, copies it to a host, and a login offering only that key works; twice adds it once', async () => {
    const file = path.join(dir, 'id_new');
    const key = await services.handlers['keys:generate']({ file, type: 'ed25519', comment: 'me@warren' }, ctx);
    expect(key).toMatchObject({ privateKeyPath: file, publicKeyPath: `${file}.pub`, keyType: 'ssh-ed25519', fingerprint: expect.stringMatching(/^SHA256:/) });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const host = await saveHost(server, 'copy target');

    const first = await services.handlers['keys:copyToHost']({ hostId: host.id, publicKeyPath: `${file}.pub` }, ctx);
    expect(first).toMatchObject({ added: true, verified: true, message: expect.stringContaining('Logging in with the key alone works') });
    const authorized = path.join(server.home, '.ssh', 'authorized_keys');
    expect(readFileSync(authorized, 'utf8')).toContain(key.publicKey.split(' ').slice(0, 2).join(' '));
    expect(statSync(authorized).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(server.home, '.ssh')).mode & 0o777).toBe(0o700);

    const again = await services.handlers['keys:copyToHost']({ hostId: host.id, publicKeyPath: `${file}.pub` }, ctx);
    expect(again).toMatchObject({ added: false, verified: true });
    expect(readFileSync(authorized, 'utf8').split('\n').filter((l) => l.includes(key.publicKey.split(' ')[1]!))).toHaveLength(1);
  });

  it('a key with a passphrase: the login check asks for it, and a wrong one is reported as not verified', async () => {
    const file = path.join(dir, 'id_locked');
    await services.handlers['keys:generate']({ file, type: 'ecdsa', passphrase: 'open sesame' }, ctx);
    const host = await saveHost(server, 'locked target');
    passphrases.push('open sesame');
    const ok = await services.handlers['keys:copyToHost']({ hostId: host.id, publicKeyPath: `${file}.pub` }, ctx);
    expect(ok).toMatchObject({ added: true, verified: true });
    expect(asked.at(-1)?.question).toMatchObject({ kind: 'passphrase' });

    passphrases.push('wrong', 'wrong', 'wrong');
    const refused = await services.handlers['keys:copyToHost']({ hostId: host.id, publicKeyPath: `${file}.pub` }, ctx);
    expect(refused).toMatchObject({ added: false, verified: false, message: expect.stringContaining('Could not log in with the key alone') });
  });

  it('refuses to overwrite an existing key unless asked, leaving the old bytes', async () => {
    const file = path.join(dir, 'id_keep');
    await services.handlers['keys:generate']({ file, type: 'ed25519' }, ctx);
    const before = readFileSync(file);
    await expect(services.handlers['keys:generate']({ file, type: 'ed25519' }, ctx)).rejects.toMatchObject({ code: 'exists' });
    expect(readFileSync(file).equals(before)).toBe(true);
    await services.handlers['keys:generate']({ file, type: 'ed25519', overwrite: true }, ctx);
    expect(readFileSync(file).equals(before)).toBe(false);
  });

  it('a server that will not take the key says why, naming the file', async () => {
    const file = path.join(dir, 'id_ro');
    await services.handlers['keys:generate']({ file, type: 'ed25519' }, ctx);
    const host = await saveHost(readOnly, 'read-only target');
    await expect(services.handlers['keys:copyToHost']({ hostId: host.id, publicKeyPath: `${file}.pub` }, ctx)).rejects.toMatchObject({ message: expect.stringContaining('.ssh') });
  });
});
