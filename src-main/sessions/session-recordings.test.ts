import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, SessionRecordingEvent } from '../../src-shared/contract';
import type { Hub } from '../ipc/hub';
import { startSshd, type Sshd } from '../../test-support/sshd';
import { fakeWindow, saveTestHost, testServices } from '../../test-support/services';
import { createRouter } from '../ipc/router';
import { AnsiTextStripper } from './ansi-text';
import { logFolder } from './log-folder';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'warren-recs-'));
/** The fixture's prompt (`user@warren-test:dir$ `, `#` for root), last on screen: the shell waits. */
const PROMPT_AT_END = /warren-test:[^\n]*[#$] $/;
const COLOURS = `printf '\\033[1;31mred\\033[0m and plain\\n'; printf 'caf\\303\\251 \\346\\227\\245\\n'; ls --color=always -d / /tmp\n`;

function setup() {
  const { hub, services, dir } = testServices({ readyTimeoutMs: 5000 });
  const router = createRouter(services.handlers);
  const win = fakeWindow(hub, 'w1');
  const recordings: SessionRecordingEvent[] = [];
  // fakeWindow keeps terminal output and states; the recording events are caught on their way to it.
  const emit = hub.emit.bind(hub);
  hub.emit = ((clientId: string, name: EventName, payload: never) => {
    if (name === 'session:recording') recordings.push(payload as SessionRecordingEvent);
    emit(clientId, name, payload);
  }) as Hub['emit'];
  return { hub, services, dir, router, win, recordings, ctx: { clientId: 'w1' } };
}

describe('session recordings against OpenSSH sshd', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(() => sshd?.stop());

  it('a host set to record text starts at connect, and the file ends with the session: prompt, command, output, no escapes', async () => {
    const t = setup();
    const folder = path.join(tempDir(), 'logs');
    expect(await t.router.call('settings:set', { logging: { folder } }, t.ctx)).toMatchObject({ ok: true, value: { logging: { folder, format: 'text' } } });
    const host = await saveTestHost(t.services, 'lab box', sshd, { recordSessions: 'text' });
    expect(host.recordSessions).toBe('text');
    const { sessionId } = t.services.sessions.open('w1', host.id, 80, 24);
    await expect.poll(() => t.recordings.at(-1)).toMatchObject({ sessionId, recording: true, format: 'text' });
    const file = t.recordings.at(-1)!.path!;
    expect(path.dirname(file)).toBe(folder);
    expect(path.basename(file)).toMatch(/^lab box_\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d\.log$/);
    await expect.poll(() => t.win.output()).toMatch(PROMPT_AT_END);
    t.services.sessions.write('w1', sessionId, COLOURS);
    await expect.poll(() => t.win.output()).toMatch(/café 日\r\n[^]*warren-test:[^\n]*[#$] $/);
    t.services.sessions.closeFor('w1', sessionId);
    await expect.poll(() => t.recordings.at(-1)).toEqual({ sessionId, recording: false, path: file, format: 'text' });

    const log = readFileSync(file, 'utf8');
    expect(log).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(log).toMatch(new RegExp(`\\n${sshd.user}@warren-test:\\S*[#$] printf '\\\\033\\[1;31mred`));
    expect(log).toContain("; ls --color=always -d / /tmp\nred and plain\ncafé 日\n/  /tmp\n");
    expect(log).toMatch(new RegExp(`\\n${sshd.user}@warren-test:\\S*[#$]\\n$`));
  });

  it('record-start raw keeps every byte (ESC included); stripping that real recording gives the same text at every split', async () => {
    const t = setup();
    const folder = tempDir();
    await t.router.call('settings:set', { logging: { folder, format: 'raw' } }, t.ctx);
    const host = await saveTestHost(t.services, 'lab', sshd);
    expect(host.recordSessions).toBe('off');
    const { sessionId } = t.services.sessions.open('w1', host.id, 80, 24);
    await expect.poll(() => t.win.last(sessionId)?.state).toBe('connected');
    await expect.poll(() => t.win.output()).toMatch(PROMPT_AT_END);
    const started = await t.router.call('session:record-start', { sessionId, format: 'raw' }, t.ctx);
    expect(started).toMatchObject({ ok: true, value: { path: expect.stringMatching(/\.raw\.log$/) } });
    const file = (started as { value: { path: string } }).value.path;
    expect(t.recordings.at(-1)).toEqual({ sessionId, recording: true, path: file, format: 'raw' });
    // Recording twice is refused, with where it goes now.
    expect(await t.router.call('session:record-start', { sessionId, format: 'text' }, t.ctx)).toMatchObject({ ok: false, error: { code: 'busy', message: expect.stringContaining(file) } });
    // Another window cannot record this session.
    expect(await t.router.call('session:record-start', { sessionId, format: 'text' }, { clientId: 'w2' })).toMatchObject({ ok: false, error: { code: 'session-gone' } });

    const before = t.win.output().length;
    t.services.sessions.write('w1', sessionId, COLOURS);
    await expect.poll(() => t.win.output().slice(before)).toMatch(/café 日\r\n[^]*warren-test:[^\n]*[#$] $/);
    expect(await t.router.call('session:record-stop', { sessionId }, t.ctx)).toEqual({ ok: true, value: null });
    expect(t.recordings.at(-1)).toEqual({ sessionId, recording: false, path: file, format: 'raw' });
    // What the terminal got after the start is exactly what the file holds.
    const raw = readFileSync(file);
    expect(raw.toString('utf8')).toBe(t.win.output().slice(before));
    expect(raw.includes('\x1b[1;31mred\x1b[0m and plain\r\n')).toBe(true);

    // The stripper on this real recording: no escape left, and the same text whatever the split.
    const whole = strip(raw, []);
    expect(whole).not.toContain('\x1b');
    expect(whole).toContain('\nred and plain\ncafé 日\n');
    for (let cut = 0; cut <= raw.length; cut++) expect(strip(raw, [cut]), `split at ${cut}`).toBe(whole);

    // Stopped: later output goes nowhere, and the session keeps working.
    t.services.sessions.write('w1', sessionId, 'echo after-$((40+2))\n');
    await expect.poll(() => t.win.output()).toMatch(/after-42/);
    expect(readFileSync(file).equals(raw)).toBe(true);
    t.services.sessions.closeFor('w1', sessionId);
  });

  it('a file where the log folder should be: record-start says so, the host setting says so by event, and the terminal keeps working', async () => {
    const t = setup();
    const folder = path.join(tempDir(), 'logs');
    writeFileSync(folder, 'in the way');
    await t.router.call('settings:set', { logging: { folder } }, t.ctx);
    const host = await saveTestHost(t.services, 'lab', sshd, { recordSessions: 'raw' });
    const { sessionId } = t.services.sessions.open('w1', host.id, 80, 24);
    await expect.poll(() => t.recordings.at(-1)).toMatchObject({ sessionId, recording: false, error: expect.stringMatching(/^Recording did not start: Warren cannot record to .*logs: a file is in the way/) });
    expect(await t.router.call('session:record-start', { sessionId, format: 'text' }, t.ctx)).toMatchObject({ ok: false, error: { code: 'not-a-folder', message: expect.stringContaining('Choose another folder for session logs in Settings') } });
    await expect.poll(() => t.win.output()).toMatch(PROMPT_AT_END);
    t.services.sessions.write('w1', sessionId, 'echo still-$((6*7))\n');
    await expect.poll(() => t.win.output()).toMatch(/still-42/);
    t.services.sessions.closeFor('w1', sessionId);
  });

  it('a window that goes away closes its recordings with the last output in them', async () => {
    const t = setup();
    const folder = tempDir();
    await t.router.call('settings:set', { logging: { folder } }, t.ctx);
    const host = await saveTestHost(t.services, 'lab', sshd, { recordSessions: 'text' });
    const { sessionId } = t.services.sessions.open('w1', host.id, 80, 24);
    await expect.poll(() => t.recordings.at(-1)?.recording).toBe(true);
    t.services.sessions.write('w1', sessionId, 'echo last-$((1+1))\n');
    await expect.poll(() => t.win.output()).toMatch(/last-2\r\n/);
    t.win.disconnect();
    const [name] = readdirSync(folder);
    await expect.poll(() => readFileSync(path.join(folder, name!), 'utf8')).toContain('\nlast-2\n');
  });
});

describe('logging settings', () => {
  it('an old settings file reads as the defaults; settings:set merges a partial logging; a relative folder is refused', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 1, app: { autoReconnect: false } }));
    const { services } = testServices({}, dir);
    const router = createRouter(services.handlers);
    const ctx = { clientId: 'w' };
    expect(await router.call('settings:get', {}, ctx)).toMatchObject({ ok: true, value: { autoReconnect: false, logging: { folder: null, format: 'text' } } });
    await router.call('settings:set', { logging: { folder: '~/logs' } }, ctx);
    expect(await router.call('settings:set', { logging: { format: 'raw' } }, ctx)).toMatchObject({ ok: true, value: { logging: { folder: '~/logs', format: 'raw' } } });
    expect(await router.call('settings:set', { logging: { folder: 'relative/logs' } }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await router.call('settings:set', { logging: { folder: null } }, ctx)).toMatchObject({ ok: true, value: { logging: { folder: null, format: 'raw' } } });
  });

  it('the default folder is Documents/Warren logs when Documents exists, else the data folder logs; ~ is the home', () => {
    const home = tempDir();
    const dataDir = tempDir();
    expect(logFolder(null, { home, dataDir })).toBe(path.join(dataDir, 'logs'));
    mkdirSync(path.join(home, 'Documents'));
    expect(logFolder(null, { home, dataDir })).toBe(path.join(home, 'Documents', 'Warren logs'));
    expect(logFolder('~/x/../logs', { home, dataDir })).toBe(path.join(home, 'logs'));
    expect(logFolder('/var/log/warren', { home, dataDir })).toBe('/var/log/warren');
  });
});

function strip(raw: Uint8Array, cuts: number[]): string {
  const s = new AnsiTextStripper();
  let out = '';
  let from = 0;
  for (const cut of [...cuts, raw.length]) {
    out += s.push(raw.subarray(from, cut));
    from = cut;
  }
  return out + s.end();
}
