// Export round trip: hosts written as an ssh_config snippet, read back by the
// real OpenSSH client (`ssh -G`, and `ssh -v` for expanded IdentityFiles),
// must give the values of the host model.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_DEFAULTS, type StoredForward, type StoredHost } from '../hosts/hosts-model';
import { sshG, sshIdentityFiles } from '../../test-support/openssh-oracle';
import { parseJumpAddress } from '../connections/jump-hosts';
import { exportSshConfig, quote } from './ssh-config-export';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'warren-export-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function host(id: string, name: string, fields: Partial<StoredHost> = {}): StoredHost {
  return {
    ...HOST_DEFAULTS,
    id,
    name,
    host: `${id}.example.net`,
    port: 22,
    username: 'deploy',
    auth: { keyPath: null, useAgent: true },
    hostKeyPolicy: 'ask',
    folderId: null,
    forwards: [],
    exitOnForwardFailure: false,
    ...fields,
  };
}

/** ProxyJump's hops as user, host and port (ssh -G prints the last one as `user@[host]:port`). */
const hops = (text: string | undefined) => (text ? text.split(',').map((hop) => parseJumpAddress(hop)).map(({ user, host, port }) => ({ user, host, port })) : []);

const forward = (id: string, spec: StoredForward['spec']): StoredForward => ({ id, name: id, autoStart: false, spec });

/** How `ssh -G` prints a forward of the model: `[bind]:port [dest]:port`. */
function asSshPrints(f: StoredForward): [string, string] {
  const s = f.spec;
  const bind = `[${s.bindHost || '*'}]:${s.bindPort}`;
  if (s.kind === 'dynamic') return ['dynamicforward', bind];
  return [`${s.kind}forward`, `${bind} [${s.destHost}]:${s.destPort}`];
}

function roundTrip(hosts: StoredHost[], chosen: StoredHost[] = hosts) {
  const byName = (name: string) => hosts.find((h) => h.name === name);
  const exported = exportSshConfig(chosen, byName);
  const file = path.join(dir, `export-${Math.random().toString(36).slice(2)}.conf`);
  writeFileSync(file, exported.text);
  const env = { ...process.env, HOME: dir };
  const aliasOf = new Map(exported.aliases.map((a) => [a.hostId, a.alias]));
  const resolve = (h: StoredHost) => {
    const options = sshG(file, aliasOf.get(h.id)!, env);
    if (!options) throw new Error(`ssh -G refused the export:\n${exported.text}`);
    return { one: (key: string) => options.get(key)?.[0], all: (key: string) => options.get(key) ?? [], identityFiles: () => sshIdentityFiles(file, aliasOf.get(h.id)!, env) };
  };
  return { exported, aliasOf, resolve };
}

describe('exporting hosts as an ssh config', () => {
  it('ssh -G resolves every exported value to the host model', () => {
    const keyPath = path.join(dir, 'keys with spaces', 'id 100%');
    const edge = host('edge', 'edge', { host: '203.0.113.7', port: 2201, username: 'gate' });
    const bastion = host('bastion', 'Bastion (EU)', { jumpHosts: ['edge'], hostKeyPolicy: 'strict', keepaliveIntervalSec: 0, keepaliveCountMax: 1 });
    const db = host('db', 'db primary', {
      host: 'fe80::1%lo',
      port: 2222,
      username: 'bob smith',
      auth: { keyPath, useAgent: false },
      hostKeyPolicy: 'accept-new',
      jumpHosts: ['Bastion (EU)', '[2001:db8::5]:22', 'alice@10.0.0.9:2200'],
      keepaliveIntervalSec: 15,
      keepaliveCountMax: 4,
      agentForward: true,
      exitOnForwardFailure: true,
      forwards: [
        forward('l1', { kind: 'local', bindHost: '127.0.0.1', bindPort: 15432, destHost: 'db.internal', destPort: 5432 }),
        forward('l2', { kind: 'local', bindHost: '', bindPort: 8080, destHost: '::1', destPort: 80 }),
        forward('r1', { kind: 'remote', bindHost: 'localhost', bindPort: 9000, destHost: '127.0.0.1', destPort: 3000 }),
        forward('d1', { kind: 'dynamic', bindHost: '::1', bindPort: 1080 }),
      ],
    });
    const proxied = host('proxied', 'proxied', { proxyCommand: `ssh -W %h:%p -l %r "jump box" # 100%%` });
    const hosts = [edge, bastion, db, proxied];
    // The user picks db and proxied; the saved hops db goes through come along.
    const { exported, aliasOf, resolve } = roundTrip(hosts, [db, proxied]);
    expect(exported.aliases.map((a) => a.alias)).toEqual(['edge', 'Bastion-EU', 'db-primary', 'proxied']);

    for (const h of hosts) {
      const ssh = resolve(h);
      expect(ssh.one('hostname'), h.name).toBe(h.host);
      expect(ssh.one('user')).toBe(h.username);
      expect(ssh.one('port')).toBe(String(h.port));
      expect(ssh.one('serveraliveinterval')).toBe(String(h.keepaliveIntervalSec));
      expect(ssh.one('serveralivecountmax')).toBe(String(h.keepaliveCountMax));
      expect(ssh.one('stricthostkeychecking')).toBe({ ask: 'ask', 'accept-new': 'accept-new', strict: 'true' }[h.hostKeyPolicy]);
      expect(ssh.one('forwardagent')).toBe(h.agentForward ? 'yes' : 'no');
      expect(ssh.one('exitonforwardfailure')).toBe(h.exitOnForwardFailure ? 'yes' : 'no');
      expect(ssh.one('identitiesonly')).toBe(h.auth.useAgent ? 'no' : 'yes');
      const jumps = h.jumpHosts.map((entry) => aliasOf.get(hosts.find((o) => o.name === entry)?.id ?? '') ?? entry);
      expect(hops(ssh.one('proxyjump'))).toEqual(hops(jumps.join(',')));
      expect(ssh.one('proxycommand')).toBe(h.proxyCommand);
      for (const kind of ['localforward', 'remoteforward', 'dynamicforward']) {
        expect(ssh.all(kind), kind).toEqual(h.forwards.map(asSshPrints).filter(([k]) => k === kind).map(([, v]) => v));
      }
    }
    // ssh -v shows the key file after its own % and ~ expansion: the path as saved.
    expect(resolve(db).identityFiles()).toEqual([keyPath]);
  });

  it('names become Host words, unique and safe; an imported host keeps its alias', () => {
    const hosts = [
      host('a', 'web *prod*'),
      host('b', 'web prod'),
      host('c', 'Renamed by me', { imported: { file: '/x', alias: 'legacy-box' } }),
      host('d', '---'),
    ];
    const { exported, resolve } = roundTrip(hosts);
    expect(exported.aliases.map((a) => a.alias)).toEqual(['web-prod', 'web-prod-2', 'legacy-box', 'host']);
    expect(exported.text).toContain('# web *prod*\nHost web-prod\n');
    for (const h of hosts) expect(resolve(h).one('hostname')).toBe(h.host);
  });

  it('a value cannot inject another keyword: line breaks are refused, spaces and quotes are quoted', () => {
    const byName = () => undefined;
    expect(() => exportSshConfig([host('x', 'x', { username: 'root\nProxyCommand touch /tmp/pwned' })], byName)).toThrow(/Cannot export x: its user/);
    expect(() => exportSshConfig([host('x', 'x', { proxyCommand: 'nc %h %p\nLocalCommand id' })], byName)).toThrow(/its proxy command/);
    expect(() => exportSshConfig([host('x', 'x', { host: 'a\rb' })], byName)).toThrow(/its host/);
    expect(() => exportSshConfig([host('x', 'x', { forwards: [forward('f', { kind: 'local', bindHost: '127.0.0.1', bindPort: 1, destHost: 'a"b', destPort: 2 })] })], byName)).toThrow(/forward address/);
    expect(quote('plain')).toBe('plain');
    expect(quote('two words')).toBe('"two words"');
    expect(quote('say "hi" \\ # x')).toBe('"say \\"hi\\" \\\\ # x"');
    // What ssh reads back is the value itself, with nothing after it taken as a keyword.
    const tricky = host('t', 't', { username: `o'brien "the" \\ # admin`, auth: { keyPath: '/k/a=b #c', useAgent: true } });
    const hash = host('h', 'h', { username: '#ops' });
    const { resolve } = roundTrip([tricky, hash]);
    expect(resolve(tricky).one('user')).toBe(tricky.username);
    expect(resolve(hash).one('user')).toBe('#ops');
    expect(resolve(tricky).identityFiles()).toEqual(['/k/a=b #c']);
  });
});

describe('CertificateFile', () => {
  it('writes each certificate file in order, and ssh -G reads them back as saved', () => {
    const certificates = [path.join(dir, 'id_work-cert.pub'), path.join(dir, 'odd name %-cert.pub')];
    const h = host('certs', 'certs', { certificateFiles: certificates });
    const exported = exportSshConfig([h], () => undefined);
    const file = path.join(dir, 'export-certs.conf');
    writeFileSync(file, exported.text);
    const options = sshG(file, exported.aliases[0]!.alias, { ...process.env, HOME: dir });
    // ssh -G prints CertificateFile before % expansion: the %% written for a literal % shows as %%.
    expect(options?.get('certificatefile')).toEqual([certificates[0], certificates[1]!.replace('%', '%%')]);
  });
});

describe('session and host-key options', () => {
  it('ssh -G reads back UserKnownHostsFile, HostKeyAlias, SetEnv, SendEnv, RemoteCommand, RequestTTY and GatewayPorts as saved', () => {
    const h = host('opts', 'opts', {
      userKnownHostsFiles: [path.join(dir, 'kh one'), path.join(dir, 'kh-100%')],
      hostKeyAlias: 'kitchen',
      setEnv: [{ name: 'LANGUAGE', value: 'en GB' }, { name: 'QUOTE', value: 'say "hi" # not a comment' }, { name: 'EMPTY', value: '' }],
      sendEnv: ['LANG', 'LC_*'],
      remoteCommand: 'tmux new -A -s "main" # at 100%',
      requestTty: 'force',
      gatewayPorts: true,
    });
    const plain = host('plain', 'plain');
    const { resolve } = roundTrip([h, plain]);
    const ssh = resolve(h);
    // ssh -G prints UserKnownHostsFile after % expansion, RemoteCommand too.
    expect(ssh.one('userknownhostsfile')).toBe(h.userKnownHostsFiles!.join(' '));
    expect(ssh.one('hostkeyalias')).toBe('kitchen');
    expect(ssh.all('setenv')).toEqual(h.setEnv!.map(({ name, value }) => `${name}=${value}`));
    expect(ssh.all('sendenv')).toEqual(['LANG', 'LC_*']);
    expect(ssh.one('remotecommand')).toBe(h.remoteCommand!.replace('%%', '%'));
    expect(ssh.one('requesttty')).toBe('force');
    expect(ssh.one('gatewayports')).toBe('yes');
    // Unset, ssh's own defaults stand.
    const none = resolve(plain);
    expect([none.one('hostkeyalias'), none.one('remotecommand'), none.all('setenv'), none.one('requesttty'), none.one('gatewayports')]).toEqual([undefined, undefined, [], 'auto', 'no']);
  });

  it('a newline in a session value is refused', () => {
    expect(() => exportSshConfig([host('x', 'x', { remoteCommand: 'top\nLocalCommand id' })], () => undefined)).toThrow(/its remote command/);
    expect(() => exportSshConfig([host('x', 'x', { setEnv: [{ name: 'A', value: 'b\nProxyCommand x' }] })], () => undefined)).toThrow(/SetEnv value/);
  });
});
