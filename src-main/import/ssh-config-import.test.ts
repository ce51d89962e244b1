// Importing an OpenSSH config through the services: the preview changes
// nothing and names what it skipped; applying makes hosts that connect to a
// real sshd; a re-import updates only what changed and keeps the user's own.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../app/services';
import { testServices } from '../../test-support/services';
import { startSshd, type Sshd } from '../../test-support/sshd';
import { canBind } from '../../test-support/net';
import { sshG } from '../../test-support/openssh-oracle';
import { IMPORT_FOLDER } from './ssh-config-import';
import { KEYWORD_SUPPORT } from './keyword-support';
import { openFiles, toggleTunnel } from '../../test-support/lifecycle';

const hasIpv6 = await canBind(0, '::1');
const accepts = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port }).once('connect', () => (socket.destroy(), resolve(true))).once('error', () => resolve(false));
  });

/** Every keyword of ssh_config(5) (OpenSSH 9.2), each with a value that differs from ssh's default where it can. */
const EVERY_KEYWORD: Array<[string, string]> = [
  ['Hostname', '10.0.0.9'], ['User', 'alice'], ['Port', '2222'], ['IdentityFile', '~/.ssh/id_test'], ['IdentitiesOnly', 'yes'],
  ['ProxyJump', 'jump.example.com'], ['ProxyCommand', 'nc %h %p'], ['LocalForward', '15433 db:5432'], ['RemoteForward', '18081 localhost:80'],
  ['DynamicForward', '11081'], ['ClearAllForwardings', 'no'], ['ExitOnForwardFailure', 'yes'], ['ServerAliveInterval', '20'],
  ['ServerAliveCountMax', '5'], ['ForwardAgent', 'yes'], ['StrictHostKeyChecking', 'yes'], ['GatewayPorts', 'yes'],
  ['AddKeysToAgent', 'yes'], ['AddressFamily', 'inet'], ['BatchMode', 'yes'], ['BindAddress', '127.0.0.1'], ['BindInterface', 'lo'],
  ['CanonicalDomains', 'example.com'], ['CanonicalizeFallbackLocal', 'no'], ['CanonicalizeHostname', 'yes'], ['CanonicalizeMaxDots', '2'],
  ['CanonicalizePermittedCNAMEs', '*.a.example.com:*.b.example.com'], ['CASignatureAlgorithms', 'ssh-ed25519'],
  ['CertificateFile', '~/.ssh/id_test-cert.pub'], ['CheckHostIP', 'yes'], ['Ciphers', '+aes128-cbc'], ['Compression', 'yes'],
  ['ConnectionAttempts', '3'], ['ConnectTimeout', '10'], ['ControlMaster', 'auto'], ['ControlPath', '~/.ssh/cm-%C'], ['ControlPersist', '10m'],
  ['EnableEscapeCommandline', 'yes'], ['EnableSSHKeysign', 'yes'], ['EscapeChar', '%'], ['FingerprintHash', 'md5'], ['ForkAfterAuthentication', 'yes'],
  ['ForwardX11', 'yes'], ['ForwardX11Timeout', '1h'], ['ForwardX11Trusted', 'yes'], ['GlobalKnownHostsFile', '/etc/ssh/other_known_hosts'],
  ['GSSAPIAuthentication', 'yes'], ['GSSAPIClientIdentity', 'me@EXAMPLE'], ['GSSAPIDelegateCredentials', 'yes'], ['GSSAPIKeyExchange', 'yes'],
  ['GSSAPIRenewalForcesRekey', 'yes'], ['GSSAPIServerIdentity', 'host@EXAMPLE'], ['GSSAPITrustDns', 'yes'], ['GSSAPIKexAlgorithms', 'gss-curve25519-sha256-'],
  ['HashKnownHosts', 'yes'], ['HostbasedAcceptedAlgorithms', 'ssh-ed25519'], ['HostbasedAuthentication', 'yes'], ['HostKeyAlgorithms', '+ssh-rsa'],
  ['HostKeyAlias', 'kitchen'], ['IdentityAgent', '~/.1password/agent.sock'], ['IgnoreUnknown', 'Frob*'], ['KbdInteractiveAuthentication', 'no'],
  ['KbdInteractiveDevices', 'pam'], ['KexAlgorithms', '+diffie-hellman-group14-sha1'], ['KnownHostsCommand', '/bin/true %H'], ['LocalCommand', 'echo hi'],
  ['LogLevel', 'DEBUG'], ['LogVerbose', 'kex.c:*:1000'], ['MACs', '+hmac-sha1'], ['NoHostAuthenticationForLocalhost', 'yes'],
  ['NumberOfPasswordPrompts', '1'], ['PasswordAuthentication', 'no'], ['PermitLocalCommand', 'yes'], ['PermitRemoteOpen', '127.0.0.1:80'],
  ['PKCS11Provider', '/usr/lib/opensc-pkcs11.so'], ['PreferredAuthentications', 'publickey'], ['ProxyUseFdpass', 'yes'],
  ['PubkeyAcceptedAlgorithms', '+ssh-rsa'], ['PubkeyAuthentication', 'no'], ['RekeyLimit', '1G 1h'], ['RemoteCommand', 'tmux attach'],
  ['RequestTTY', 'force'], ['RequiredRSASize', '2048'], ['RevokedHostKeys', '~/.ssh/revoked'], ['SecurityKeyProvider', '/usr/lib/sk.so'],
  ['SendEnv', 'LANG LC_*'], ['SessionType', 'none'], ['SetEnv', 'FOO=bar'], ['StdinNull', 'yes'], ['StreamLocalBindMask', '0111'],
  ['StreamLocalBindUnlink', 'yes'], ['SyslogFacility', 'LOCAL0'], ['TCPKeepAlive', 'no'], ['Tunnel', 'yes'], ['TunnelDevice', 'any:any'],
  ['UpdateHostKeys', 'yes'], ['UserKnownHostsFile', '~/.ssh/other_hosts'], ['VerifyHostKeyDNS', 'yes'], ['VisualHostKey', 'yes'],
  ['XAuthLocation', '/usr/bin/xauth'], ['IPQoS', 'lowdelay throughput'], ['Include', '~/.ssh/conf.d/*.conf'],
];

const ctx = { clientId: 'win' };

describe('import from an OpenSSH config', () => {
  let sshd: Sshd;
  let services: Services;
  let home: string;
  let config: string;

  const write = (text: string) => writeFileSync(config, text);
  const base = () => `# my hosts
Host lab
  HostName 127.0.0.1
  Port ${sshd.port}
  User ${sshd.user}
  IdentityFile ${sshd.clientKeyPath}
  StrictHostKeyChecking accept-new
  ServerAliveInterval 15
  LocalForward 127.0.0.1:18080 db.internal:5432
  DynamicForward 11080

Host inner
  HostName 10.0.0.5
  ProxyJump lab
  ForwardAgent yes

Host *.corp !bad.corp
  User corpuser

Host web.corp
  ProxyCommand nc %h %p
  Frobnicate yes
`;

  beforeAll(async () => {
    sshd = await startSshd();
    home = mkdtempSync(path.join(os.tmpdir(), 'warren-import-home-'));
    mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
    config = path.join(home, '.ssh', 'config');
    write(base());
    ({ services } = testServices({ sshConfigContext: { home, user: 'me', localHost: 'box' } }));
  });
  afterAll(async () => {
    await services?.dispose();
    await sshd?.stop();
  });

  it('the preview shows every concrete alias, what it becomes and the lines it skipped, and changes nothing', async () => {
    const preview = await services.handlers['import:preview']({ file: '~/.ssh/config' }, ctx);
    expect(preview.file).toBe(config);
    expect(preview.candidates.map((c) => [c.alias, c.action])).toEqual([
      ['lab', 'new'],
      ['inner', 'new'],
      ['web.corp', 'new'],
    ]);
    const lab = preview.candidates[0]!;
    expect(lab.host).toEqual({ host: '127.0.0.1', port: sshd.port, username: sshd.user, keyPath: sshd.clientKeyPath, useAgent: true, hostKeyPolicy: 'accept-new', jumpHosts: [], keepaliveIntervalSec: 15, keepaliveCountMax: 3, agentForward: false, exitOnForwardFailure: false, proxyCommand: null, algorithms: {}, identityAgent: null, identityFiles: [], identitiesOnly: false, certificateFiles: [], preferredAuthentications: [], connectTimeoutSec: null, userKnownHostsFiles: [], hostKeyAlias: null, setEnv: [], sendEnv: [], remoteCommand: null, requestTty: 'auto', gatewayPorts: false });
    // No bind address: ssh listens on the loopback of both families, which the tunnel manager calls localhost.
    expect(lab.forwards).toEqual([
      { kind: 'local', bindHost: '127.0.0.1', bindPort: 18080, destHost: 'db.internal', destPort: 5432 },
      { kind: 'dynamic', bindHost: 'localhost', bindPort: 11080 },
    ]);
    expect(lab.notes).toEqual([]);
    expect(preview.candidates[1]!.host).toMatchObject({ host: '10.0.0.5', username: 'me', jumpHosts: ['lab'], agentForward: true, hostKeyPolicy: 'ask' });
    expect(preview.candidates[1]!.notes).toEqual([expect.stringMatching(/^No ServerAliveInterval: Warren's default keepalive applies \(every 30 s, disconnected after 3 unanswered\)/)]);
    const web = preview.candidates[2]!;
    expect(web.host).toMatchObject({ username: 'corpuser', proxyCommand: 'nc %h %p', jumpHosts: [] });
    expect(web.uncheckedReason).toBeNull();
    // The keyword, not the line: the preview never echoes a line's content.
    expect(preview.issues).toEqual([{ file: config, line: 22, text: 'Frobnicate', reason: 'unknown keyword' }]);
    expect(services.hosts.list().hosts).toEqual([]);
  });

  it('applying makes the chosen hosts in their own folder, and an imported host connects to sshd', async () => {
    const result = await services.handlers['import:apply']({ file: config, aliases: ['lab', 'inner'] }, ctx);
    expect(result).toEqual({ created: 2, updated: 0, folderName: IMPORT_FOLDER });
    const tree = services.hosts.list();
    const folder = tree.folders.find((f) => f.name === IMPORT_FOLDER)!;
    expect(tree.hosts.map((h) => [h.name, h.folderId])).toEqual([
      ['lab', folder.id],
      ['inner', folder.id],
    ]);
    const lab = tree.hosts.find((h) => h.name === 'lab')!;
    expect(services.handlers['tunnels:list']({}, ctx)).toEqual(expect.arrayContaining([expect.objectContaining({ hostId: lab.id, autoStart: true, spec: expect.objectContaining({ kind: 'local', bindPort: 18080 }) })]));
    await expect(openFiles(services, ctx.clientId, 'bimp', lab.id)).resolves.toMatchObject({ home: expect.any(String) });

    // `DynamicForward 11080` without an address: like ssh, both loopback families accept.
    const socks = (await services.handlers['tunnels:list']({}, ctx)).find((t) => t.hostId === lab.id && t.spec.kind === 'dynamic')!;
    const on = await toggleTunnel(services, ctx.clientId, lab.id, socks.forwardId, true);
    expect(on.state).toBe('on');
    const families = await Promise.all(['127.0.0.1', ...(hasIpv6 ? ['::1'] : [])].map((host) => accepts(host, 11080)));
    await toggleTunnel(services, ctx.clientId, lab.id, socks.forwardId, false);
    expect(families).toEqual(hasIpv6 ? [true, true] : [true]);
  });

  it('a re-import updates what changed, leaves the rest, and keeps forwards the user added', async () => {
    const lab = services.hosts.list().hosts.find((h) => h.name === 'lab')!;
    await services.handlers['tunnels:save']({ hostId: lab.id, name: 'mine', autoStart: false, spec: { kind: 'local', bindHost: '127.0.0.1', bindPort: 19999, destHost: 'x', destPort: 1 } }, ctx);
    write(base().replace('ServerAliveInterval 15', 'ServerAliveInterval 5\n  HostKeyAlgorithms +ssh-rsa\n  PreferredAuthentications publickey'));
    const preview = await services.handlers['import:preview']({ file: config }, ctx);
    expect(preview.candidates.map((c) => [c.alias, c.action])).toEqual([
      ['lab', 'update'],
      ['inner', 'same'],
      ['web.corp', 'new'],
    ]);
    await expect(services.handlers['import:apply']({ file: config, aliases: ['lab', 'inner'] }, ctx)).resolves.toMatchObject({ created: 0, updated: 1 });
    const after = services.hosts.get(lab.id);
    expect(after.keepaliveIntervalSec).toBe(5);
    expect(after).toMatchObject({ algorithms: { hostKey: '+ssh-rsa' }, preferredAuthentications: ['publickey'] });
    expect(after.forwards.map((f) => f.name)).toEqual(['mine', expect.stringContaining('lab L 18080'), expect.stringContaining('lab SOCKS 11080')]);
    expect(services.hosts.list().hosts).toHaveLength(2);
  });

  it('a file that is not there, or is garbage, gives a clear answer and never throws', async () => {
    await expect(services.handlers['import:preview']({ file: path.join(home, 'nope') }, ctx)).rejects.toMatchObject({ code: 'not-found' });
    const junk = path.join(home, 'junk');
    writeFileSync(junk, '\u0000\u0001 binary\nHost\nPort notaport\n=\n"unterminated\n');
    const preview = await services.handlers['import:preview']({ file: junk }, ctx);
    expect(preview.candidates).toEqual([]);
    expect(preview.issues.length).toBeGreaterThan(0);
    expect(preview.issues.every((i) => i.file === junk && i.line > 0)).toBe(true);
  });

  it('refuses a file that is not an ssh config, and says so without echoing any of it', async () => {
    const passwd = path.join(home, 'passwd');
    const secret = 'Zq7-secret-hash';
    writeFileSync(passwd, `root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nalice:${secret}:1000:1000:Alice,,,:/home/alice:/bin/bash\n`);
    let error: { code: string; message: string } | null = null;
    try {
      await services.handlers['import:preview']({ file: passwd }, ctx);
    } catch (e) {
      error = e as { code: string; message: string };
    }
    expect(error).toMatchObject({ code: 'not-ssh-config', message: expect.stringContaining('is not an OpenSSH client config') });
    for (const word of ['root', 'daemon', 'alice', secret, '/bin/bash', 'nologin']) expect(error!.message).not.toContain(word);
    await expect(services.handlers['import:apply']({ file: passwd, aliases: ['root'] }, ctx)).rejects.toMatchObject({ code: 'not-ssh-config' });

    // Mostly other lines: a few keyword-like words do not make a config.
    const notes = path.join(home, 'notes.txt');
    writeFileSync(notes, `Host of the party: Bob\nbuy milk\ncall ${secret}\nsee doctor\n`);
    await expect(services.handlers['import:preview']({ file: notes }, ctx)).rejects.toMatchObject({ code: 'not-ssh-config', message: expect.not.stringContaining(secret) });
    // Empty, and not a file at all.
    writeFileSync(path.join(home, 'empty'), '\n# nothing\n');
    await expect(services.handlers['import:preview']({ file: path.join(home, 'empty') }, ctx)).rejects.toMatchObject({ code: 'not-ssh-config' });
    await expect(services.handlers['import:preview']({ file: home }, ctx)).rejects.toMatchObject({ code: 'not-a-file' });
  });

  it('a real config with a garbage line previews its hosts; the issue names no more than a keyword', async () => {
    const mixed = path.join(home, 'mixed');
    const secret = 'hunter2-Zq7';
    writeFileSync(
      mixed,
      [
        'Host alpha',
        '  HostName 10.1.1.1',
        `  alice:x:1000:${secret}:/home/alice:/bin/bash`,
        `  Password ${secret}`,
        `  Port ${secret}`,
        `  "unterminated ${secret}`,
        '',
      ].join('\n'),
    );
    const preview = await services.handlers['import:preview']({ file: mixed }, ctx);
    expect(preview.candidates.map((c) => [c.alias, c.host.host])).toEqual([['alpha', '10.1.1.1']]);
    expect(preview.issues.map((i) => [i.line, i.text])).toEqual([
      [3, ''],
      [4, 'Password'],
      [5, 'Port'],
    ]);
    expect(preview.issues.find((i) => i.line === 3)!.reason).toBe('not an ssh_config line');
    expect(preview.issues.find((i) => i.line === 4)!.reason).toBe('unknown keyword');
    expect(JSON.stringify(preview.issues)).not.toMatch(/alice|\/bin\/bash/);
    // The value of a known keyword is config: its reason may quote it, as the parsed hosts show theirs.
    expect(preview.issues.find((i) => i.line === 5)!.reason).toBe(`bad port "${secret}"`);
  });

  it('an included file that is not a config shows its lines only as issues without their text', async () => {
    const other = path.join(home, 'other-passwd');
    writeFileSync(other, 'root:x:0:0:root:/root:/bin/bash\nbob secret-value-Zq7\n');
    chmodSync(other, 0o644);
    const top = path.join(home, 'with-include');
    writeFileSync(top, `Include ${other}\nHost beta\n  HostName 10.2.2.2\n`);
    const preview = await services.handlers['import:preview']({ file: top }, ctx);
    expect(preview.candidates.map((c) => c.alias)).toEqual(['beta']);
    expect(preview.issues).toEqual([
      { file: other, line: 1, text: '', reason: 'not an ssh_config line' },
      { file: other, line: 2, text: 'bob', reason: 'unknown keyword' },
    ]);
  });

  it('every ssh_config keyword applied to a host is imported or named in its notes', async () => {
    const every = path.join(home, 'every');
    writeFileSync(every, ['Host every', ...EVERY_KEYWORD.map(([k, v]) => `  ${k} ${v}`), 'Match all', '  User later', ''].join('\n'));
    // The file is one ssh itself accepts.
    expect(sshG(every, 'every', { ...process.env, HOME: home })?.get('user')).toEqual(['alice']);
    const preview = await services.handlers['import:preview']({ file: every }, ctx);
    expect(preview.issues).toEqual([]);
    const [c] = preview.candidates;
    const silent = EVERY_KEYWORD.map(([keyword]) => keyword).filter((keyword) => {
      const status = KEYWORD_SUPPORT[keyword as keyof typeof KEYWORD_SUPPORT]?.status;
      if (status === 'imported' || status === 'reading') return false;
      return !c!.notes.some((note) => note.startsWith(`${keyword} `));
    });
    expect(silent).toEqual([]);
    // Imported as configured, so not in the notes.
    expect(c!.notes.filter((n) => /^(User|Port|ExitOnForwardFailure|ServerAlive\w+|ForwardAgent) /.test(n))).toEqual([]);
    // CertificateFile, expanded as ssh expands it, is offered before the key it certifies.
    expect(c!.host.certificateFiles).toEqual([path.join(home, '.ssh/id_test-cert.pub')]);
    // Algorithm lists are kept as written: the host asks for exactly these legacy algorithms.
    expect(c!.host.algorithms).toEqual({ hostKey: '+ssh-rsa', kex: '+diffie-hellman-group14-sha1', cipher: '+aes128-cbc', mac: '+hmac-sha1', pubkey: '+ssh-rsa' });
    expect(c!.notes.filter((n) => /^(HostKeyAlgorithms|KexAlgorithms|Ciphers|MACs|PubkeyAcceptedAlgorithms) /.test(n))).toEqual([]);
    expect(c!.host).toMatchObject({ host: '10.0.0.9', username: 'alice', port: 2222, exitOnForwardFailure: true, keepaliveIntervalSec: 20, keepaliveCountMax: 5, agentForward: true, hostKeyPolicy: 'strict', useAgent: true, identitiesOnly: true, identityAgent: '~/.1password/agent.sock', preferredAuthentications: ['publickey'], connectTimeoutSec: 10 });
    // GatewayPorts yes: forwards without an address listen on every interface.
    expect(c!.forwards).toEqual([
      { kind: 'local', bindHost: '', bindPort: 15433, destHost: 'db', destPort: 5432 },
      { kind: 'dynamic', bindHost: '', bindPort: 11081 },
      { kind: 'remote', bindHost: 'localhost', bindPort: 18081, destHost: 'localhost', destPort: 80 },
    ]);
    // Session and host-key options as ssh -G resolves them (~ aside: ssh takes it from passwd, Warren from its home).
    const g = sshG(every, 'every', { ...process.env, HOME: home })!;
    expect(c!.host).toMatchObject({
      hostKeyAlias: g.get('hostkeyalias')![0],
      setEnv: [{ name: 'FOO', value: 'bar' }],
      sendEnv: g.get('sendenv'),
      remoteCommand: g.get('remotecommand')![0],
      requestTty: g.get('requesttty')![0],
      gatewayPorts: g.get('gatewayports')![0] === 'yes',
      userKnownHostsFiles: [path.join(home, '.ssh/other_hosts')],
    });
    expect(g.get('setenv')).toEqual(['FOO=bar']);
  });

  it('SetEnv, SendEnv, RemoteCommand, RequestTTY, UserKnownHostsFile, HostKeyAlias and GatewayPorts import as ssh -G resolves them', async () => {
    const file = path.join(home, 'session-options');
    writeFileSync(
      file,
      `Host shell-opts
  HostName 10.9.9.9
  User deploy
  Port 2022
  SetEnv LANGUAGE="en GB" EDITOR=vim
  SendEnv LANG LC_* XYZ
  SendEnv -XYZ TZ
  RemoteCommand tmux new -A -s %r-%h-%p-%n
  RequestTTY yes
  UserKnownHostsFile /tmp/warren-kh-one /tmp/warren-kh-two
  HostKeyAlias Kitchen
  GatewayPorts no
Host plain-opts
  HostName 10.9.9.8
  RequestTTY no
  SetEnv FIRST=1
  SetEnv IGNORED=2
`,
    );
    const env = { ...process.env, HOME: home };
    const preview = await services.handlers['import:preview']({ file }, ctx);
    const [opts, plain] = preview.candidates;
    const g = sshG(file, 'shell-opts', env)!;
    const pairs = (lines: string[] | undefined) => (lines ?? []).map((line) => ({ name: line.slice(0, line.indexOf('=')), value: line.slice(line.indexOf('=') + 1) }));
    expect(opts!.host).toMatchObject({
      setEnv: pairs(g.get('setenv')),
      sendEnv: g.get('sendenv'),
      remoteCommand: g.get('remotecommand')![0],
      requestTty: 'yes',
      userKnownHostsFiles: g.get('userknownhostsfile')![0]!.split(' '),
      hostKeyAlias: g.get('hostkeyalias')![0],
      gatewayPorts: false,
    });
    // The oracle's own words, so a change in ssh's reading shows here.
    expect(g.get('setenv')).toEqual(['LANGUAGE=en GB', 'EDITOR=vim']);
    expect(g.get('sendenv')).toEqual(['LANG', 'LC_*', 'TZ']);
    expect(g.get('remotecommand')).toEqual(['tmux new -A -s deploy-10.9.9.9-2022-shell-opts']);
    expect(g.get('requesttty')).toEqual(['true']);
    expect(opts!.notes.filter((n) => /^(SetEnv|SendEnv|RemoteCommand|RequestTTY|UserKnownHostsFile|HostKeyAlias|GatewayPorts) /.test(n))).toEqual([]);
    const gp = sshG(file, 'plain-opts', env)!;
    expect(plain!.host).toMatchObject({ requestTty: 'no', setEnv: pairs(gp.get('setenv')), remoteCommand: null, userKnownHostsFiles: [] });
    expect(gp.get('setenv')).toEqual(['FIRST=1']);

    // Applied, the saved host holds them (and a re-import finds nothing changed).
    await services.handlers['import:apply']({ file, aliases: ['shell-opts'] }, ctx);
    const saved = (await services.handlers['hosts:list']({}, ctx)).hosts.find((h) => h.name === 'shell-opts')!;
    expect(saved).toMatchObject({ setEnv: opts!.host.setEnv, sendEnv: ['LANG', 'LC_*', 'TZ'], remoteCommand: opts!.host.remoteCommand, requestTty: 'yes', hostKeyAlias: 'kitchen', userKnownHostsFiles: ['/tmp/warren-kh-one', '/tmp/warren-kh-two'] });
    expect((await services.handlers['import:preview']({ file }, ctx)).candidates[0]!.action).toBe('same');
  });

  it('jump hosts are reached with their own HostName, User, Port as ssh -G resolves them', async () => {
    const jumps = path.join(home, 'jumps');
    writeFileSync(
      jumps,
      `Host bastion
  HostName 127.0.0.1
  User jumpuser
  Port 2201
  ServerAliveInterval 10
Host bastion-*
  HostName %h.example.net
  User wild
  Port 2202
  IdentityFile ${sshd.clientKeyPath}
Host a
  HostName 10.0.1.1
  ProxyJump bastion
Host b
  HostName 10.0.1.2
  ProxyJump ops@bastion:2222
Host c
  HostName 10.0.1.3
  ProxyJump bastion-eu
Host d
  HostName 10.0.1.4
  ProxyCommand ssh -W %h:%p -l cmduser -p 2203 bastion-us
Host e
  HostName 10.0.1.5
  ProxyJump bastion-eu,bastion
Host f
  ProxyCommand ssh -W %h:%p bastion-fd
  ProxyUseFdpass yes
Host g
  ProxyCommand /usr/bin/corkscrew proxy 3128 %h %p %C
Host *
  ServerAliveInterval 30
`,
    );
    const env = { ...process.env, HOME: home };
    /** What ssh uses for a hop: `ssh -G hop`, with the user and port written in the hop winning as -l/-p do. */
    const viaSsh = (alias: string, user?: string, port?: number) => {
      const g = sshG(jumps, alias, env)!;
      const p = port ?? Number(g.get('port')![0]);
      return `${user ?? g.get('user')![0]}@${g.get('hostname')![0]}${p === 22 ? '' : `:${p}`}`;
    };
    // ssh itself sees these hops.
    expect(sshG(jumps, 'b', env)?.get('proxyjump')).toEqual(['ops@bastion:2222']);
    expect(sshG(jumps, 'd', env)?.get('proxycommand')).toEqual(['ssh -W %h:%p -l cmduser -p 2203 bastion-us']);

    const preview = await services.handlers['import:preview']({ file: jumps }, ctx);
    const of = (alias: string) => preview.candidates.find((c) => c.alias === alias)!;
    // An alias of the file is its saved host; the rest are the hop's own resolved values.
    expect(of('a').host.jumpHosts).toEqual(['bastion']);
    expect(of('b').host.jumpHosts).toEqual([viaSsh('bastion', 'ops', 2222)]);
    expect(of('b').host.jumpHosts).toEqual(['ops@127.0.0.1:2222']);
    expect(of('c').host.jumpHosts).toEqual([viaSsh('bastion-eu')]);
    expect(of('c').host.jumpHosts).toEqual(['wild@bastion-eu.example.net:2202']);
    // An inline hop logs in with the target's key settings: a key of its own is named.
    expect(of('c').notes).toContain(`Jump host bastion-eu: ssh logs in there with ${sshd.clientKeyPath}; Warren uses this host's key and the agent (import bastion-eu as a host to use its own key)`);
    expect(of('d').host).toMatchObject({ jumpHosts: [viaSsh('bastion-us', 'cmduser', 2203)], proxyCommand: null });
    expect(of('e').host.jumpHosts).toEqual([viaSsh('bastion-eu'), 'bastion']);
    for (const alias of ['a', 'b', 'c', 'd', 'e']) expect(of(alias).uncheckedReason).toBeNull();

    // A host Warren cannot reach as configured is left unchecked, with the reason.
    expect(of('f').uncheckedReason).toBeNull(); // ssh -W is a jump host; ProxyUseFdpass only counts with a real ProxyCommand
    expect(of('g').host.proxyCommand).toBe('/usr/bin/corkscrew proxy 3128 %h %p %C');
    expect(of('g').uncheckedReason).toMatch(/^ProxyCommand uses %C, which Warren does not expand/);

    // Applying without the bastion host: the hop is written with its own values instead of a name nothing answers to.
    await services.handlers['import:apply']({ file: jumps, aliases: ['a'] }, ctx);
    const a = services.hosts.list().hosts.find((h) => h.name === 'a')!;
    expect(a.jumpHosts).toEqual([viaSsh('bastion')]);
  });
});
