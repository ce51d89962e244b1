// DATA replies copied straight into their reads' buffers, on a real ssh2
// client talking to a real OpenSSH sftp-server: what the reads return must be
// the file's bytes whatever the sizes, offsets and replies in between, and a
// reply cut off by the connection's end must fail its read, not leave it unanswered.
import { readFileSync } from 'node:fs';
import type { SFTPWrapper, Stats } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSftp, startSftpFixture, type Connected, type SftpFixture } from '../../test-support/sftp-fixture';
import { startWanProxy } from '../../test-support/wan-proxy';
import { directReads, directReplies } from './sftp-direct-reads';

const MiB = 1024 * 1024;
let fx: SftpFixture;
let conn: Connected;
let source: { file: string; sha256: string };
let bytes: Buffer;

beforeAll(async () => {
  fx = await startSftpFixture();
  conn = await connectSftp(fx.sshd);
  source = await fx.source(3 * MiB + 7);
  bytes = readFileSync(source.file);
}, 30_000);
afterAll(async () => {
  conn?.close();
  await fx?.stop();
});

const open = (sftp: SFTPWrapper, file: string) => new Promise<Buffer>((resolve, reject) => sftp.open(file, 'r', (e, h) => (e ? reject(e) : resolve(h))));
/** What a read gives: the bytes it filled, or its error's code. */
const read = (sftp: SFTPWrapper, handle: Buffer, length: number, position: number) =>
  new Promise<Buffer | string>((resolve) => {
    const buffer = Buffer.alloc(length);
    sftp.read(handle, buffer, 0, length, position, (error, n) => resolve(error ? String((error as { code?: unknown }).code ?? error.message) : buffer.subarray(0, n)));
  });

describe('direct reads', () => {
  it('fill each read with the file’s bytes, whatever the sizes and whatever replies come between', async () => {
    const sftp = conn.sftp;
    expect(directReads(sftp)).toBe(true);
    const handle = await open(sftp, source.file);
    // Sizes that split replies across channel packets every which way, all in flight at once.
    const sizes = [1, 13, 4096, 32 * 1024 - 13, 32 * 1024, 100_000, 255 * 1024, 255 * 1024 - 1];
    const jobs: Promise<void>[] = [];
    let at = 0;
    for (let i = 0; at < bytes.length; i++) {
      const length = Math.min(sizes[i % sizes.length]!, bytes.length - at);
      const position = at;
      jobs.push(read(sftp, handle, length, position).then((got) => expect(Buffer.compare(got as Buffer, bytes.subarray(position, position + length))).toBe(0)));
      // Replies of other kinds in between: a STATUS, an ATTRS and a NAME.
      if (i % 5 === 0) jobs.push(new Promise((r) => sftp.stat(source.file, (e, s: Stats) => r(expect(e ?? s.size).toBe(bytes.length)))));
      if (i % 7 === 0) jobs.push(new Promise((r) => sftp.realpath('.', (e, p) => r(expect(e ?? typeof p).toBe('string')))));
      if (i % 9 === 0) jobs.push(new Promise((r) => sftp.stat(`${source.file}.none`, (e) => r(expect(e).toBeInstanceOf(Error)))));
      at += length;
    }
    const before = directReplies(sftp);
    await Promise.all(jobs);
    expect(directReplies(sftp) - before).toBeGreaterThan(20);
    // Past the end the server answers with a STATUS (EOF), which ssh2 still parses (and gives as 0 bytes read).
    expect(await read(sftp, handle, 1024, bytes.length)).toEqual(Buffer.alloc(0));
  });

  it('fail a read whose reply the connection’s end cut off, instead of leaving it unanswered', async () => {
    // Slow enough that a 255 KiB reply is mid-way when the link goes.
    const slow = await startWanProxy({ targetPort: fx.sshd.port, rttMs: 10, mbps: 1 });
    const far = await connectSftp({ port: slow.port, user: fx.sshd.user, clientKeyPath: fx.sshd.clientKeyPath });
    try {
      directReads(far.sftp);
      const handle = await open(far.sftp, source.file);
      const answer = read(far.sftp, handle, 255 * 1024, 0);
      await new Promise((r) => setTimeout(r, 150));
      far.client.end();
      await slow.close();
      const got = await Promise.race([answer, new Promise((r) => setTimeout(() => r('no answer'), 2000))]);
      expect(got).not.toBe('no answer');
      expect(Buffer.isBuffer(got)).toBe(false);
    } finally {
      far.close();
      await slow.close();
    }
  });
});
