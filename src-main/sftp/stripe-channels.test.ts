// A striped job's extra SFTP sessions wait for the next job on the connection,
// and make way for anyone else who needs a session: against real sshd.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import { connectSftp, randomFile, sha256File, type Connected } from '../../test-support/sftp-fixture';
import { startSshd, type Sshd } from '../../test-support/sshd';
import { startWanProxy, type WanProxy } from '../../test-support/wan-proxy';
import { fakeWindow, saveTestHost, testServices } from '../../test-support/services';
import { openFiles } from '../../test-support/lifecycle';
import { newOpenId } from '../../src-shared/ids';
import { isSftpClosed, sftpClient } from '../ssh2-internals/ssh2-internals';
import { closeIdleChannels, openExtraChannels } from './stripe-channels';

const works = (sftp: SFTPWrapper) => new Promise<string>((resolve, reject) => sftp.realpath('.', (error, where) => (error ? reject(error) : resolve(where))));

describe('extra sessions between jobs', () => {
  let sshd: Sshd;
  let conn: Connected;
  beforeAll(async () => {
    sshd = await startSshd();
    conn = await connectSftp(sshd);
  }, 30_000);
  afterAll(async () => {
    conn?.close();
    await sshd?.stop();
  });

  it('a finished job\'s sessions serve the next job, still working; closing the idle ones gives the whole budget back', async () => {
    const first = await openExtraChannels(conn.sftp, 3);
    expect(first.channels).toHaveLength(3);
    await Promise.all(first.channels.map(works));
    first.release();

    const next = await openExtraChannels(conn.sftp, 2);
    expect(next.channels.every((c) => first.channels.includes(c))).toBe(true);
    await Promise.all(next.channels.map(works));
    next.release();

    await closeIdleChannels(sftpClient(conn.sftp)!);
    expect(first.channels.every(isSftpClosed)).toBe(true);
    // All six again, new ones: none of the budget is still held by the closed sessions.
    const fresh = await openExtraChannels(conn.sftp, 6);
    expect(fresh.channels).toHaveLength(6);
    expect(fresh.channels.some((c) => first.channels.includes(c))).toBe(false);
    await Promise.all(fresh.channels.map(works));
    fresh.release();
    await closeIdleChannels(sftpClient(conn.sftp)!);
  });

  it('an idle session the server ended is not handed out again', async () => {
    const first = await openExtraChannels(conn.sftp, 2);
    first.release();
    first.channels[0]!.end();
    await expect.poll(() => isSftpClosed(first.channels[0]!), { timeout: 2_000 }).toBe(true);
    const next = await openExtraChannels(conn.sftp, 2);
    expect(next.channels).toHaveLength(2);
    expect(next.channels).not.toContain(first.channels[0]);
    await Promise.all(next.channels.map(works));
    next.release();
    await closeIdleChannels(sftpClient(conn.sftp)!);
  });
});

describe('a server that allows few sessions (MaxSessions 4)', () => {
  let sshd: Sshd;
  let wan: WanProxy;
  beforeAll(async () => {
    sshd = await startSshd({ config: ['MaxSessions 4'] });
    wan = await startWanProxy({ targetPort: sshd.port, rttMs: 50 });
    randomFile(path.join(sshd.dir, 'big.bin'), 32 << 20);
  }, 30_000);
  afterAll(async () => {
    await wan?.close();
    await sshd?.stop();
  });

  it('after a striped download its idle sessions make way: a terminal then opens on the shared connection', async () => {
    const made = testServices();
    const host = await saveTestHost(made.services, 'few', { ...sshd, port: wan.port });
    const w = fakeWindow(made.hub, 'w');
    const browserId = newOpenId('b');
    await openFiles(made.services, 'w', browserId, host.id);
    const target = path.join(sshd.dir, 'down');
    mkdirSync(target);
    const [id] = (await made.services.handlers['transfer:start']({ browserId, direction: 'download', sources: [path.join(sshd.dir, 'big.bin')], targetDir: target }, w.ctx)).transferIds;
    await expect.poll(() => w.transfers.get(id!)?.state, { timeout: 60_000 }).toBe('done');
    expect(await sha256File(path.join(target, 'big.bin'))).toBe(await sha256File(path.join(sshd.dir, 'big.bin')));
    // The files tab's session and the download's three extra ones (the server refused the rest) fill the four.

    const sessionId = newOpenId('s');
    made.services.handlers['session:open']({ sessionId, hostId: host.id, cols: 80, rows: 24 }, w.ctx);
    await expect.poll(() => ['connected', 'failed'].includes(w.last(sessionId)?.state ?? ''), { timeout: 15_000 }).toBe(true);
    // Without the wait for the idle sessions to close: failed, "The server refused to start a shell".
    expect(w.last(sessionId)).toMatchObject({ state: 'connected' });
    made.services.handlers['session:write']({ sessionId, data: 'echo one-$((40+2))\n' }, w.ctx);
    await expect.poll(() => w.output(), { timeout: 10_000 }).toContain('one-42');
    await made.services.dispose();
  }, 120_000);
});
