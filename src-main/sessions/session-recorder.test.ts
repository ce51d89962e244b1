import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fillDisk, TmpfsMounts } from '../../test-support/disk-faults';
import type { AppError } from '../errors/app-error';
import { logFileName, safeName, SessionRecorder } from './session-recorder';

const at = new Date(2026, 10, 29, 7, 42, 5);
const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'warren-rec-'));
const bytes = (text: string) => new TextEncoder().encode(text);

describe('log file names', () => {
  it('are `<host>_<local date>_<time>.log`, `.raw.log` for raw, `_2`… on a collision', () => {
    expect(logFileName('web-1', 'text', at)).toBe('web-1_2026-11-29_07-42-05.log');
    expect(logFileName('web-1', 'raw', at)).toBe('web-1_2026-11-29_07-42-05.raw.log');
    expect(logFileName('web-1', 'text', at, 2)).toBe('web-1_2026-11-29_07-42-05_2.log');
  });

  it('take any host name to something every OS accepts', () => {
    expect(safeName('prod: db/1 <main>')).toBe('prod_ db_1 _main_');
    expect(safeName('a\\b|c?d*e"f')).toBe('a_b_c_d_e_f');
    expect(safeName('tab\there\nnewline\u202eRTL')).toBe('tab_here_newline_RTL');
    expect(safeName('..hidden')).toBe('hidden');
    expect(safeName(' trailing. ')).toBe('trailing');
    expect(safeName('')).toBe('session');
    expect(safeName('...')).toBe('session');
    expect(safeName('CON')).toBe('_CON');
    expect(safeName('nul.example.com')).toBe('_nul.example.com');
    expect(safeName('console')).toBe('console');
    expect(safeName('web.example.com')).toBe('web.example.com');
    expect(safeName('サーバー')).toBe('サーバー');
  });

  it('cut a long name to 100 bytes of UTF-8 without splitting a character', () => {
    const cut = safeName('日'.repeat(60));
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(100);
    expect(cut).toBe('日'.repeat(33));
    expect(logFileName('x'.repeat(300), 'raw', at, 999).length).toBeLessThan(255);
  });
});

describe('SessionRecorder', () => {
  it('writes a text log with the escapes stripped, owner-only, and creates the folder', async () => {
    const folder = path.join(tempDir(), 'logs', 'nested');
    const rec = new SessionRecorder({ folder, hostName: 'web', format: 'text', now: at });
    // Output that comes before the file is open is kept.
    rec.write(bytes('\x1b[1;31mred\x1b[0m and '));
    rec.write(bytes('plain\r\nuser@warren-test:~$ '));
    const file = await rec.ready;
    expect(file).toBe(path.join(folder, 'web_2026-11-29_07-42-05.log'));
    await rec.stop();
    expect(readFileSync(file, 'utf8')).toBe('red and plain\nuser@warren-test:~$\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('writes a raw log byte for byte, in order, through many writes of every size', async () => {
    const folder = tempDir();
    const rec = new SessionRecorder({ folder, hostName: 'web', format: 'raw', now: at });
    const sent: Buffer[] = [];
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const chunk = Buffer.alloc(1 + (seed % 3000), i % 256);
      sent.push(chunk);
      rec.write(chunk);
      if (i % 100 === 0) await new Promise((r) => setImmediate(r)); // let some writes land between others
    }
    const file = await rec.ready;
    await rec.stop();
    expect(readFileSync(file).equals(Buffer.concat(sent))).toBe(true);
  });

  it('never writes over another log: the same host in the same second gets _2, _3', async () => {
    const folder = tempDir();
    const recs = [1, 2, 3].map(() => new SessionRecorder({ folder, hostName: 'web', format: 'text', now: at }));
    const files = await Promise.all(recs.map((r) => r.ready));
    expect(files.map((f) => path.basename(f)).sort()).toEqual(['web_2026-11-29_07-42-05.log', 'web_2026-11-29_07-42-05_2.log', 'web_2026-11-29_07-42-05_3.log']);
    recs.forEach((r, i) => r.write(bytes(`log ${i}\n`)));
    await Promise.all(recs.map((r) => r.stop()));
    expect(files.map((f) => readFileSync(f, 'utf8'))).toEqual(['log 0\n', 'log 1\n', 'log 2\n']);
  });

  it('says what to do when a file stands where the folder should be, and writes nothing', async () => {
    const dir = tempDir();
    const folder = path.join(dir, 'logs');
    writeFileSync(folder, 'not a folder');
    const rec = new SessionRecorder({ folder, hostName: 'web', format: 'text', now: at });
    await expect(rec.ready).rejects.toMatchObject({ code: 'not-a-folder', message: `Warren cannot record to ${folder}: a file is in the way where that folder should be. Choose another folder for session logs in Settings, or move the file.` });
    rec.write(bytes('ignored\n'));
    await rec.stop();
    expect(readFileSync(folder, 'utf8')).toBe('not a folder');
  });

  describe('on a disk that fails', () => {
    const mounts = new TmpfsMounts();
    afterEach(() => mounts.unmountAll());

    it('a read-only disk is refused with a sentence that names it', async ({ skip }) => {
      const dir = mounts.mount('ro,size=64k');
      if (!dir) return skip();
      const rec = new SessionRecorder({ folder: dir, hostName: 'web', format: 'raw', now: at });
      await expect(rec.ready).rejects.toMatchObject({ code: 'read-only', message: expect.stringContaining(`Warren cannot record to ${dir}: it is on a read-only disk.`) });
    });

    it('a full disk stops the recording, keeps what was written and says so once', async ({ skip }) => {
      const dir = mounts.mount('size=64k');
      if (!dir) return skip();
      const failures: AppError[] = [];
      const rec = new SessionRecorder({ folder: dir, hostName: 'web', format: 'raw', now: at, onFailed: (e) => failures.push(e) });
      const file = await rec.ready;
      rec.write(Buffer.alloc(4096, 0x61));
      await expect.poll(() => statSync(file).size).toBe(4096);
      fillDisk(dir);
      for (let i = 0; i < 50; i++) rec.write(Buffer.alloc(8192, 0x62));
      await expect.poll(() => failures.length).toBe(1);
      expect(failures[0]).toMatchObject({ code: 'disk-full', message: `Recording stopped: the disk holding ${file} is full. What was recorded so far is kept in that file; free some space and start recording again.` });
      rec.write(bytes('after the failure'));
      await rec.stop();
      const kept = readFileSync(file);
      expect(kept.subarray(0, 4096).equals(Buffer.alloc(4096, 0x61))).toBe(true);
      expect(kept.includes('after the failure')).toBe(false);
      expect(failures).toHaveLength(1);
    });
  });

  it('stop() while the file is still opening still writes what came before it', async () => {
    const folder = path.join(tempDir(), 'new');
    const rec = new SessionRecorder({ folder, hostName: 'web', format: 'text', now: at });
    rec.write(bytes('early line\r\n'));
    await rec.stop();
    const [name] = readdirSync(folder);
    expect(readFileSync(path.join(folder, name!), 'utf8')).toBe('early line\n');
  });
});

