// Every assumption ssh2-internals makes about ssh2's private fields, checked
// on a real ssh2 Client talking to a real OpenSSH sshd. The app survives a
// broken one (it falls back, slower), so this file is where an ssh2 upgrade
// that moved a field is caught, with a message that names the assumption.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Channel, Client, SFTPWrapper } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSftp, startSftpFixture, type SftpFixture } from '../../test-support/sftp-fixture';
import {
  ASSUMPTIONS,
  limitReadBuffer,
  capWindow,
  channelWindow,
  checkSsh2Internals,
  clientSocket,
  isClientConnected,
  isSftpClosed,
  missedSsh2Internals,
  openWithWindow,
  sftpMaxLength,
  sftpSocket,
} from './ssh2-internals';
import { directReads } from './sftp-direct-reads';

const MiB = 1024 * 1024;
/** ssh2's own window per channel (lib/Channel.js MAX_WINDOW). */
const SSH2_WINDOW = 2 * MiB;
const ssh2Version = (createRequire(import.meta.url)('ssh2/package.json') as { version: string }).version;

/** What an ssh2 upgrade that broke an assumption shows: one line per assumption. */
function brokenMessage(broken: readonly string[]): string {
  const [major, minor] = ssh2Version.split('.');
  return broken.map((assumption) => `ssh2 ${major}.${minor} changed: ${assumption}; see src-main/ssh2-internals`).join('\n');
}

function mustHold(assumption: string, holds: boolean): void {
  if (!holds) throw new Error(brokenMessage([assumption]));
}

function allHold(broken: readonly string[]): void {
  if (broken.length > 0) throw new Error(brokenMessage(broken));
}

/** The read and write sizes OpenSSH's own sftp client settled on with this server, or null if it does not say (before 8.6). */
function opensshLimits(fx: SftpFixture): Promise<{ read: number; write: number } | null> {
  const { sshd } = fx;
  const args = ['-vvv', '-F', '/dev/null', '-b', '-', '-i', sshd.clientKeyPath, '-P', String(sshd.port)];
  args.push('-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', `${sshd.user}@127.0.0.1`);
  return new Promise((resolve, reject) => {
    const child = spawn('sftp', args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.once('error', reject);
    child.once('close', () => {
      // sftp-client.c: "server upload/download buffer sizes <write> / <read>; using ..."
      const found = /server upload\/download buffer sizes (\d+) \/ (\d+)/.exec(log);
      resolve(found ? { write: Number(found[1]), read: Number(found[2]) } : null);
    });
    child.stdin.end('bye\n');
  });
}

function openSftp(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => client.sftp((error, sftp) => (error ? reject(error) : resolve(sftp))));
}

describe('on a real connection to OpenSSH', () => {
  let fx: SftpFixture;

  beforeAll(async () => {
    fx = await startSftpFixture();
  });
  afterAll(() => fx?.stop());

  it('every assumption holds', () => {
    allHold(checkSsh2Internals(fx.client, fx.sftp));
  });

  it('the client socket is there, with a numeric writableLength, cork and uncork, and SFTP reaches the same one', () => {
    const sock = clientSocket(fx.client);
    mustHold(ASSUMPTIONS.clientSocket, sock !== undefined && typeof sock.writableLength === 'number');
    mustHold(ASSUMPTIONS.clientSocket, typeof sock?.cork === 'function' && typeof sock.uncork === 'function');
    mustHold(ASSUMPTIONS.sftpSocket, sftpSocket(fx.sftp) === sock);
  });

  it('the SFTP read and write limits are the ones OpenSSH negotiated', async () => {
    const read = sftpMaxLength(fx.sftp, 'read');
    const write = sftpMaxLength(fx.sftp, 'write');
    mustHold(ASSUMPTIONS.sftpLimits, read !== undefined && read > 32 * 1024 && write !== undefined && write > 32 * 1024);
    // OpenSSH's own client, asked the same server, is the oracle (ssh2's pre-reply guess differs by 1 KiB).
    const openssh = await opensshLimits(fx);
    if (openssh) mustHold(`${ASSUMPTIONS.sftpLimits} (set from limits@openssh.com: OpenSSH says ${openssh.read}/${openssh.write}, ssh2 has ${read}/${write})`, read === openssh.read && write === openssh.write);
  });

  it('the receive window counts down as data arrives, and stays wide when topped up', async () => {
    const sftp = await openSftp(fx.client);
    const window = channelWindow(sftp);
    mustHold(`${ASSUMPTIONS.channelCounters} and ${ASSUMPTIONS.windowAdjust}`, window !== undefined);
    if (!window) return;
    mustHold(`${ASSUMPTIONS.channelCounters} (starts at ssh2's 2 MiB)`, window.size() > 0 && window.size() <= SSH2_WINDOW);
    const seen: number[] = [];
    const topUp = () => {
      seen.push(window.size());
      if (window.size() < 7 * MiB) window.grow(8 * MiB - window.size());
    };
    window.afterData(topUp);
    topUp();
    const { file } = await fx.source(12 * MiB);
    const data = await new Promise<Buffer>((resolve, reject) => sftp.readFile(file, (error, bytes) => (error ? reject(error) : resolve(bytes))));
    expect(data.length).toBe(12 * MiB);
    mustHold(ASSUMPTIONS.channelPush, seen.length > 100);
    mustHold(`${ASSUMPTIONS.channelCounters} (taken off before push)`, Math.min(...seen.slice(1)) < 8 * MiB);
    // 12 MiB went through: without our adjusts ssh2 would have reset it to 2 MiB at most.
    mustHold(`${ASSUMPTIONS.windowAdjust} (window widened past ssh2's 2 MiB)`, window.size() > SSH2_WINDOW);
    sftp.end();
  });

  it('a capped channel never has more than the cap in flight once its first 2 MiB are used, and every byte still arrives', async () => {
    const total = 12 * MiB;
    const cap = 256 * 1024;
    const channel = await new Promise<Channel>((resolve, reject) => fx.client.exec(`head -c ${total} /dev/zero`, (error, ch) => (error ? reject(error) : resolve(ch))));
    capWindow(channel, cap);
    const window = channelWindow(channel)!;
    let received = 0;
    let widest = 0;
    await new Promise<void>((resolve) => {
      channel.on('data', (chunk: Buffer) => {
        received += chunk.length;
        // The 2 MiB granted at open go first; from then on the window the server has stays under the cap.
        if (received > SSH2_WINDOW + cap) widest = Math.max(widest, window.size());
      });
      channel.on('close', () => resolve());
    });
    expect(received).toBe(total);
    mustHold(`${ASSUMPTIONS.windowAdjust} (capped adjusts)`, widest > 0 && widest <= cap);
  });

  it('a channel opened with a small window has at most that in flight from its first byte, and every byte still arrives', async () => {
    const total = 4 * MiB;
    const cap = 128 * 1024;
    let opened: Promise<Channel> | undefined;
    const fix = openWithWindow(fx.client, cap, () => {
      opened = new Promise<Channel>((resolve, reject) => fx.client.exec(`head -c ${total} /dev/zero`, (error, ch) => (error ? reject(error) : resolve(ch))));
    });
    const channel = await opened!;
    fix(channel);
    capWindow(channel, () => cap);
    // Paused, ssh2 then opens no more: what arrives is what the server was allowed at open.
    limitReadBuffer(channel, 16 * 1024);
    const window = channelWindow(channel)!;
    let received = 0;
    let widest = 0;
    channel.pause();
    // Until the server has sent all it may (nothing more for 300 ms), however slow the machine.
    for (let last = -1, deadline = Date.now() + 10_000; Date.now() < deadline && (last !== channel.readableLength || last === 0); ) {
      last = channel.readableLength;
      await new Promise((r) => setTimeout(r, 300));
    }
    const atOpen = channel.readableLength;
    // ssh2 tops the window up (to the cap) until its read buffer fills: up to 16 KiB and a packet more.
    mustHold(`${ASSUMPTIONS.sessionOpen} (the server kept to the window asked for)`, atOpen > 0 && atOpen <= cap + 48 * 1024);
    // The server stopped because it had no window left; ssh2 must count none either, or it never adjusts again.
    mustHold(`${ASSUMPTIONS.sessionOpen} (ssh2's count matches the server's)`, window.size() === 0);
    await new Promise<void>((resolve) => {
      channel.on('data', (chunk: Buffer) => {
        received += chunk.length;
        widest = Math.max(widest, window.size());
      });
      channel.on('close', () => resolve());
      channel.resume();
    });
    expect(received).toBe(total);
    mustHold(`${ASSUMPTIONS.windowAdjust} (capped adjusts)`, widest <= cap);
  });

  it('an SFTP channel reads as closed once it has ended, and the connection carries on', async () => {
    const sftp = await openSftp(fx.client);
    const window = channelWindow(sftp);
    mustHold(ASSUMPTIONS.sftpReadable, !isSftpClosed(sftp) && window?.closed() === false);
    const closed = new Promise<void>((resolve) => sftp.once('close', () => resolve()));
    sftp.end();
    await closed;
    mustHold(`${ASSUMPTIONS.sftpReadable} (after the channel closed)`, isSftpClosed(sftp));
    mustHold(`${ASSUMPTIONS.channelCounters} (outgoing.state is 'closed' after CHANNEL_CLOSE)`, window?.closed() === true);
    mustHold(ASSUMPTIONS.socketEnded, isClientConnected(fx.client) && !isSftpClosed(fx.sftp));
  });

  it('a client is connected, then not once it has ended', async () => {
    const conn = await connectSftp(fx.sshd);
    mustHold(`${ASSUMPTIONS.socketEnded} (connected)`, isClientConnected(conn.client));
    const closed = new Promise<void>((resolve) => conn.client.once('close', () => resolve()));
    conn.close();
    await closed;
    mustHold(`${ASSUMPTIONS.socketEnded} (after end())`, !isClientConnected(conn.client));
    mustHold(`${ASSUMPTIONS.sftpReadable} (after its connection closed)`, isSftpClosed(conn.sftp));
  });

  it('no accessor had to fall back', () => {
    allHold(missedSsh2Internals());
  });
});

describe('when ssh2 changes', () => {
  // A plain object stands in for a Client and an SFTP session from an ssh2 that moved every field.
  const client = {} as unknown as Client;
  const sftp = {} as unknown as SFTPWrapper;

  it('fails loudly, naming each broken assumption', () => {
    const broken = checkSsh2Internals(client, sftp);
    // readBuffer is about a shell channel's stream (SFTP is no stream): sessions/output-pipeline.test.ts checks it is never missed.
    expect(broken).toEqual(Object.values(ASSUMPTIONS).filter((a) => a !== ASSUMPTIONS.socketEnded && a !== ASSUMPTIONS.readBuffer));
    expect(() => allHold(broken)).toThrow(/^ssh2 \d+\.\d+ changed: Client\._sock is the connection stream .*; see src-main\/ssh2-internals$/m);
    expect(() => mustHold(ASSUMPTIONS.sftpLimits, false)).toThrow(`ssh2 ${ssh2Version.split('.').slice(0, 2).join('.')} changed: ${ASSUMPTIONS.sftpLimits}; see src-main/ssh2-internals`);
  });

  it('treats a Client that has not connected yet as not connected, not as a changed ssh2', async () => {
    const { Client: RealClient } = (await import('ssh2')).default;
    const fresh = new RealClient();
    const before = missedSsh2Internals().length;
    expect(clientSocket(fresh)).toBeUndefined();
    expect(isClientConnected(fresh)).toBe(false);
    expect(missedSsh2Internals().length).toBe(before);
  });

  it('falls back as the app did before, and records each miss', () => {
    expect(clientSocket(client)).toBeUndefined();
    expect(isClientConnected(client)).toBe(false);
    expect(sftpMaxLength(sftp, 'read')).toBeUndefined();
    expect(sftpSocket(sftp)).toBeUndefined();
    expect(isSftpClosed(sftp)).toBe(false);
    expect(channelWindow(sftp)).toBeUndefined();
    limitReadBuffer(sftp as unknown as Channel, 16 * 1024);
    expect(directReads(sftp)).toBe(false);
    // A socket-like _sock without Node's _readableState: ssh2 would say "Not connected".
    const socketOnly = { _sock: { writable: true, writableLength: 0, once: () => {}, cork: () => {}, uncork: () => {} } } as unknown as Client;
    expect(clientSocket(socketOnly)).toBeDefined();
    expect(isClientConnected(socketOnly)).toBe(false);
    expect(checkSsh2Internals(socketOnly)).toEqual([ASSUMPTIONS.socketEnded, ASSUMPTIONS.sessionOpen]);
    let opened = false;
    openWithWindow(client, 64 * 1024, () => (opened = true));
    expect(opened).toBe(true);
    expect(new Set(missedSsh2Internals())).toEqual(new Set(Object.values(ASSUMPTIONS)));
  });
});
