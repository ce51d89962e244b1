// Importing an OpenSSH config through the services: the preview changes
// nothing and names what it skipped; applying makes hosts that connect to a
// real sshd; a re-import updates only what changed and keeps the user's own.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
    expect(preview.issues).toEqual([expect.objectContaining({ file: config, line: 22, text: '  Frobnicate yes', reason: expect.stringContaining('unknown keyword') })]);
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
});
