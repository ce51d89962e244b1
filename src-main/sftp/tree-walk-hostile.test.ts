// Folder walks and downloads against servers that misbehave on purpose:
// ssh2's own Server with an SFTP subsystem (test-support/hostile-sftp-server.ts)
// presenting what a real sshd would not.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Client, SFTPWrapper } from 'ssh2';
import { AppError } from '../errors/app-error';
import { dir, file, startHostileServer, type HostileOptions, type HostileServer, type VNode } from '../../test-support/hostile-sftp-server';
import { listDir, readDir } from './remote-fs';
import { downloadTree } from './tree-transfer';
import { walkRemote } from './tree-walk';

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const work = mkdtempSync(path.join(os.tmpdir(), 'warren-hostile-'));
let made = 0;
const fresh = () => {
  const dir = path.join(work, `t${++made}`);
  mkdirSync(dir);
  return dir;
};
afterAll(() => rmSync(work, { recursive: true, force: true }));

let server: HostileServer | null = null;
let client: Client | null = null;
afterEach(async () => {
  client?.end();
  await server?.close();
  server = client = null;
});

async function serve(root: VNode & { kind: 'dir' }, options?: HostileOptions): Promise<SFTPWrapper> {
  server = await startHostileServer(root, options);
  const connected = await server.connect();
  client = connected.client;
  return connected.sftp;
}

/** /srv/self lists itself as 'again' (and its REALPATH says so). */
function selfContaining(): VNode & { kind: 'dir' } {
  const self = dir('/srv/self', { 'note.txt': file('kept') });
  self.entries.set('again', self);
  return dir('/', { srv: dir('/srv', { self }) });
}

describe('a hostile server cannot trap or abort a folder walk', () => {
  it('a folder that contains itself is skipped with a note; the rest downloads', async () => {
    const sftp = await serve(selfContaining());
    const local = fresh();
    const result = await downloadTree(sftp, '/srv/self', local);
    expect(result.skipped).toEqual([{ rel: 'again', why: 'a folder that contains itself (a loop), not listed again' }]);
    expect(readdirSync(local)).toEqual(['note.txt']);
    expect(readFileSync(path.join(local, 'note.txt'), 'utf8')).toBe('kept');
  });

  it('when the server does not resolve paths, the depth limit ends the loop with a note', async () => {
    const sftp = await serve(selfContaining(), { lyingRealpath: true });
    const t0 = performance.now();
    const plan = await walkRemote(sftp, '/srv/self', { maxDepth: 40 });
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(plan.dirs).toHaveLength(41);
    expect(plan.skipped).toEqual([{ rel: Array(41).fill('again').join('/'), why: 'deeper than 40 folders, not listed' }]);
  });

  it('a 2,000-deep chain is walked to the end, one listing per folder', async () => {
    let deepest = dir('/c', { f: file('end') });
    const chainRoot = deepest;
    for (let i = 0; i < 2000; i++) {
      const next = dir(`/c${i}`, { f: file(String(i)) });
      deepest.entries.set('d', next);
      deepest = next;
    }
    const sftp = await serve(dir('/', { c: chainRoot }), { lyingRealpath: true });
    const plan = await walkRemote(sftp, '/c', { maxDepth: 5000 });
    expect(plan.dirs).toHaveLength(2001);
    expect(plan.files).toHaveLength(2001);
    expect(server!.opened).toHaveLength(2001);
    // At the default limit it stops at 256 and says so.
    const limited = await walkRemote(sftp, '/c');
    expect(limited.dirs).toHaveLength(257);
    expect(limited.skipped).toEqual([{ rel: Array(257).fill('d').join('/'), why: 'deeper than 256 folders, not listed' }]);
  }, 60_000);

  it('an entry named ../evil is skipped with its reason while its siblings arrive', async () => {
    const root = dir('/', {
      box: dir('/box', {
        '../evil': file('escape'),
        'nul\0name': file('nul'),
        'good.txt': file('good data'),
        sub: dir('/box/sub', { 'inner.bin': file(Buffer.alloc(70_000, 7)) }),
      }),
    });
    const sftp = await serve(root);
    const parent = fresh();
    const local = path.join(parent, 'box');
    const result = await downloadTree(sftp, '/box', local);
    expect(result.skipped.map((s) => s.rel)).toEqual(['"../evil"', '"nul\\u0000name"']);
    expect(result.skipped[0]!.why).toMatch(/its name contains "\/".*outside the chosen folder/);
    expect(readdirSync(parent)).toEqual(['box']);
    expect(readdirSync(local).sort()).toEqual(['good.txt', 'sub']);
    expect(sha(readFileSync(path.join(local, 'good.txt')))).toBe(sha('good data'));
    expect(sha(readFileSync(path.join(local, 'sub', 'inner.bin')))).toBe(sha(Buffer.alloc(70_000, 7)));
  });

  it('Cancel stops a slow walk within a second', async () => {
    const wide: Record<string, VNode> = {};
    for (let i = 0; i < 40; i++) wide[`d${i}`] = dir(`/slow/d${i}`, { sub: dir(`/slow/d${i}/sub`, { f: file('x') }) });
    const sftp = await serve(dir('/', { slow: dir('/slow', wide) }), { readdirDelayMs: 400 });
    const abort = new AbortController();
    const walking = walkRemote(sftp, '/slow', { signal: abort.signal });
    // Cancel while listings are in flight, not before the first.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const t0 = performance.now();
    abort.abort();
    const error = await walking.catch((e: unknown) => e);
    const ms = performance.now() - t0;
    expect((error as AppError).code).toBe('cancelled');
    expect(ms).toBeLessThan(1000);
    const seenAtCancel = server!.opened.length;
    await new Promise((resolve) => setTimeout(resolve, 900));
    // No new listing starts after Cancel (those in flight may still land).
    expect(server!.opened.length).toBe(seenAtCancel);
  });
});

describe('a dropped connection answers every request', () => {
  it('a listing in progress fails within 2 s with a message that says the connection was lost', async () => {
    const sftp = await serve(dir('/', { drop: dir('/drop', { a: file('a') }) }), { dropOnReaddir: '/drop' });
    const t0 = performance.now();
    const error = await listDir(sftp, '/drop').catch((e: unknown) => e);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect((error as AppError).code).toBe('connection-lost');
    expect((error as AppError).message).toBe('Could not list the folder /drop: the connection to the server was lost. Reconnect and try again.');
    // A request after the drop fails at once too.
    await expect(readDir(sftp, '/')).rejects.toMatchObject({ code: 'connection-lost' });
  });

  it('a folder download whose listing drops fails as connection-lost (the queue pauses it) within 2 s', async () => {
    const sftp = await serve(dir('/', { top: dir('/top', { ok: file('1'), drop: dir('/top/drop', { b: file('b') }) }) }), { dropOnReaddir: '/top/drop' });
    const t0 = performance.now();
    const error = await downloadTree(sftp, '/top', fresh()).catch((e: unknown) => e);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect((error as AppError).code).toBe('connection-lost');
  });
});
