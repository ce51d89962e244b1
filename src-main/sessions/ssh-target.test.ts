// The parser lives in src-shared (the palette and the OS link handler share it);
// its tests sit here because src-shared may import only zod.
import { describe, expect, it } from 'vitest';
import { formatSshTarget, isSshTargetError, parseSshTarget } from '../../src-shared/ssh-target';

describe('parseSshTarget', () => {
  it.each([
    ['alice@example.com:2222', { user: 'alice', host: 'example.com', port: 2222 }],
    ['example.com:22', { host: 'example.com', port: 22 }],
    ['bob@10.0.0.5', { user: 'bob', host: '10.0.0.5' }],
    ['web-01', { host: 'web-01' }],
    ['ssh://carol@db.internal:2200', { user: 'carol', host: 'db.internal', port: 2200 }],
    ['SSH://db.internal/', { host: 'db.internal' }],
    ['ssh://[::1]:2222', { host: '::1', port: 2222 }],
    ['dave.o_k-1@[fe80::1]', { user: 'dave.o_k-1', host: 'fe80::1' }],
    ['[::ffff:192.168.0.1]:22', { host: '::ffff:192.168.0.1', port: 22 }],
    ['h:65535', { host: 'h', port: 65535 }],
  ])('reads %s', (text, expected) => {
    expect(parseSshTarget(text)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['-oProxyCommand=touch /tmp/x', 'an option'],
    ['-p22 host', 'an option with a space'],
    ['host -oProxyCommand=x', 'a space and an option'],
    ['user@-oProxyCommand=x', 'an option as the host'],
    ['-user@host', 'a dash first'],
    ['a@b;reboot', 'a command after ";"'],
    ['ssh://user;fingerprint=SHA256:abc@host', 'OpenSSH URI parameters'],
    ['ssh://us%65r@host', 'percent-encoding'],
    ['ssh://[fe80::1%25eth0]', 'an IPv6 zone'],
    ['ssh://host/etc/passwd', 'a path'],
    ['ssh://host?cmd=rm', 'a query string'],
    ['ssh://host#frag', 'a fragment'],
    ['host:0', 'port 0'],
    ['host:65536', 'a port over 65535'],
    ['host:', 'an empty port'],
    ['host:22x', 'a port with letters'],
    ['host:-22', 'a negative port'],
    ['host:022', 'a port with a leading zero'],
    ['user@', 'no host'],
    ['@host', 'an empty user'],
    ['us er@host', 'a space in the user'],
    ['u$(id)@host', 'shell substitution'],
    ['`id`@host', 'backticks'],
    ['a@b@c', 'two "@"'],
    ['host\n', 'a newline'],
    ['host\tname', 'a tab'],
    ['999.1.1.1', 'an octet over 255'],
    ['1.2.3', 'inet_aton shorthand'],
    ['010.0.0.1', 'an octal-looking octet'],
    ['::1', 'IPv6 without brackets'],
    ['[::1', 'an unclosed bracket'],
    ['[::1]x', 'text after the bracket'],
    ['[1:2:3:4:5:6:7:8:9]', 'nine IPv6 groups'],
    ['[1::2::3]', 'two "::"'],
    ['[example.com]', 'a name in brackets'],
    ['-host', 'a host starting with "-"'],
    ['host-.com', 'a label ending with "-"'],
    ['ex_ample.com', 'an underscore in the host'],
    ['ftp://host', 'another scheme'],
    ['ssh:/host', 'a broken scheme'],
    ['a'.repeat(600), 'too long'],
  ])('refuses %j (%s)', (text) => {
    const result = parseSshTarget(text);
    expect(isSshTargetError(result), JSON.stringify(result)).toBe(true);
  });
});

describe('formatSshTarget', () => {
  it('writes user@host:port, with brackets around an IPv6 host', () => {
    expect(formatSshTarget({ user: 'a', host: 'h', port: 2 })).toBe('a@h:2');
    expect(formatSshTarget({ host: '::1', port: 22 })).toBe('[::1]:22');
    expect(formatSshTarget({ host: 'h' })).toBe('h');
  });
});
