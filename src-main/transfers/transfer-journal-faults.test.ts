// The journal under faults, through the whole service stack against sshd: it
// has a file of its own (settings.json is not rewritten by transfers), a
// transfer that cannot be journalled never starts, a journal that fails later
// never changes what a transfer did, and a source rewritten while a transfer
// was paused makes the resume start over instead of mixing two files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSshd, type Sshd } from '../../test-support/sshd';
import { saveTestHost, testServices, type TestServices } from '../../test-support/services';
import { isRoot, tmpfs, unmount } from '../../test-support/key-fixtures';
import { killSessions, sha256File } from '../../test-support/sftp-fixture';
import { AppError } from '../errors/app-error';
import { SOURCE_CHANGED } from '../sftp/transfer';
import type { EventName, Events, TransferView } from '../../src-shared/contract';
import { JOURNAL_NAME, type JournalRecord } from './transfer-journal';
import { openFiles } from '../../test-support/lifecycle';

const SIZE = 96 << 20;
const journalled = (dir: string) => (JSON.parse(readFileSync(path.join(dir, JOURNAL_NAME), 'utf8')) as { transfers: JournalRecord[] }).transfers;

/** Fills the file system holding `dir` to the last byte; returns the filler, to remove to free it. */
function fill(dir: string): string {
  const filler = path.join(dir, 'filler');
  try {
    writeFileSync(filler, Buffer.alloc(64 << 20));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  return filler;
}

/** A window that records transfer views and can act (synchronously) on each one as it arrives. */
function window(made: TestServices, id: string) {
  const views = new Map<string, TransferView>();
  const updates: TransferView[] = [];
  let on: ((view: TransferView) => void) | null = null;
  made.hub.connect({
    id,
    send<E extends EventName>(name: E, payload: Events[E]) {
      if (name !== 'transfer:update') return;
      const view = payload as TransferView;
      updates.push(view);
      views.set(view.transferId, view);
      on?.(view);
    },
  });
  return { views, updates, ctx: { clientId: id }, onUpdate: (f: typeof on) => (on = f) };
}

let sshd: Sshd;
let local: string;
let remote: string;
beforeAll(async () => {
  sshd = await startSshd();
  local = path.join(sshd.dir, 'local-side');
  remote = path.join(sshd.dir, 'remote-side');
  mkdirSync(local);
  mkdirSync(remote);
  writeFileSync(path.join(local, 'up.bin'), randomBytes(SIZE));
}, 30_000);
afterAll(async () => {
  await sshd?.stop();
});

/** Services on `dir` with a host and a files tab open on sshd; their log lines are kept. */
async function opened(dir?: string) {
  const log: string[] = [];
  const made = testServices({ log: (line) => log.push(line) }, ...(dir ? [dir] : []));
  // The tab is reconnected by the test (files:open with replaces); main's own reconnect is in connection-pool.test.
  await made.services.handlers['settings:set']({ autoReconnect: false }, { clientId: 'setup' });
  const host = await saveTestHost(made.services, 'faults', sshd);
  const w = window(made, 'w');
  await openFiles(made.services, w.ctx.clientId, 'b1', host.id);
  const start = async (direction: 'upload' | 'download', source: string, targetDir: string) =>
    (await made.services.handlers['transfer:start']({ browserId: 'b1', direction, sources: [source], targetDir }, w.ctx)).transferIds[0]!;
  return { made, host, w, log, start };
}

it('the journal has its own file: a transfer from start to done never rewrites settings.json', async () => {
  const { made, w, start } = await opened();
  const settings = path.join(made.dir, 'settings.json');
  const before = { bytes: readFileSync(settings), mtimeMs: statSync(settings).mtimeMs };
  const target = path.join(remote, 'own-file');
  mkdirSync(target);
  let seen: JournalRecord[] = [];
  w.onUpdate((view) => {
    if (view.state === 'running' && view.bytesDone > 0 && seen.length === 0) seen = journalled(made.dir);
  });
  const id = await start('upload', path.join(local, 'up.bin'), target);
  await expect.poll(() => w.views.get(id)?.state, { timeout: 30_000 }).toBe('done');
  // While it ran, the journal file held it, with the source's size and mtime.
  expect(seen).toEqual([expect.objectContaining({ transferId: id, sourceFacts: { size: SIZE, mtimeMs: statSync(path.join(local, 'up.bin')).mtimeMs } })]);
  expect(journalled(made.dir)).toEqual([]);
  expect(readFileSync(settings).equals(before.bytes)).toBe(true);
  expect(statSync(settings).mtimeMs).toBe(before.mtimeMs);
  expect(JSON.parse(before.bytes.toString())).not.toHaveProperty('transfers');
  await made.services.dispose();
}, 60_000);

describe.skipIf(!isRoot)('a full data folder (tmpfs; skipped when not root: only root can mount one)', () => {
  let dir: string | null = null;
  beforeAll(() => {
    dir = tmpfs('size=2m');
    if (!dir) console.warn('skipping the full-folder cases: this machine does not allow mounting a tmpfs');
  });
  afterAll(() => unmount(dir));
  /** A fresh data folder on the tmpfs, emptied of what an earlier case left. */
  const dataDir = () => {
    for (const name of ['filler', 'data']) rmSync(path.join(dir!, name), { recursive: true, force: true });
    mkdirSync(path.join(dir!, 'data'));
    return path.join(dir!, 'data');
  };

  it('transfer:start answers the save error and nothing is queued or transferred', async (t) => {
    if (!dir) return t.skip();
    const { made, w, start } = await opened(dataDir());
    fill(dir);
    const target = path.join(remote, 'refused');
    mkdirSync(target);
    const error = await start('upload', path.join(local, 'up.bin'), target).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'disk-full', message: expect.stringMatching(/^Warren could not save: the disk is full\. .*transfers\.json/) });
    expect(w.updates).toEqual([]);
    expect(existsSync(path.join(made.dir, JOURNAL_NAME))).toBe(false);
    expect(existsSync(path.join(target, 'up.bin')) || existsSync(path.join(target, 'up.bin.warren-part'))).toBe(false);
    await made.services.dispose();
  }, 60_000);

  it('the folder fills mid-upload: the upload finishes byte for byte, is reported done, and the journal problem is shown once', async (t) => {
    if (!dir) return t.skip();
    const { made, w, log, start } = await opened(dataDir());
    const target = path.join(remote, 'fills');
    mkdirSync(target);
    let filler = '';
    w.onUpdate((view) => {
      if (!filler && view.state === 'running' && view.bytesDone > 0) filler = fill(dir!);
    });
    const id = await start('upload', path.join(local, 'up.bin'), target);
    await expect.poll(() => w.views.get(id)?.state, { timeout: 30_000 }).toMatch(/done|failed/);
    expect(filler).not.toBe('');
    const done = w.views.get(id)!;
    expect(done.state).toBe('done');
    expect(done.bytesDone).toBe(SIZE);
    expect(await sha256File(path.join(target, 'up.bin'))).toBe(await sha256File(path.join(local, 'up.bin')));
    expect(done.error).toMatch(/^Warren could not save: the disk is full\. .*transfers\.json\)\. This transfer is not affected/);
    expect(done.error!.match(/could not save/g)).toHaveLength(1);
    expect(log.filter((line) => line.includes('could not save'))).toHaveLength(1);
    // Disk freed: the next write brings the journal up to date (the finished upload is not in it).
    rmSync(filler);
    mkdirSync(path.join(remote, 'fills-again'));
    const again = await start('upload', path.join(local, 'up.bin'), path.join(remote, 'fills-again'));
    expect(journalled(made.dir).map((r) => r.transferId)).toEqual([again]);
    await made.services.dispose();
  }, 60_000);

  it('the journal write in the error path fails too (connection lost, disk full): paused, not stuck running, and it continues after the reconnect', async (t) => {
    if (!dir) return t.skip();
    const { made, host, w, start } = await opened(dataDir());
    const target = path.join(remote, 'lost');
    mkdirSync(target);
    let filler = '';
    w.onUpdate((view) => {
      if (filler || view.state !== 'running' || view.bytesDone <= 4 << 20) return;
      filler = fill(dir!);
      killSessions(sshd);
    });
    const id = await start('upload', path.join(local, 'up.bin'), target);
    await expect.poll(() => w.views.get(id)?.state, { timeout: 30_000 }).toBe('paused');
    expect(w.views.get(id)!.error).toMatch(/continues when the files tab reconnects\. Warren could not save: the disk is full/);
    rmSync(filler);
    await openFiles(made.services, w.ctx.clientId, 'b2', host.id, 'b1');
    await expect.poll(() => w.views.get(id)?.state, { timeout: 30_000 }).toBe('done');
    expect(await sha256File(path.join(target, 'up.bin'))).toBe(await sha256File(path.join(local, 'up.bin')));
    await made.services.dispose();
  }, 60_000);
});

describe('a source rewritten at the same size while the transfer was stopped', () => {
  const WHEN = 1_700_000_000;
  const rewrite = (file: string) => {
    writeFileSync(file, randomBytes(SIZE));
    utimesSync(file, WHEN, WHEN);
  };

  it('upload, cancelled then resumed: starts over with a note, and the result is the new source', async () => {
    const { made, w, start } = await opened();
    const source = path.join(local, 'rewritten-up.bin');
    rewrite(source);
    const target = path.join(remote, 'rewritten');
    mkdirSync(target);
    const id = await start('upload', source, target);
    await expect.poll(() => w.views.get(id)?.bytesDone ?? 0, { timeout: 20_000, interval: 10 }).toBeGreaterThan(2 << 20);
    await made.services.handlers['transfer:cancel']({ transferId: id }, w.ctx);
    await expect.poll(() => w.views.get(id)?.state, { timeout: 20_000 }).toBe('cancelled');
    expect(statSync(path.join(target, 'rewritten-up.bin.warren-part')).size).toBeGreaterThan(1 << 20);
    rewrite(source);
    const from = w.updates.length;
    await made.services.handlers['transfer:retry']({ transferId: id }, w.ctx);
    await expect.poll(() => w.views.get(id)?.state, { timeout: 30_000 }).toBe('done');
    expect(w.views.get(id)!.error).toBe(SOURCE_CHANGED);
    // The first progress of the resumed run is at 0: nothing of the old part was kept.
    expect(w.updates.slice(from).find((v) => v.state === 'running' && v.error === SOURCE_CHANGED)?.bytesDone).toBe(0);
    expect(await sha256File(path.join(target, 'rewritten-up.bin'))).toBe(await sha256File(source));
    await made.services.dispose();
  }, 60_000);

  it('download, Warren quit mid-transfer and restarted: the resume after the restart starts over, and the result is the new source', async () => {
    const first = await opened();
    const source = path.join(remote, 'rewritten-down.bin');
    rewrite(source);
    const target = path.join(local, 'rewritten');
    mkdirSync(target);
    const id = await first.start('download', source, target);
    await expect.poll(() => first.w.views.get(id)?.bytesDone ?? 0, { timeout: 20_000, interval: 10 }).toBeGreaterThan(2 << 20);
    await first.made.services.dispose();
    expect(journalled(first.made.dir)).toEqual([expect.objectContaining({ transferId: id, sourceFacts: { size: SIZE, mtimeMs: WHEN * 1000 } })]);
    expect(statSync(path.join(target, 'rewritten-down.bin.warren-part')).size).toBeGreaterThan(1 << 20);
    rewrite(source);

    const made = testServices({}, first.made.dir);
    const w = window(made, 'w2');
    await openFiles(made.services, w.ctx.clientId, 'c1', first.host.id);
    expect(w.views.get(id)?.state).toBe('interrupted');
    await made.services.handlers['transfer:retry']({ transferId: id, browserId: 'c1' }, w.ctx);
    await expect.poll(() => w.views.get(id)?.state, { timeout: 30_000 }).toBe('done');
    expect(w.views.get(id)!.error).toBe(SOURCE_CHANGED);
    expect(await sha256File(path.join(target, 'rewritten-down.bin'))).toBe(await sha256File(source));
    await made.services.dispose();
  }, 60_000);
});
