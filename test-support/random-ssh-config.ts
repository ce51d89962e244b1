// Test helper: random but plausible config files (seeded, so a failure replays),
// mixing every construct the reader handles with typos, odd spacing, quotes,
// comments, CRLF, nested and conditional Includes. Used against ssh -G.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class Random {
  constructor(private seed: number) {}
  int(n: number): number {
    this.seed = (this.seed * 1103515245 + 12345) % 2 ** 31;
    return this.seed % n;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

const ALIASES = ['a', 'b', 'web1', 'web2', 'db-x', 'Foo', 'foo', 'h.example.com', 'x1'];
const PATTERNS = [...ALIASES, '*', 'w*', '?b', 'web?', '*.example.com', 'db-*', 'f*'];

function option(r: Random, dir: string, user: string): string {
  const [keyword, value] = r.pick<() => [string, string]>([
    () => ['HostName', r.pick(['%h.example.org', 'H.Example.NET', '10.0.0.1', '2001:DB8::1', '2001:db8:0::1', '%h', 'x%%y'])],
    () => ['User', r.pick(['alice', 'bob', '"c d"', user])],
    () => ['Port', r.pick(['22', '2222', 'ssh', '+80', '0', '70000'])],
    () => ['IdentityFile', r.pick(['~/.ssh/id_a', '~/.ssh/%h_%r', '%d/k_%p', '"/k/%n %C"', 'none', '~/k/%L-%l-%u-%i-%k', '~'])],
    () => ['IdentitiesOnly', r.pick(['yes', 'no', 'True', 'maybe'])],
    () => ['ProxyJump', r.pick(['a', 'u@b:2200', 'a,b', 'none', 'ssh://u@j.example.com:23', '[::1]:22', 'u@:1'])],
    () => [
      'ProxyCommand',
      r.pick(['ssh -W %h:%p a', 'nc %h %p', 'none', 'ssh -p 23 -l u -W [%h]:%p b', 'exec ssh -qT -l first -W %h:%p second@j', 'ssh -W %h:%p ssh://u@j:2022', '/usr/bin/ssh j -W %h:%p -p2200', 'ssh -W %h:%p second@j -l first', 'ssh -W %h:%p ssh://j:2022 -p 23']),
    ],
    () => ['LocalForward', r.pick(['8080 localhost:80', '127.0.0.1:81 h:81', '[::1]:82 [::2]:82', '*:83 h:83', '84', '/tmp/s h:85', '86 /tmp/t', '0 h:1'])],
    () => ['RemoteForward', r.pick(['9000 localhost:22', '9001', '[::]:9002 h:1', '0 h:2', '/tmp/r /tmp/l'])],
    () => ['DynamicForward', r.pick(['1080', '127.0.0.1:1081', '[::1]:1082', '0'])],
    () => ['ServerAliveInterval', r.pick(['10', '1m', 'none', '2h3s', 'x'])],
    () => ['ServerAliveCountMax', r.pick(['1', '0', '5', '-2'])],
    () => ['ForwardAgent', r.pick(['yes', 'no', 'YES', 'false'])],
    () => ['StrictHostKeyChecking', r.pick(['yes', 'no', 'ask', 'accept-new', 'off', 'true', 'nah'])],
    () => ['UserKnownHostsFile', r.pick(['~/.ssh/kh1', '~/.ssh/kh_%h ~/.ssh/kh2', 'none', '/dev/null'])],
    () => ['ConnectTimeout', r.pick(['5', 'none', '1m', '0'])],
    () => ['HostKeyAlias', r.pick(['Alias1', 'k-%h'])],
    () => ['ClearAllForwardings', r.pick(['yes', 'no'])],
    () => ['CanonicalizeHostname', r.pick(['yes', 'no'])],
    () => ['Include', r.pick([`${dir}/inc${r.int(3)}.conf`, `${dir}/inc*.conf`, 'rel/*.conf', '~/extra.conf', `${dir}/missing*.conf`])],
    () => ['IgnoreUnknown', r.pick(['Fancy*', 'bogus,usekeychain'])],
    () => [
      r.pick(['Bogus', 'FancyX', 'ControlMaster', 'SendEnv', 'SetEnv', 'AddKeysToAgent', 'ControlPersist', 'EscapeChar', 'LogLevel', 'GlobalKnownHostsFile', 'IdentityAgent', 'BatchMode', 'RequestTTY']),
      r.pick(['yes', 'auto', 'LANG', 'x y', 'A=b', 'confirm 5m', '10m', 'Yes', '^A', 'none', 'debug3', 'a none', '$SSH_AUTH_SOCK', '${NOPE}', '3', '-1', 'force', '']),
    ],
    () => [r.pick(['User', 'Port', 'HostName']), r.pick(['', '"unterminated', 'a b'])],
  ])();
  let written = value;
  switch (r.int(8)) {
    case 0:
      written = `"${value}"`;
      break;
    case 1:
      written = `${value} # trailing comment`;
      break;
    case 2:
      written = `${value}#glued`;
      break;
    case 3:
      written = value.replace(/ /g, '\\ ');
      break;
  }
  const cased = r.pick([keyword, keyword.toLowerCase(), keyword.toUpperCase()]);
  return `${r.pick(['  ', '', '\t'])}${cased}${r.pick([' ', '=', ' = ', '\t'])}${written}${r.pick(['', ' ', '\t'])}`;
}

function header(r: Random, user: string): string {
  if (r.int(4) === 0) {
    const criteria = r.pick([
      `host ${r.pick(PATTERNS)}`,
      `originalhost ${r.pick(ALIASES)}`,
      `user ${r.pick([user, 'alice', '*,!bob'])}`,
      'all',
      `!host ${r.pick(PATTERNS)}`,
      'final',
      `canonical host ${r.pick(PATTERNS)}`,
      `localuser ${user}`,
    ]);
    return `${r.pick(['Match', 'match', 'MATCH'])} ${criteria}`;
  }
  const words = Array.from({ length: 1 + r.int(3) }, () => `${r.int(6) === 0 ? '!' : ''}${r.pick(PATTERNS)}`);
  return `${r.pick(['Host', 'host', 'HOST'])} ${words.join(' ')}`;
}

function fileText(r: Random, dir: string, user: string, blocks: number, includes: boolean): string {
  const lines: string[] = [];
  const add = () => {
    const line = option(r, dir, user);
    if (includes || !/^\s*include/i.test(line)) lines.push(line);
  };
  for (let i = r.int(3); i > 0; i--) add();
  for (let b = 0; b < blocks; b++) {
    lines.push(header(r, user));
    for (let i = 1 + r.int(4); i > 0; i--) add();
  }
  return `${lines.join('\n')}\n`;
}

/** Writes top.conf, three includable files, and a home with ~/.ssh/rel/*.conf; returns top.conf. */
export function writeRandomConfig(r: Random, dir: string, user: string): string {
  mkdirSync(path.join(dir, 'home', '.ssh', 'rel'), { recursive: true });
  for (let i = 0; i < 3; i++) writeFileSync(path.join(dir, `inc${i}.conf`), fileText(r, dir, user, r.int(3), false));
  writeFileSync(path.join(dir, 'home', '.ssh', 'rel', 'r1.conf'), fileText(r, dir, user, r.int(3), false));
  writeFileSync(path.join(dir, 'home', '.ssh', 'rel', 'R2.conf'), `Include ${dir}/inc0.conf\n${fileText(r, dir, user, r.int(3), false)}`);
  writeFileSync(path.join(dir, 'home', 'extra.conf'), fileText(r, dir, user, r.int(2), false));
  const text = `${fileText(r, dir, user, 2 + r.int(6), true)}Host ${ALIASES.join(' ')}\n`;
  const top = path.join(dir, 'top.conf');
  writeFileSync(top, r.int(4) === 0 ? text.replace(/\n/g, '\r\n') : text);
  return top;
}
