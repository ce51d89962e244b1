// Include handling, checked against ssh where ssh has an answer: missing files
// are fine, cycles and nesting beyond 16 are refused, loose permissions too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { readSshConfig } from './index';
import { SSH } from '../../test-support/openssh-oracle';
import type { SshConfigContext } from './types';

let dir: string;
let ctx: SshConfigContext;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'warren-includes-'));
  ctx = { home: path.join(dir, 'home'), user: os.userInfo().username, localHost: os.hostname(), env: {} };
  mkdirSync(path.join(dir, 'home', '.ssh', 'conf.d'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** ssh -G's exit status and first error line, with the same HOME Warren is given. */
function ssh(config: string, alias: string): { status: number | null; error: string } {
  const result = spawnSync(SSH, ['-G', '-F', config, alias], { env: { ...process.env, HOME: path.join(dir, 'home') }, encoding: 'utf8' });
  return { status: result.status, error: result.stderr.split(/\r?\n/).find((l) => !l.startsWith('Pseudo')) ?? '' };
}

describe('Include', () => {
  it('ignores includes that match nothing, like ssh', async () => {
    symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling.conf'));
    const file = write('missing.conf', `Include ${dir}/none-*.conf ${dir}/no-such-file ${dir}/dangling.conf ${dir}/no-dir/*\nInclude nothing-here/*\nHost a\n  User u\n`);
    const result = await readSshConfig(file, ctx);
    expect(result.issues).toEqual([]);
    expect(result.hosts.map((h) => [h.alias, h.user])).toEqual([['a', 'u']]);
    expect(ssh(file, 'a').status).toBe(0);
  });

  it('reads relative paths and ~ from the home directory, in byte order', async () => {
    write('home/.ssh/conf.d/b.conf', 'Host rel\n  User from-b\n');
    write('home/.ssh/conf.d/B.conf', 'Host rel\n  User from-B\n  Port 2022\n');
    write('home/extra.conf', 'Host rel tilde\n  HostName tilde.example.com\n');
    const file = write('relative.conf', 'Include conf.d/*.conf ~/extra.conf\n');
    const result = await readSshConfig(file, ctx);
    expect(result.hosts.map((h) => [h.alias, h.user, h.port, h.hostName, h.source.file])).toEqual([
      ['rel', 'from-B', 2022, 'tilde.example.com', path.join(dir, 'home/.ssh/conf.d/B.conf')],
      ['tilde', null, null, 'tilde.example.com', path.join(dir, 'home/extra.conf')],
    ]);
  });

  it('applies an Include inside a Host or Match block only where that block applies', async () => {
    write('team.conf', 'User team-user\nHost team-b\n  Port 2022\n');
    const file = write('conditional.conf', `Host team-*\n  Include ${dir}/team.conf\nMatch host other\n  Include ${dir}/team.conf\nHost team-a other solo\n  Port 2000\n`);
    const { hosts } = await readSshConfig(file, ctx);
    expect(hosts.map((h) => [h.alias, h.user, h.port])).toEqual([
      ['team-b', 'team-user', 2022],
      ['team-a', 'team-user', 2000],
      ['other', 'team-user', 2000],
      ['solo', null, 2000],
    ]);
  });

  it('reports an include cycle instead of looping, where ssh gives up', async () => {
    const a = write('cycle-a.conf', `Host ca\n  User a\nInclude ${dir}/cycle-b.conf\n`);
    write('cycle-b.conf', `Host cb\n  User b\nInclude ${dir}/cycle-a.conf ${dir}/cycle-b.conf\n`);
    const started = performance.now();
    const result = await readSshConfig(a, ctx);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.hosts.map((h) => h.alias)).toEqual(['ca', 'cb']);
    expect(result.issues).toEqual([
      expect.objectContaining({ file: path.join(dir, 'cycle-b.conf'), line: 3, kind: 'include', reason: expect.stringContaining('Include cycle') }),
      expect.objectContaining({ file: path.join(dir, 'cycle-b.conf'), line: 3, kind: 'include', reason: expect.stringContaining('Include cycle') }),
    ]);
    expect(ssh(a, 'ca')).toMatchObject({ status: 255, error: 'Too many recursive configuration includes' });
  });

  it('follows includes 16 deep, as ssh does, and reports the 17th', async () => {
    const chain = (prefix: string, files: number) => {
      for (let i = 0; i < files; i++) {
        const next = i + 1 < files ? `Include ${dir}/${prefix}-${i + 1}.conf\n` : '';
        write(`${prefix}-${i}.conf`, `Host ${prefix}-host-${i}\n  Port ${2000 + i}\n${next}`);
      }
      return path.join(dir, `${prefix}-0.conf`);
    };
    const deepest = chain('depth16', 17); // the top file and 16 levels of Include
    expect((await readSshConfig(deepest, ctx)).hosts).toHaveLength(17);
    expect((await readSshConfig(deepest, ctx)).issues).toEqual([]);
    expect(ssh(deepest, 'depth16-host-16').status).toBe(0);

    const tooDeep = chain('depth17', 18);
    const result = await readSshConfig(tooDeep, ctx);
    expect(result.hosts).toHaveLength(17);
    expect(result.issues).toEqual([expect.objectContaining({ file: path.join(dir, 'depth17-16.conf'), line: 3, kind: 'include' })]);
    expect(ssh(tooDeep, 'depth17-host-0')).toMatchObject({ status: 255, error: 'Too many recursive configuration includes' });
  });

  it('stops an include tree that fans out exponentially', async () => {
    for (let level = 0; level < 16; level++) {
      for (const side of ['a', 'b']) write(`fan/${level}${side}.conf`, `Host fan-${level}\n  Port 22\nInclude ${dir}/fan/${level + 1}?.conf\n`);
    }
    const started = performance.now();
    const result = await readSshConfig(path.join(dir, 'fan', '0a.conf'), ctx);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result.issues.some((i) => i.reason.includes('files included'))).toBe(true);
  });

  it('refuses an included file others may write, like ssh', async () => {
    const loose = write('loose.conf', 'Host loose\n  User x\n');
    chmodSync(loose, 0o666);
    const file = write('perm.conf', `Include ${loose}\nHost ok\n`);
    const result = await readSshConfig(file, ctx);
    expect(result.hosts.map((h) => h.alias)).toEqual(['ok']);
    expect(result.issues).toEqual([expect.objectContaining({ file, line: 1, kind: 'include', reason: expect.stringContaining('bad owner or permissions') })]);
    expect(ssh(file, 'ok').error).toContain('Bad owner or permissions');
  });

  it('reports a file it cannot read and never throws', async () => {
    const missing = path.join(dir, 'does-not-exist');
    expect(await readSshConfig(missing, ctx)).toEqual({
      hosts: [],
      issues: [expect.objectContaining({ file: missing, line: 0, kind: 'include' })],
    });
    expect((await readSshConfig(dir, ctx)).hosts).toEqual([]);
  });
});
