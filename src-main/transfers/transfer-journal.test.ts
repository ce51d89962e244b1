// Transfers outlive the app: quit (or close the window) mid-transfer, start the
// services again on the same data folder, open files on the host, and the
// interrupted transfers are there to resume, byte for byte, against sshd.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSshd, type Sshd } from '../../test-support/sshd';
import { fakeWindow, saveTestHost, testServices, type TestServices } from '../../test-support/services';
import { randomFile, sha256File } from '../../test-support/sftp-fixture';
import { journalEntry } from '../../test-support/stored-records';
import { openConfStore } from '../settings/settings-store';
import { JOURNAL_NAME, TransferJournal, type JournalRecord } from './transfer-journal';
import { openFiles } from '../../test-support/lifecycle';
import { startWanProxy, type WanProxy } from '../../test-support/wan-proxy';
import { PART_SUFFIX, RANGES_SUFFIX } from '../sftp/transfer';
import { covered, decodeRecord } from '../sftp/ranges';

/** A window on the services: the transfer views it was sent, and a way to close it. */
function window(made: TestServices, clientId: string) {
  const w = fakeWindow(made.hub, clientId);
  /** Where a transfer began: its first running report is the state change, the second its first progress, at the offset it starts from. */
  const startedAt = (id: string) => w.transferUpdates.filter((v) => v.transferId === id && v.state === 'running')[1]?.bytesDone;
  return { views: w.transfers, updates: () => w.transferUpdates, startedAt, close: w.disconnect, ctx: w.ctx };
}

/**
 * The bytes a part kept at the quit: all of it for an in-order copy; for a
 * ranged one (a loaded machine's loopback can look like a long link) what its
 * ranges record says, since the part may hold writes the record never saw.
 */
function keptIn(part: string): number {
  const record = part + RANGES_SUFFIX;
  if (!existsSync(record)) return statSync(part).size;
  return covered(decodeRecord(readFileSync(record, 'utf8'))?.done ?? []);
}

/** The journal file's entries (its own file: settings.json never holds them). */
const journalled = (dir: string) => (JSON.parse(readFileSync(path.join(dir, JOURNAL_NAME), 'utf8')) as { transfers?: JournalRecord[] }).transfers ?? [];

describe('unfinished transfers survive a restart', () => {
  let sshd: Sshd;
  let local: string;
  let remote: string;
  beforeAll(async () => {
    sshd = await startSshd();
    local = path.join(sshd.dir, 'local-side');
    remote = path.join(sshd.dir, 'remote-side');
    mkdirSync(local);
    mkdirSync(remote);
    randomFile(path.join(local, 'up.bin'), 192 << 20);
    randomFile(path.join(remote, 'down.bin'), 192 << 20);
  }, 30_000);
  afterAll(async () => {
    await sshd?.stop();
  });

  it('quit mid-upload and mid-download: after a restart the host\'s next files tab shows them interrupted, and Resume finishes both', async () => {
    // What a failed first attempt left would make its retry ask about existing names.
    for (const leftover of readdirSync(remote)) if (leftover.startsWith('up.bin')) rmSync(path.join(remote, leftover));
    for (const leftover of readdirSync(local)) if (leftover.startsWith('down.bin')) rmSync(path.join(local, leftover));
    const first = testServices();
    const host = await saveTestHost(first.services, 'journal', sshd);
    const other = await saveTestHost(first.services, 'elsewhere', sshd);
    const w1 = window(first, 'w1');
    await openFiles(first.services, w1.ctx.clientId, 'b1', host.id);
    const start = async (direction: 'upload' | 'download', source: string, targetDir: string) =>
      (await first.services.handlers['transfer:start']({ browserId: 'b1', direction, sources: [source], targetDir }, w1.ctx)).transferIds[0]!;
    const up = await start('upload', path.join(local, 'up.bin'), remote);
    const down = await start('download', path.join(remote, 'down.bin'), local);
    await expect.poll(() => Math.min(w1.views.get(up)?.bytesDone ?? 0, w1.views.get(down)?.bytesDone ?? 0), { timeout: 60_000, interval: 20 }).toBeGreaterThan(0);

    await first.services.dispose(); // the app quits
    expect(journalled(first.dir).map((r) => r.transferId).sort()).toEqual([up, down].sort());
    const upPart = path.join(remote, 'up.bin.warren-part');
    const downPart = path.join(local, 'down.bin.warren-part');
    expect(statSync(upPart).size).toBeLessThan(192 << 20);
    expect(existsSync(path.join(remote, 'up.bin'))).toBe(false);
    expect(existsSync(path.join(local, 'down.bin'))).toBe(false);

    // Restart on the same data. A tab on another host does not take them.
    const second = testServices({}, first.dir);
    const w2 = window(second, 'w2');
    await openFiles(second.services, w2.ctx.clientId, 'c0', other.id);
    expect(w2.views.size).toBe(0);
    await openFiles(second.services, w2.ctx.clientId, 'c1', host.id);
    for (const id of [up, down]) {
      expect(w2.views.get(id)).toMatchObject({ state: 'interrupted', browserId: 'c1', error: expect.stringMatching(/Resume continues from the bytes already there/) });
    }
    const partsBefore = [keptIn(upPart), keptIn(downPart)];
    expect(Math.min(...partsBefore)).toBeGreaterThan(0);

    for (const id of [up, down]) await second.services.handlers['transfer:retry']({ transferId: id, browserId: 'c1' }, w2.ctx);
    await expect.poll(() => [w2.views.get(up)?.state, w2.views.get(down)?.state], { timeout: 60_000 }).toEqual(['done', 'done']);
    expect(await sha256File(path.join(remote, 'up.bin'))).toBe(await sha256File(path.join(local, 'up.bin')));
    expect(await sha256File(path.join(local, 'down.bin'))).toBe(await sha256File(path.join(remote, 'down.bin')));
    expect(existsSync(upPart) || existsSync(downPart)).toBe(false);
    // Resumed, not started over: each went on from what its part kept (which writes still in flight at the quit may have grown).
    expect(w2.startedAt(up)).toBeGreaterThanOrEqual(partsBefore[0]!);
    expect(w2.startedAt(down)).toBeGreaterThanOrEqual(partsBefore[1]!);
    expect(journalled(first.dir)).toEqual([]);
    await second.services.dispose();
  }, 120_000);

  it('closing the window keeps them too; cancelling one forgets it', async () => {
    const first = testServices();
    const host = await saveTestHost(first.services, 'window', sshd);
    const w1 = window(first, 'w1');
    await openFiles(first.services, w1.ctx.clientId, 'b1', host.id);
    const source = path.join(local, 'up.bin');
    const target = path.join(sshd.dir, 'window-target');
    mkdirSync(target);
    const [id] = (await first.services.handlers['transfer:start']({ browserId: 'b1', direction: 'upload', sources: [source], targetDir: target }, w1.ctx)).transferIds;
    await expect.poll(() => w1.views.get(id!)?.bytesDone ?? 0, { timeout: 60_000, interval: 20 }).toBeGreaterThan(0);
    w1.close();
    expect(journalled(first.dir).map((r) => r.transferId)).toEqual([id]);

    // A new window of the same app opens files on the host: the transfer is offered there.
    const w2 = window(first, 'w2');
    await openFiles(first.services, w2.ctx.clientId, 'b2', host.id);
    expect(w2.views.get(id!)?.state).toBe('interrupted');
    await first.services.handlers['transfer:cancel']({ transferId: id! }, w2.ctx);
    expect(w2.views.get(id!)?.state).toBe('cancelled');
    expect(journalled(first.dir)).toEqual([]);
    await first.services.dispose();
  }, 120_000);
});

describe('a striped upload over a long link keeps its last ranges record', () => {
  let sshd: Sshd;
  let wan: WanProxy;
  let source: string;
  beforeAll(async () => {
    sshd = await startSshd();
    wan = await startWanProxy({ targetPort: sshd.port, rttMs: 50 });
    source = path.join(sshd.dir, 'big.bin');
    randomFile(source, 128 << 20);
  }, 30_000);
  afterAll(async () => {
    await wan?.close();
    await sshd?.stop();
  });

  /**
   * Starts a striped upload to a new folder and stops it (`stop`) once past
   * 16 MiB, right after a progress report: the record left on the server
   * must cover all the report counted, not only the last save of the
   * once-a-second timer (which the connection closing under it used to leave).
   */
  async function stoppedUpload(name: string, stop: (made: TestServices, w: ReturnType<typeof window>) => Promise<void>) {
    const made = testServices();
    const host = await saveTestHost(made.services, name, { ...sshd, port: wan.port });
    const w = window(made, name);
    await openFiles(made.services, w.ctx.clientId, 'b1', host.id);
    const target = path.join(sshd.dir, name);
    mkdirSync(target);
    const [id] = (await made.services.handlers['transfer:start']({ browserId: 'b1', direction: 'upload', sources: [source], targetDir: target }, w.ctx)).transferIds;
    await expect.poll(() => w.views.get(id!)?.bytesDone ?? 0, { timeout: 60_000, interval: 5 }).toBeGreaterThan(16 << 20);
    const reports = w.updates().length;
    await expect.poll(() => w.updates().length, { timeout: 5_000, interval: 1 }).toBeGreaterThan(reports);
    const counted = w.views.get(id!)!.bytesDone;
    await stop(made, w);
    const part = path.join(target, 'big.bin' + PART_SUFFIX);
    // Striped, so what the part kept is what its record says (keptIn).
    expect(existsSync(part + RANGES_SUFFIX)).toBe(true);
    return { made, part, counted };
  }

  it('quitting waits for it: the record on the server covers every byte counted', async () => {
    const { made, part, counted } = await stoppedUpload('quit', (m) => m.services.dispose());
    expect(counted).toBeLessThan(128 << 20);
    expect(keptIn(part)).toBeGreaterThanOrEqual(counted);
    expect(journalled(made.dir)).toHaveLength(1);
  }, 120_000);

  it('closing the window waits for it too', async () => {
    const { made, part, counted } = await stoppedUpload('closed', async (_m, w) => w.close());
    await expect.poll(() => keptIn(part), { timeout: 5_000, interval: 20 }).toBeGreaterThanOrEqual(counted);
    await made.services.dispose();
  }, 120_000);
});

describe('TransferJournal', () => {
  const good = journalEntry('a');


  it('drops entries it cannot read and keeps the rest', () => {
    const dir = testServices().dir;
    writeFileSync(path.join(dir, JOURNAL_NAME), JSON.stringify({ version: 1, transfers: [{ transferId: 'nope' }, 'junk', null, { ...good, direction: 'sideways' }, good] }));
    expect(new TransferJournal(dir).all()).toEqual([good]);
    writeFileSync(path.join(dir, JOURNAL_NAME), JSON.stringify({ transfers: { not: 'a list' } }));
    expect(new TransferJournal(dir).all()).toEqual([]);
  });

  it('an unreadable file is set aside, not lost, and the journal starts empty', () => {
    const dir = testServices().dir;
    writeFileSync(path.join(dir, JOURNAL_NAME), '{ not json');
    expect(new TransferJournal(dir).all()).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.startsWith('transfers.corrupt-')).map((f) => readFileSync(path.join(dir, f), 'utf8'))).toEqual(['{ not json']);
  });

  it('on the first start with its own file, carries over the entries kept in settings.json, once', () => {
    const made = testServices();
    const { store } = openConfStore(made.dir);
    store.set('transfers', [{ transferId: 'nope' }, good]);
    expect(new TransferJournal(made.dir, store).all()).toEqual([good]);
    expect(journalled(made.dir)).toEqual([good]);
    // From now on the file is the journal: what settings.json still holds is not read again.
    const journal = new TransferJournal(made.dir, store);
    expect(journal.remove(good.transferId)).toBeNull();
    expect(new TransferJournal(made.dir, store).all()).toEqual([]);
  });
});
