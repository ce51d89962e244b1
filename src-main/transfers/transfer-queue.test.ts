// The queue through the whole service stack against OpenSSH sshd: a window
// (hub client) drops files, answers conflict questions, cancels and resumes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSshd, type Sshd } from '../../test-support/sshd';
import type { Services } from '../app/services';
import { saveTestHost, testServices } from '../../test-support/services';
import { killSessions } from '../../test-support/sftp-fixture';
import type { EventName, Events, PromptAnswer, PromptAskEvent, TransferView } from '../../src-shared/contract';
import { openFiles } from '../../test-support/lifecycle';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const ctx = { clientId: 'win' };

describe('TransferQueue against OpenSSH sshd', () => {
  let sshd: Sshd;
  let services: Services;
  let local: string;
  let remote: string;
  const views = new Map<string, TransferView>();
  const asked: PromptAskEvent[] = [];
  const answers: (PromptAnswer | null)[] = [];
  let browserId = 'b1';
  let hostId = '';

  beforeAll(async () => {
    sshd = await startSshd();
    const made = testServices();
    services = made.services;
    // These tests reconnect the tab themselves (files:open with replaces); main's own reconnect is in connection-pool.test.
    await services.handlers['settings:set']({ autoReconnect: false }, { clientId: 'setup' });
    local = path.join(made.dir, 'local');
    remote = path.join(sshd.dir, 'remote');
    mkdirSync(local);
    mkdirSync(remote);
    made.hub.connect({
      id: 'win',
      send<E extends EventName>(name: E, payload: Events[E]) {
        if (name === 'transfer:update') views.set((payload as TransferView).transferId, payload as TransferView);
        if (name === 'prompt:ask') {
          asked.push(payload as PromptAskEvent);
          setImmediate(() => services.handlers['prompt:answer']({ promptId: (payload as PromptAskEvent).promptId, answer: answers.shift() ?? null }, ctx));
        }
      },
    });
    const host = await saveTestHost(services, 'q', sshd);
    hostId = host.id;
    await openFiles(services, ctx.clientId, browserId, hostId);
  });
  afterAll(async () => {
    services?.dispose();
    await sshd?.stop();
  });

  const upload = async (file: string) => {
    const { transferIds } = await services.handlers['transfer:start']({ browserId, direction: 'upload', sources: [file], targetDir: remote }, ctx);
    return transferIds[0]!;
  };
  const settled = async (id: string) => {
    await expect.poll(() => views.get(id)?.state, { timeout: 20_000 }).toMatch(/done|failed|cancelled|skipped/);
    return views.get(id)!;
  };

  it('uploads a file and a folder tree; progress ends at the full size', async () => {
    const file = path.join(local, 'a.bin');
    writeFileSync(file, randomBytes(2_000_000));
    const done = await settled(await upload(file));
    expect(done).toMatchObject({ state: 'done', bytesDone: 2_000_000, bytesTotal: 2_000_000 });
    expect(sha(path.join(remote, 'a.bin'))).toBe(sha(file));

    const tree = path.join(local, 'tree');
    mkdirSync(path.join(tree, 'sub', 'empty'), { recursive: true });
    writeFileSync(path.join(tree, 'one'), 'one');
    writeFileSync(path.join(tree, 'sub', 'two'), randomBytes(10_000));
    const doneTree = await settled(await upload(tree));
    expect(doneTree).toMatchObject({ state: 'done', filesTotal: 2 });
    expect(sha(path.join(remote, 'tree', 'sub', 'two'))).toBe(sha(path.join(tree, 'sub', 'two')));
    expect(existsSync(path.join(remote, 'tree', 'sub', 'empty'))).toBe(true);
  });

  it('a folder download with a symlink cycle is done; its row lists the skipped links and why, and the siblings arrive', async () => {
    const tree = path.join(remote, 'cyclic');
    mkdirSync(path.join(tree, 'a', 'b'), { recursive: true });
    writeFileSync(path.join(tree, 'top.bin'), randomBytes(50_000));
    writeFileSync(path.join(tree, 'a', 'b', 'leaf.bin'), randomBytes(80_000));
    symlinkSync('../..', path.join(tree, 'a', 'b', 'up'));
    symlinkSync('b', path.join(tree, 'a', 'again'));
    const into = path.join(local, 'into');
    mkdirSync(into);
    const { transferIds } = await services.handlers['transfer:start']({ browserId, direction: 'download', sources: [tree], targetDir: into }, ctx);
    const done = await settled(transferIds[0]!);
    expect(done).toMatchObject({
      state: 'done',
      filesTotal: 2,
      skippedCount: 2,
      skipped: [
        { rel: 'a/again', why: 'a symbolic link, not followed' },
        { rel: 'a/b/up', why: 'a symbolic link, not followed' },
      ],
    });
    expect(sha(path.join(into, 'cyclic', 'top.bin'))).toBe(sha(path.join(tree, 'top.bin')));
    expect(sha(path.join(into, 'cyclic', 'a', 'b', 'leaf.bin'))).toBe(sha(path.join(tree, 'a', 'b', 'leaf.bin')));
    expect(readdirSync(path.join(into, 'cyclic', 'a'))).toEqual(['b']);
  });

  it('asks when the target exists: keep both gives a free name, skip leaves it alone', async () => {
    const file = path.join(local, 'same.txt');
    writeFileSync(file, 'new content');
    writeFileSync(path.join(remote, 'same.txt'), 'old');
    answers.push({ kind: 'conflict', decision: 'rename', applyToAll: false });
    const kept = await settled(await upload(file));
    expect(kept.state).toBe('done');
    expect(asked.at(-1)?.question).toMatchObject({ kind: 'conflict', target: path.join(remote, 'same.txt'), targetSize: 3, sourceSize: 11 });
    expect(readFileSync(path.join(remote, 'same.txt'), 'utf8')).toBe('old');
    expect(readFileSync(path.join(remote, 'same (1).txt'), 'utf8')).toBe('new content');

    answers.push({ kind: 'conflict', decision: 'skip', applyToAll: false });
    expect((await settled(await upload(file))).state).toBe('skipped');
    expect(readFileSync(path.join(remote, 'same.txt'), 'utf8')).toBe('old');
  });

  it('cancel keeps the partial file; Resume finishes it byte for byte', async () => {
    const file = path.join(local, 'big.bin');
    writeFileSync(file, randomBytes(96 << 20));
    const id = await upload(file);
    await expect.poll(() => views.get(id)?.bytesDone ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
    await services.handlers['transfer:cancel']({ transferId: id }, ctx);
    const cancelled = await settled(id);
    expect(cancelled.state).toBe('cancelled');
    expect(existsSync(path.join(remote, 'big.bin'))).toBe(false);
    expect(existsSync(path.join(remote, 'big.bin.warren-part'))).toBe(true);
    await services.handlers['transfer:retry']({ transferId: id }, ctx);
    await expect.poll(() => views.get(id)?.state, { timeout: 30_000 }).toBe('done');
    expect(sha(path.join(remote, 'big.bin'))).toBe(sha(file));
    expect(existsSync(path.join(remote, 'big.bin.warren-part'))).toBe(false);
  });

  it('a missing source fails with its name and leaves nothing behind', async () => {
    const gone = path.join(local, 'never-there.bin');
    const failed = await settled(await upload(gone));
    expect(failed).toMatchObject({ state: 'failed', error: expect.stringContaining(`Cannot upload ${gone}: it does not exist`) });
    expect(existsSync(path.join(remote, 'never-there.bin'))).toBe(false);
    expect(existsSync(path.join(remote, 'never-there.bin.warren-part'))).toBe(false);
  });

  it('a lost connection pauses the transfer; reconnecting the tab continues it from the part, byte for byte', async () => {
    const file = path.join(local, 'dropped.bin');
    writeFileSync(file, randomBytes(160 << 20));
    const id = await upload(file);
    await expect.poll(() => views.get(id)?.bytesDone ?? 0, { timeout: 20_000 }).toBeGreaterThan(8 << 20);
    expect(killSessions(sshd)).toBeGreaterThan(0);
    await expect.poll(() => views.get(id)?.state, { timeout: 20_000 }).toBe('paused');
    expect(views.get(id)?.error).toMatch(/continues when the files tab reconnects/);
    expect(existsSync(path.join(remote, 'dropped.bin'))).toBe(false);
    const part = statSync(path.join(remote, 'dropped.bin.warren-part')).size;
    expect(part).toBeGreaterThan(0);

    const old = browserId;
    browserId = 'b2';
    await openFiles(services, ctx.clientId, browserId, hostId, old);
    await expect.poll(() => views.get(id)?.state, { timeout: 30_000 }).toBe('done');
    expect(views.get(id)?.browserId).toBe('b2');
    expect(sha(path.join(remote, 'dropped.bin'))).toBe(sha(file));
    expect(existsSync(path.join(remote, 'dropped.bin.warren-part'))).toBe(false);
  });

  it('closing the files tab cancels its transfers instead of leaving them paused', async () => {
    const file = path.join(local, 'closed.bin');
    writeFileSync(file, randomBytes(160 << 20));
    const id = await upload(file);
    await expect.poll(() => views.get(id)?.bytesDone ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
    await services.handlers['files:close']({ browserId }, ctx);
    await expect.poll(() => views.get(id)?.state, { timeout: 20_000 }).toBe('cancelled');
  });
});
