// writeFileAtomic, appendDurable and the lock file on a real file system,
// including a full and a read-only tmpfs (root only; skipped with the reason
// otherwise).
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fillDisk, TmpfsMounts } from '../../test-support/disk-faults';
import { AppError } from '../errors/app-error';
import { appendDurable, probeWritable, removeLeftoverTemps, saveError, writeFileAtomic } from './atomic-file';
import { isStale, withLock } from './lock-file';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'warren-storage-'));
const disks = new TmpfsMounts();
afterEach(() => disks.unmountAll());

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.json');
    writeFileAtomic(file, 'one');
    writeFileAtomic(file, Buffer.from('two'));
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('on a full disk throws disk-full, keeps the old file whole and removes its temp file', (test) => {
    const dir = disks.mount('size=64k');
    if (!dir) return test.skip();
    const file = path.join(dir, 'a.json');
    writeFileAtomic(file, 'old');
    fillDisk(dir);
    expect(() => writeFileAtomic(file, 'x'.repeat(32 * 1024))).toThrow(expect.objectContaining({ code: 'disk-full', message: `Warren could not save: the disk is full. Free some space and try again (${file}). Nothing was changed.` }));
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'filler']);
  });

  it('in a read-only folder throws read-only', (test) => {
    const dir = disks.mount('size=64k');
    if (!dir) return test.skip();
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    expect(() => writeFileAtomic(path.join(dir, 'a.json'), 'x')).toThrow(expect.objectContaining({ code: 'read-only' }));
    expect(probeWritable(dir)).toMatchObject({ code: 'read-only' });
  });
});

describe('appendDurable', () => {
  it('appends at the expected length and returns the new one', () => {
    const file = path.join(tempDir(), 'log');
    writeFileSync(file, 'a\n');
    expect(appendDurable(file, 'bc\n', 2)).toBe(5);
    expect(readFileSync(file, 'utf8')).toBe('a\nbc\n');
  });

  it('refuses when the file is not the length the caller last saw (someone else wrote)', () => {
    const file = path.join(tempDir(), 'log');
    writeFileSync(file, 'a\nb\n');
    expect(() => appendDurable(file, 'c\n', 2)).toThrow(expect.objectContaining({ code: 'changed' }));
    expect(readFileSync(file, 'utf8')).toBe('a\nb\n');
  });

  it('on a full disk cuts off what it wrote and throws disk-full', (test) => {
    const dir = disks.mount('size=64k');
    if (!dir) return test.skip();
    const file = path.join(dir, 'log');
    writeFileSync(file, 'head\n');
    fillDisk(dir);
    // More than the last page's slack, so part of it lands before the disk is full.
    expect(() => appendDurable(file, `${'y'.repeat(10_000)}\n`, 5)).toThrow(expect.objectContaining({ code: 'disk-full' }));
    expect(readFileSync(file, 'utf8')).toBe('head\n');
  });
});

describe('removeLeftoverTemps', () => {
  it('removes only the temp files of that file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'hosts.json');
    for (const name of ['hosts.json', '.hosts.json.1-ab.tmp', '.hosts.log.1-ab.tmp', 'other.tmp']) writeFileSync(path.join(dir, name), '');
    expect(removeLeftoverTemps(file)).toEqual(['.hosts.json.1-ab.tmp']);
    expect(readdirSync(dir).sort()).toEqual(['.hosts.log.1-ab.tmp', 'hosts.json', 'other.tmp']);
  });
});

describe('saveError', () => {
  it('names the reason and the file, and passes an AppError through', () => {
    const enospc = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    expect(saveError(enospc, '/d/f')).toMatchObject({ code: 'disk-full', message: 'Warren could not save: the disk is full. Free some space and try again (/d/f). Nothing was changed.' });
    expect(saveError(Object.assign(new Error('x'), { code: 'EACCES' }), '/d/f').code).toBe('permission-denied');
    const own = new AppError('busy', 'b');
    expect(saveError(own, '/d/f')).toBe(own);
  });
});

describe('withLock', () => {
  it('holds the lock while fn runs and releases it after a throw', () => {
    const lock = path.join(tempDir(), 'x.lock');
    expect(() =>
      withLock(lock, '/f', () => {
        expect(readFileSync(lock, 'utf8')).toMatch(new RegExp(`^${process.pid} `));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(withLock(lock, '/f', () => 42)).toBe(42);
  });

  it('takes over a lock whose holder is gone', () => {
    const lock = path.join(tempDir(), 'x.lock');
    const dead = spawnSyncPid();
    writeFileSync(lock, `${dead} ${os.hostname()} then\n`);
    expect(isStale(lock)).toBe(true);
    expect(withLock(lock, '/f', () => 'taken')).toBe('taken');
  });

  it('waits for a live holder, then says another Warren is saving', async () => {
    const lock = path.join(tempDir(), 'x.lock');
    const holder = spawn('sleep', ['30']);
    try {
      writeFileSync(lock, `${holder.pid} ${os.hostname()} now\n`);
      expect(isStale(lock)).toBe(false);
      expect(() => withLock(lock, '/data/hosts.json', () => 1, 50)).toThrow(expect.objectContaining({ code: 'busy', message: expect.stringMatching(/Another Warren \(pid \d+\) is saving to \/data\/hosts\.json/) }));
      // Older than any real holder keeps it: stale whoever holds it.
      utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      expect(isStale(lock)).toBe(true);
    } finally {
      holder.kill();
    }
  });
});

/** The pid of a process that has already exited. */
function spawnSyncPid(): number {
  const out = execFileSync('sh', ['-c', 'sh -c "echo \\$\\$"']).toString().trim();
  return Number(out);
}
