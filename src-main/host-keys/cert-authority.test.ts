// Host certificates, honestly: the sshd here presents a HostCertificate signed
// by a test CA, and known_hosts holds only `@cert-authority` for it. OpenSSH's
// client trusts that; Warren cannot (ssh2 negotiates no *-cert-v01 host key
// algorithm), so it must never pass silently: it asks, and says why.
// Also a saved host whose CertificateFile logs in through the whole service stack.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keygen, startSshd, type Sshd } from '../../test-support/sshd';
import { saveTestHost, testServices } from '../../test-support/services';
import type { EventName, Events, HostKeyPolicy, PromptAnswer, PromptAskEvent, SessionStateEvent } from '../../src-shared/contract';
import type { HostView } from '../../src-shared/contract';
import { ssh2AlgorithmLists } from '../ssh2-internals/ssh2-algorithm-lists';

let dir: string;
let sshd: Sshd;
let ca: string;
let knownHosts: string;

function world(answer: PromptAnswer | null) {
  const asked: PromptAskEvent[] = [];
  const states: SessionStateEvent[] = [];
  const { services, hub } = testServices({ knownHosts: { readFiles: [knownHosts], ownFile: path.join(mkdtempSync(path.join(dir, 'own-')), 'known_hosts'), hash: false } }, mkdtempSync(path.join(dir, 'data-')));
  hub.connect({
    id: 'win',
    send<E extends EventName>(name: E, payload: Events[E]) {
      if (name === 'session:state') states.push(payload as SessionStateEvent);
      if (name === 'prompt:ask') {
        const ask = payload as PromptAskEvent;
        asked.push(ask);
        setImmediate(() => services.handlers['prompt:answer']({ promptId: ask.promptId, answer: ask.question.kind === 'host-key' ? answer : null }, { clientId: 'win' }));
      }
    },
  });
  const connect = async (host: HostView) => {
    const { sessionId } = services.sessions.open('win', host.id, 80, 24);
    await expect.poll(() => states.filter((s) => s.sessionId === sessionId).at(-1)?.state, { timeout: 20_000 }).toMatch(/connected|failed|closed/);
    const last = states.filter((s) => s.sessionId === sessionId).at(-1)!;
    services.sessions.closeFor('win', sessionId);
    return last;
  };
  return { services, asked, connect };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'warren-cert-authority-'));
  ca = path.join(dir, 'ca');
  keygen(ca);
  const hostKey = path.join(dir, 'host_ed25519');
  keygen(hostKey);
  execFileSync('ssh-keygen', ['-q', '-s', ca, '-h', '-I', 'test-host', '-n', '127.0.0.1', '-V', '-5m:+1h', `${hostKey}.pub`], { stdio: 'pipe' });
  sshd = await startSshd({ hostKeyPath: hostKey, config: [`HostCertificate ${hostKey}-cert.pub`, `TrustedUserCAKeys ${ca}.pub`] });
  knownHosts = path.join(dir, 'known_hosts');
  writeFileSync(knownHosts, `@cert-authority [127.0.0.1]:${sshd.port} ${readFileSync(`${ca}.pub`, 'utf8').trim()}\n`);
}, 30_000);

afterAll(async () => {
  await sshd?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('@cert-authority with a server that has a host certificate', () => {
  it('OpenSSH trusts the server through the CA line alone (the fixture is right)', () => {
    const out = execFileSync('ssh', ['-F', '/dev/null', '-p', String(sshd.port), '-i', sshd.clientKeyPath, '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', `${sshd.user}@127.0.0.1`, 'echo certified'], { stdio: 'pipe' });
    expect(out.toString()).toContain('certified');
  });

  it('ssh2 offers no certificate host-key algorithm, so Warren sees the plain key', () => {
    expect(ssh2AlgorithmLists.SUPPORTED_SERVER_HOST_KEY.filter((a) => a.includes('-cert-'))).toEqual([]);
  });

  it.each<[HostKeyPolicy]>([['ask'], ['accept-new']])('policy %s: asks, and the question says the CA line cannot be used', async (policy) => {
    const w = world(null);
    const host = await saveTestHost(w.services, 'certified', sshd, { hostKeyPolicy: policy });
    const result = await w.connect(host);
    expect(result).toMatchObject({ state: 'failed', code: 'host-key-rejected' });
    expect(w.asked).toHaveLength(1);
    expect(w.asked[0]!.question).toMatchObject({ kind: 'host-key', keyType: 'ssh-ed25519' });
    expect((w.asked[0]!.question as { certAuthority?: string }).certAuthority).toBe(
      `${knownHosts} line 1 trusts a certificate authority (@cert-authority) for this host, but Warren cannot check host certificates yet, so the CA does not vouch for this key: compare the fingerprint yourself.`,
    );
  }, 30_000);

  it('policy strict: refused, and the message names the CA line', async () => {
    const w = world(null);
    const host = await saveTestHost(w.services, 'certified', sshd, { hostKeyPolicy: 'strict' });
    const result = await w.connect(host);
    expect(result).toMatchObject({ state: 'failed', code: 'host-key-unknown' });
    expect(result.message).toContain(`${knownHosts} line 1 trusts a certificate authority (@cert-authority) for this host, but Warren cannot check host certificates yet`);
    expect(w.asked).toEqual([]);
  }, 30_000);

  it('a saved host with a CertificateFile logs in with it once the user accepts the key', async () => {
    const w = world({ kind: 'host-key', decision: 'accept-once' });
    const key = path.join(dir, 'id_user');
    keygen(key);
    const cert = path.join(dir, 'certs', 'user-cert.pub');
    execFileSync('mkdir', ['-p', path.dirname(cert)]);
    execFileSync('ssh-keygen', ['-q', '-s', ca, '-I', 'saved-host-user', '-n', sshd.user, '-V', '-5m:+1h', `${key}.pub`], { stdio: 'pipe' });
    execFileSync('mv', [`${key}-cert.pub`, cert]);
    const host = await saveTestHost(w.services, 'with-cert', sshd, { keyPath: key, certificateFiles: [cert] });
    expect(host.certificateFiles).toEqual([cert]);
    expect((await w.connect(host)).state).toBe('connected');
    expect(sshd.log()).toContain('Accepted certificate ID "saved-host-user"');
  }, 30_000);
});
