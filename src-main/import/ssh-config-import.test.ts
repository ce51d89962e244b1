// Importing an OpenSSH config through the services: the preview changes
// nothing and names what it skipped; applying makes hosts that connect to a
// real sshd; a re-import updates only what changed and keeps the user's own.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../app/services';
import { testServices } from '../../test-support/services';
import { startSshd, type Sshd } from '../../test-support/sshd';
import { IMPORT_FOLDER } from './ssh-config-import';

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
    expect(lab.host).toEqual({ host: '127.0.0.1', port: sshd.port, username: sshd.user, keyPath: sshd.clientKeyPath, useAgent: true, hostKeyPolicy: 'accept-new', jumpHosts: [], keepaliveIntervalSec: 15, keepaliveCountMax: 3, agentForward: false });
    expect(lab.forwards).toEqual([
      { kind: 'local', bindHost: '127.0.0.1', bindPort: 18080, destHost: 'db.internal', destPort: 5432 },
      { kind: 'dynamic', bindHost: '127.0.0.1', bindPort: 11080 },
    ]);
    expect(preview.candidates[1]!.host).toMatchObject({ host: '10.0.0.5', username: 'me', jumpHosts: ['lab'], agentForward: true, hostKeyPolicy: 'ask' });
    const web = preview.candidates[2]!;
    expect(web.host.username).toBe('corpuser');
    expect(web.notes.join('\n')).toMatch(/ProxyCommand nc %h %p is not supported/);
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
    await expect(services.handlers['files:open']({ browserId: 'bimp', hostId: lab.id }, ctx)).resolves.toMatchObject({ home: expect.any(String) });
  });

  it('a re-import updates what changed, leaves the rest, and keeps forwards the user added', async () => {
    const lab = services.hosts.list().hosts.find((h) => h.name === 'lab')!;
    await services.handlers['tunnels:save']({ hostId: lab.id, name: 'mine', autoStart: false, spec: { kind: 'local', bindHost: '127.0.0.1', bindPort: 19999, destHost: 'x', destPort: 1 } }, ctx);
    write(base().replace('ServerAliveInterval 15', 'ServerAliveInterval 5'));
    const preview = await services.handlers['import:preview']({ file: config }, ctx);
    expect(preview.candidates.map((c) => [c.alias, c.action])).toEqual([
      ['lab', 'update'],
      ['inner', 'same'],
      ['web.corp', 'new'],
    ]);
    await expect(services.handlers['import:apply']({ file: config, aliases: ['lab', 'inner'] }, ctx)).resolves.toMatchObject({ created: 0, updated: 1 });
    const after = services.hosts.get(lab.id);
    expect(after.keepaliveIntervalSec).toBe(5);
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
});
