import { describe, expect, it } from 'vitest';
import { LinkInbox, linkFromArgv, parseSshLink, refusalLine } from './ssh-link';

describe('ssh:// links', () => {
  it('take user, host and port from a link, and nothing else', () => {
    expect(parseSshLink('ssh://alice@example.com:2222')).toEqual({ ok: true, target: { user: 'alice', host: 'example.com', port: 2222 } });
    expect(parseSshLink('SSH://example.com/')).toEqual({ ok: true, target: { host: 'example.com' } });
    expect(parseSshLink('ssh://[::1]:22')).toEqual({ ok: true, target: { host: '::1', port: 22 } });
  });

  it('refuse options, commands, paths, queries and escapes', () => {
    for (const url of [
      'ssh://-oProxyCommand=calc@host',
      'ssh://host/;calc',
      'ssh://host:22/etc/passwd',
      'ssh://host?ProxyCommand=x',
      'ssh://us%65r@host',
      'ssh://host#frag',
      'ssh://a b@host',
      'ssh://host:99999',
      'ssh://',
    ]) {
      const result = parseSshLink(url);
      expect(result.ok, url).toBe(false);
    }
  });

  it('refuse other schemes', () => {
    expect(parseSshLink('telnet://host')).toEqual({ ok: false, reason: 'not an ssh:// link' });
    expect(parseSshLink('host')).toEqual({ ok: false, reason: 'not an ssh:// link' });
  });

  it('log a refused link quoted, so it cannot forge a log line', () => {
    expect(refusalLine('ssh://a\nInfo: fine', 'spaces or control characters')).toBe('Refused an ssh:// link (spaces or control characters): "ssh://a\\nInfo: fine"');
  });
});

describe('a second launch’s arguments', () => {
  it('hand over the ssh:// argument only', () => {
    expect(linkFromArgv(['/opt/Warren/warren', '--enable-features=x', 'ssh://bob@h:22'])).toBe('ssh://bob@h:22');
    expect(linkFromArgv(['/opt/Warren/warren', '.', '--no-sandbox'])).toBeNull();
  });
});

describe('LinkInbox', () => {
  it('keeps the latest link until the window is ready, then delivers at once', () => {
    const inbox = new LinkInbox();
    const seen: string[] = [];
    inbox.receive({ host: 'first' });
    inbox.receive({ host: 'second' });
    inbox.attach((t) => seen.push(t.host));
    expect(seen).toEqual(['second']);
    inbox.receive({ host: 'third' });
    expect(seen).toEqual(['second', 'third']);
    inbox.attach(null);
    inbox.receive({ host: 'fourth' });
    expect(seen).toEqual(['second', 'third']);
  });
});
