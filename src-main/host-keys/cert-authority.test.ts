// Host certificates end to end: sshd servers present HostCertificates signed
// by a test CA (valid, expired, for another name, a user certificate), and
// known_hosts holds `@cert-authority` lines only. Warren must agree with
// OpenSSH's client (StrictHostKeyChecking=yes) on every case: trusted through
// the CA with no question, or not vouched for, and then asked (Strict:
// refused) with the reason, and a revoked CA a hard stop.
// Also a saved host whose CertificateFile logs in through the whole service stack.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keygen, signKey, startSshd, type Sshd } from '../../test-support/sshd';
import { answeringWindow, saveTestHost, testServices } from '../../test-support/services';
import type { HostKeyPolicy, HostView, PromptAnswer } from '../../src-shared/contract';

let dir: string;
let ca: string;
const servers: Record<string, Sshd> = {};
let n = 0;

const publicLine = (file: string) => readFileSync(`${file}.pub`, 'utf8').trim();

/** A known_hosts file with these lines (`%h` is the server's `[127.0.0.1]:port`). */
function knownHosts(sshd: Sshd, ...lines: string[]): string {
  const file = path.join(dir, `known_hosts_${n++}`);
  writeFileSync(file, lines.map((l) => l.replaceAll('%h', `[127.0.0.1]:${sshd.port}`)).join('\n') + '\n');
  return file;
}

function world(file: string, answer: PromptAnswer | null) {
  const ownFile = path.join(mkdtempSync(path.join(dir, 'own-')), 'known_hosts');
  const made = testServices({ knownHosts: { readFiles: [file], ownFile, hash: false } }, mkdtempSync(path.join(dir, 'data-')));
  const { services } = made;
  const { asked, states } = answeringWindow(made, 'win', (ask) => (ask.question.kind === 'host-key' ? answer : null));
  const connect = async (host: HostView) => {
    const { sessionId } = services.sessions.open('win', host.id, 80, 24);
    await expect.poll(() => states.filter((s) => s.sessionId === sessionId).at(-1)?.state, { timeout: 30_000 }).toMatch(/connected|failed|closed/);
    const last = states.filter((s) => s.sessionId === sessionId).at(-1)!;
    services.sessions.closeFor('win', sessionId);
    return last;
  };
  return { services, asked, connect, ownFile };
}

/** OpenSSH's verdict with only this known_hosts file: true when it logs in without asking. */
function opensshTrusts(sshd: Sshd, file: string): boolean {
  const result = spawnSync(
    'ssh',
    ['-F', '/dev/null', '-p', String(sshd.port), '-i', sshd.clientKeyPath, '-o', `UserKnownHostsFile=${file}`, '-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', `${sshd.user}@127.0.0.1`, 'echo certified'],
    { encoding: 'utf8', timeout: 30_000 },
  );
  return result.status === 0 && result.stdout.includes('certified');
}

/** An sshd whose ed25519 host key carries a certificate made with these ssh-keygen arguments. */
async function certifiedServer(name: string, args: string[]): Promise<Sshd> {
  const hostKey = path.join(dir, `host_${name}`);
  keygen(hostKey);
  signKey(ca, hostKey, ['-I', `host-${name}`, ...args]);
  return startSshd({ hostKeyPath: hostKey, config: [`HostCertificate ${hostKey}-cert.pub`, `TrustedUserCAKeys ${ca}.pub`] });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'warren-cert-authority-'));
  ca = path.join(dir, 'ca');
  keygen(ca);
  servers.valid = await certifiedServer('valid', ['-h', '-n', '127.0.0.1', '-V', '-5m:+1h']);
  servers.expired = await certifiedServer('expired', ['-h', '-n', '127.0.0.1', '-V', '20200101:20200102']);
  servers.otherName = await certifiedServer('other-name', ['-h', '-n', 'other.example', '-V', '-5m:+1h']);
  servers.userCert = await certifiedServer('user-cert', ['-n', '127.0.0.1', '-V', '-5m:+1h']);
  servers.plain = await startSshd();
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe('a valid host certificate from the CA an @cert-authority line trusts', () => {
  it('OpenSSH trusts the server through the CA line alone (the fixture is right)', () => {
    expect(opensshTrusts(servers.valid!, knownHosts(servers.valid!, `@cert-authority %h ${publicLine(ca)}`))).toBe(true);
  });

  it.each<[HostKeyPolicy]>([['ask'], ['accept-new'], ['strict']])('policy %s: connects with no question, and saves nothing', async (policy) => {
    const w = world(knownHosts(servers.valid!, `@cert-authority %h ${publicLine(ca)}`), null);
    const host = await saveTestHost(w.services, 'certified', servers.valid!, { hostKeyPolicy: policy });
    expect((await w.connect(host)).state).toBe('connected');
    expect(w.asked).toEqual([]);
    expect(existsSync(w.ownFile)).toBe(false);
  }, 60_000);

  it.each([['a wildcard without the port'], ['the bare host name']])('a line for %s covers the host on its non-standard port too, as for ssh', async (kind) => {
    const file = knownHosts(servers.valid!, `@cert-authority ${kind === 'the bare host name' ? '127.0.0.1' : '*.example,127.0.0.*'} ${publicLine(ca)}`);
    expect(opensshTrusts(servers.valid!, file)).toBe(true);
    const w = world(file, null);
    const host = await saveTestHost(w.services, 'certified', servers.valid!, { hostKeyPolicy: 'strict' });
    expect((await w.connect(host)).state).toBe('connected');
  }, 60_000);
});

/** The server, its known_hosts lines, and the reason Warren gives for not accepting its certificate. */
const notVouched: [string, () => Sshd, () => string[], RegExp][] = [
  ['a CA no line trusts', () => servers.valid!, () => [`@cert-authority %h ${publicLine(otherCa())}`], /its CA \(SHA256:\S+\) is not trusted for this host by any @cert-authority line/],
  ['an expired certificate', () => servers.expired!, () => [`@cert-authority %h ${publicLine(ca)}`], /it is expired \(valid from 2020-01-01 00:00:00Z to 2020-01-02 00:00:00Z\)/],
  ['a certificate for another name', () => servers.otherName!, () => [`@cert-authority %h ${publicLine(ca)}`], /it is for other\.example, not 127\.0\.0\.1/],
  ['a user certificate presented as a host certificate', () => servers.userCert!, () => [`@cert-authority %h ${publicLine(ca)}`], /it is a user certificate, not a host certificate/],
];

function otherCa(): string {
  const file = path.join(dir, 'other-ca');
  if (!existsSync(file)) keygen(file);
  return file;
}

describe.each(notVouched)('%s', (_name, server, lines, reason) => {
  it('OpenSSH refuses it with StrictHostKeyChecking=yes', () => {
    expect(opensshTrusts(server(), knownHosts(server(), ...lines()))).toBe(false);
  });

  it('policy ask: asks about the certified key, and the question says why the certificate was not accepted', async () => {
    const w = world(knownHosts(server(), ...lines()), null);
    const host = await saveTestHost(w.services, 'not-vouched', server(), { hostKeyPolicy: 'ask' });
    expect(await w.connect(host)).toMatchObject({ state: 'failed', code: 'host-key-rejected' });
    expect(w.asked).toHaveLength(1);
    const question = w.asked[0]!.question as { kind: string; keyType: string; certAuthority?: string };
    expect(question).toMatchObject({ kind: 'host-key', keyType: 'ssh-ed25519' });
    expect(question.certAuthority).toMatch(new RegExp(`^The server's host certificate was not accepted: ${reason.source}\\. Compare the fingerprint of its key yourself\\.$`));
  }, 60_000);

  it('policy strict: refused with the reason, and no question', async () => {
    const w = world(knownHosts(server(), ...lines()), null);
    const host = await saveTestHost(w.services, 'not-vouched', server(), { hostKeyPolicy: 'strict' });
    const result = await w.connect(host);
    expect(result).toMatchObject({ state: 'failed', code: 'host-key-unknown' });
    expect(result.message).toMatch(reason);
    expect(w.asked).toEqual([]);
  }, 60_000);

  it('policy accept-new: asks rather than saving the key silently', async () => {
    const w = world(knownHosts(server(), ...lines()), { kind: 'host-key', decision: 'accept-once' });
    const host = await saveTestHost(w.services, 'not-vouched', server(), { hostKeyPolicy: 'accept-new' });
    expect((await w.connect(host)).state).toBe('connected');
    expect(w.asked).toHaveLength(1);
    expect(existsSync(w.ownFile)).toBe(false);
  }, 60_000);
});

describe('a server without a host certificate', () => {
  it('is asked about as an unknown host, and the question says the CA cannot vouch for a plain key', async () => {
    const sshd = servers.plain!;
    const file = knownHosts(sshd, `@cert-authority %h ${publicLine(ca)}`);
    expect(opensshTrusts(sshd, file)).toBe(false);
    const w = world(file, null);
    const host = await saveTestHost(w.services, 'plain', sshd, { hostKeyPolicy: 'ask' });
    expect(await w.connect(host)).toMatchObject({ state: 'failed', code: 'host-key-rejected' });
    expect((w.asked[0]!.question as { certAuthority?: string }).certAuthority).toBe(
      `${file} line 1 trusts a certificate authority (@cert-authority) for this host, but the server presented a plain key without a certificate, so the CA does not vouch for it: compare the fingerprint yourself.`,
    );
  }, 60_000);
});

describe('the fallback to the plain key, as ssh does', () => {
  it('an expired certificate whose key is also on record plainly connects with no question', async () => {
    const sshd = servers.expired!;
    const file = knownHosts(sshd, `@cert-authority %h ${publicLine(ca)}`, `%h ${publicLine(sshd.hostKeyPath)}`);
    expect(opensshTrusts(sshd, file)).toBe(true);
    const w = world(file, null);
    const host = await saveTestHost(w.services, 'plain-too', sshd, { hostKeyPolicy: 'strict' });
    expect((await w.connect(host)).state).toBe('connected');
    expect(w.asked).toEqual([]);
  }, 60_000);
});

describe('a revoked CA', () => {
  it('is a hard stop for OpenSSH and for Warren, with no question', async () => {
    const sshd = servers.valid!;
    const file = knownHosts(sshd, `@cert-authority %h ${publicLine(ca)}`, `@revoked %h ${publicLine(ca)}`);
    expect(opensshTrusts(sshd, file)).toBe(false);
    const w = world(file, { kind: 'host-key', decision: 'accept-once' });
    const host = await saveTestHost(w.services, 'revoked', sshd, { hostKeyPolicy: 'ask' });
    const result = await w.connect(host);
    expect(result).toMatchObject({ state: 'failed', code: 'host-key-revoked' });
    expect(result.message).toContain(`is marked as revoked in ${file} line 2`);
    expect(w.asked).toEqual([]);
  }, 60_000);
});

describe('user certificates through the service stack', () => {
  it('a saved host with a CertificateFile logs in with it, the server trusted through its host certificate', async () => {
    const sshd = servers.valid!;
    const w = world(knownHosts(sshd, `@cert-authority %h ${publicLine(ca)}`), null);
    const key = path.join(dir, 'id_user');
    keygen(key);
    const cert = path.join(dir, 'certs', 'user-cert.pub');
    mkdirSync(path.dirname(cert), { recursive: true });
    execFileSync('mv', [signKey(ca, key, ['-I', 'saved-host-user', '-n', sshd.user, '-V', '-5m:+1h']), cert]);
    const host = await saveTestHost(w.services, 'with-cert', sshd, { keyPath: key, certificateFiles: [cert] });
    expect(host.certificateFiles).toEqual([cert]);
    expect((await w.connect(host)).state).toBe('connected');
    expect(w.asked).toEqual([]);
    expect(sshd.log()).toContain('Accepted certificate ID "saved-host-user"');
  }, 60_000);
});
