import { describe, expect, it } from 'vitest';
import { sshCommand } from './ssh-command';

const base = { host: 'db.example.org', port: 22, username: 'deploy', auth: { keyPath: null, useAgent: true, hasSavedPassword: false, hasSavedPassphrase: false }, jumpHosts: [], agentForward: false };

describe('sshCommand', () => {
  it('leaves out the default port and everything not set', () => {
    expect(sshCommand(base)).toBe('ssh deploy@db.example.org');
  });

  it('adds the port, key file, jump hosts and agent forwarding when set', () => {
    expect(sshCommand({ ...base, port: 2222, auth: { ...base.auth, keyPath: '~/.ssh/id_ed25519' }, jumpHosts: ['bastion', 'ops@gw:2200'], agentForward: true })).toBe(
      'ssh -p 2222 -i ~/.ssh/id_ed25519 -J bastion,ops@gw:2200 -A deploy@db.example.org',
    );
  });

  it('quotes what a shell would split or expand', () => {
    expect(sshCommand({ ...base, auth: { ...base.auth, keyPath: "/home/me/my keys/it's" } })).toBe(`ssh -i '/home/me/my keys/it'\\''s' deploy@db.example.org`);
  });

  it('passes a proxy command as one -o argument, quoted for the shell', () => {
    expect(sshCommand({ ...base, proxyCommand: "ssh -W %h:%p 'jump box'" })).toBe(`ssh -o 'ProxyCommand=ssh -W %h:%p '\\''jump box'\\''' deploy@db.example.org`);
  });

  it('never lets a destination that starts with a dash read as an option', () => {
    expect(sshCommand({ ...base, username: '-oProxyCommand=x' })).toBe('ssh -- -oProxyCommand=x@db.example.org');
  });
});
