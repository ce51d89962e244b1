import { describe, expect, it } from 'vitest';
import { parseForwardSpec, toForwardRule } from './forwards';
import { parseJumpHop, parseProxyJump, proxyCommandAsJump } from './jumps';
import { parsePortNames } from './port-names';
import { a2port, convtime, parseFlag, parseStrictHostKeyChecking } from './scalars';

const ports = parsePortNames('# services\nssh\t\t22/tcp\nhttp 80/tcp www # web\nhttp 8080/tcp\nsyslog 514/udp\n');

describe('scalars', () => {
  it('reads ports as strtonum does', () => {
    expect([a2port('22'), a2port('+22'), a2port(' 022'), a2port('65535')]).toEqual([22, 22, 22, 65535]);
    expect([a2port('65536'), a2port('-1'), a2port('0x16'), a2port('22a'), a2port(''), a2port('ssh')]).toEqual([-1, -1, -1, -1, -1, -1]);
  });

  it('falls back to service names, first entry and TCP only, like getservbyname', () => {
    expect([a2port('ssh', ports), a2port('http', ports), a2port('www', ports), a2port('SSH', ports), a2port('syslog', ports)]).toEqual([22, 80, 80, -1, -1]);
  });

  it('reads times as convtime does', () => {
    expect([convtime('90'), convtime('90s'), convtime('1h30m'), convtime('2W'), convtime('1m 30s')]).toEqual([90, 90, 5400, 1209600, 90]);
    expect([convtime(''), convtime('10x'), convtime('-5'), convtime('m'), convtime('99999999999')]).toEqual([-1, -1, -1, -1, -1]);
  });

  it('reads yes/no and the StrictHostKeyChecking words', () => {
    expect([parseFlag('YES'), parseFlag('true'), parseFlag('No'), parseFlag('FALSE'), parseFlag('on')]).toEqual([true, true, false, false, null]);
    expect(['yes', 'true', 'no', 'off', 'false', 'ask', 'Accept-New', 'maybe'].map(parseStrictHostKeyChecking)).toEqual([
      'yes', 'yes', 'no', 'no', 'no', 'ask', 'accept-new', null,
    ]);
  });
});

describe('forward specs', () => {
  const env = { env: { PORT: '7000' }, ports };
  const rule = (spec: string, dynamic = false, remote = false) => {
    const parsed = parseForwardSpec(spec, dynamic, remote, env);
    return parsed && toForwardRule(parsed, remote);
  };

  it('parses every TCP form', () => {
    expect(rule('8080:localhost:80')).toEqual({ kind: 'local', bindHost: null, bindPort: 8080, destHost: 'localhost', destPort: 80 });
    expect(rule('127.0.0.1:8443:web:443')).toEqual({ kind: 'local', bindHost: '127.0.0.1', bindPort: 8443, destHost: 'web', destPort: 443 });
    expect(rule('[::1]:9090:[2001:db8::10]:90')).toEqual({ kind: 'local', bindHost: '::1', bindPort: 9090, destHost: '2001:db8::10', destPort: 90 });
    expect(rule(':3001:app:3001')).toMatchObject({ bindHost: '', bindPort: 3001 });
    expect(rule('*:3000:app:3000')).toMatchObject({ bindHost: '*', bindPort: 3000 });
    expect(rule('${PORT}:h:1')).toMatchObject({ bindPort: 7000 });
    expect(rule('8088:web:http')).toMatchObject({ bindPort: 8088, destPort: 80 });
    expect(rule('1080', true)).toEqual({ kind: 'dynamic', bindHost: null, bindPort: 1080 });
    expect(rule('[::1]:1082', true)).toEqual({ kind: 'dynamic', bindHost: '::1', bindPort: 1082 });
    expect(rule('9000', true, true)).toEqual({ kind: 'remote', bindHost: null, bindPort: 9000 });
    expect(rule('0:localhost:22', false, true)).toMatchObject({ kind: 'remote', bindPort: 0 });
    // A destination host named "socks" is an ordinary local forward (ssh -G lists it as dynamic).
    expect(rule('8080:socks:80')).toEqual({ kind: 'local', bindHost: null, bindPort: 8080, destHost: 'socks', destPort: 80 });
  });

  it('keeps unix socket forwards apart', () => {
    const spec = parseForwardSpec('/tmp/a.sock:localhost:80', false, false, env);
    expect(spec).toMatchObject({ listenPath: '/tmp/a.sock', connectHost: 'localhost', connectPort: 80 });
    expect(toForwardRule(spec!, false)).toBeNull();
    expect(parseForwardSpec('6000:/var/run/docker.sock', false, false, env)).toMatchObject({ listenPort: 6000, connectPath: '/var/run/docker.sock' });
  });

  it('refuses what ssh refuses', () => {
    for (const spec of ['8080', '99999:h:80', '0:h:80', '8080:h:0', '8080:h:x', '[::1:80:h:80', 'a:b:c:d:e', '${NOPE}:h:1', '1:2:3:4:5']) {
      expect(parseForwardSpec(spec, false, false, env), spec).toBeNull();
    }
    expect(parseForwardSpec('0', true, false, env)).toBeNull();
    expect(parseForwardSpec('a:b:c', true, false, env)).toBeNull();
  });
});

describe('ProxyJump', () => {
  it('parses chains, users, ports, URIs and IPv6', () => {
    expect(parseProxyJump('admin@b1:2222,b2,ssh://ops@b3.example.com:2200/,[2001:db8::5]:22')).toEqual({
      kind: 'hops',
      hops: [
        { user: 'admin', host: 'b1', port: 2222 },
        { user: null, host: 'b2', port: null },
        { user: 'ops', host: 'b3.example.com', port: 2200 },
        { user: null, host: '2001:db8::5', port: 22 },
      ],
    });
    expect(parseJumpHop('a@b@host')).toEqual({ user: 'a@b', host: 'host', port: null });
    expect(parseJumpHop('j:ssh', ports)).toEqual({ user: null, host: 'j', port: 22 });
    expect(parseJumpHop('ssh://us%40er;fp=x@h')).toEqual({ user: 'us@er', host: 'h', port: null });
  });

  it('knows none, even when written NONE, but not with a comment after it', () => {
    expect(parseProxyJump('NONE')).toEqual({ kind: 'none' });
    expect(parseProxyJump('none # c')).toEqual({ kind: 'hops', hops: [{ user: null, host: 'none', port: null }] });
    expect(parseProxyJump('b1 # via the office')).toEqual({ kind: 'hops', hops: [{ user: null, host: 'b1', port: null }] });
  });

  it('refuses hops ssh refuses', () => {
    for (const value of ['user@:22', '@h', 'h:0', 'h:99999', 'a,,b', 'h/x', 'ssh://h/path', 'ssh://[::1]:22', 'ssh://@h']) {
      expect(parseProxyJump(value), value).toBeNull();
    }
  });
});

describe('ProxyCommand as a jump', () => {
  it('accepts the ssh -W %h:%p forms', () => {
    expect(proxyCommandAsJump('ssh -W %h:%p bastion')).toEqual({ user: null, host: 'bastion', port: null });
    expect(proxyCommandAsJump('/usr/bin/ssh -q -p 2222 -l admin -W [%h]:%p b2')).toEqual({ user: 'admin', host: 'b2', port: 2222 });
    expect(proxyCommandAsJump("exec ssh ops@b2 -W '%h:%p'")).toEqual({ user: 'ops', host: 'b2', port: null });
    expect(proxyCommandAsJump('ssh -qTW %h:%p -p2200 u@j # comment')).toEqual({ user: 'u', host: 'j', port: 2200 });
    expect(proxyCommandAsJump('ssh -l first -W %h:%p second@j')).toEqual({ user: 'first', host: 'j', port: null });
    expect(proxyCommandAsJump('ssh -W %h:%p ssh://u@j:2022')).toEqual({ user: 'u', host: 'j', port: 2022 });
    // First one given wins, in argument order, as in ssh.c.
    expect(proxyCommandAsJump('ssh -W %h:%p second@j -l first')).toEqual({ user: 'second', host: 'j', port: null });
    expect(proxyCommandAsJump('ssh -W %h:%p ssh://j:2022 -p 23')).toEqual({ user: null, host: 'j', port: 2022 });
    expect(proxyCommandAsJump('ssh -p 23 -W %h:%p ssh://j:2022')).toEqual({ user: null, host: 'j', port: 23 });
  });

  it('refuses everything else', () => {
    for (const command of [
      'nc %h %p',
      'ssh -W %h:22 bastion',
      'ssh -W %h:%p',
      'ssh -i key -W %h:%p bastion',
      'ssh -W %h:%p bastion uptime',
      'ssh -W %h:%p %r@bastion',
      'ssh -W %h:%p bastion; rm -rf /',
      'ssh -W %h:%p $JUMP',
      'sshpass -p x ssh -W %h:%p bastion',
      'ssh -J a -W %h:%p b',
      'ssh -p 0 -W %h:%p b',
    ]) {
      expect(proxyCommandAsJump(command), command).toBeNull();
    }
  });
});
