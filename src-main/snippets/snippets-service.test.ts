import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testServices } from '../../test-support/services';
import { fillDisk, TmpfsMounts } from '../../test-support/disk-faults';
import { createRouter } from '../ipc/router';
import type { Snippet } from '../../src-shared/contract';

const ctx = { clientId: 'w1' };
const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'warren-snippets-'));
const settingsPath = (dir: string) => path.join(dir, 'settings.json');
const onDisk = (dir: string) => JSON.parse(readFileSync(settingsPath(dir), 'utf8')) as Record<string, unknown>;

/** The app's router over real services on `dir`: every call is validated as the renderer's would be. */
function open(dir = tempDir()) {
  const { services } = testServices({}, dir);
  const router = createRouter(services.handlers);
  const call = (name: string, input: unknown) => router.call(name, input, ctx);
  const ok = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await call(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  return { dir, services, call, ok, list: () => ok<Snippet[]>('snippets:list', {}) };
}

const echo = { name: 'Say hi', command: 'echo hi', hostId: null, pressEnter: true };

describe('snippets in the settings file', () => {
  it('creates, lists, updates and removes, and each change is in settings.json under "snippets"', async () => {
    const app = open();
    const saved = await app.ok<Snippet>('snippets:save', echo);
    expect(saved).toEqual({ ...echo, id: expect.stringMatching(/^[A-Za-z0-9_-]{1,64}$/) });
    const second = await app.ok<Snippet>('snippets:save', { name: 'Two lines', command: 'cd /tmp\nls -la', hostId: null, pressEnter: false });
    expect(await app.list()).toEqual([saved, second]);
    expect(onDisk(app.dir).snippets).toEqual([saved, second]);

    const renamed = await app.ok<Snippet>('snippets:save', { ...echo, id: saved.id, name: 'Say hello', command: 'echo hello' });
    expect(renamed.id).toBe(saved.id);
    expect(await app.list()).toEqual([renamed, second]);

    await app.ok('snippets:remove', { id: saved.id });
    expect(await app.list()).toEqual([second]);
    expect(onDisk(app.dir).snippets).toEqual([second]);
    // Gone already (another window deleted it): still what the user wanted.
    expect(await app.call('snippets:remove', { id: saved.id })).toEqual({ ok: true, value: null });
  });

  it('survives a restart, and a file from before snippets reads as none without a notice', async () => {
    const dir = tempDir();
    writeFileSync(settingsPath(dir), JSON.stringify({ schemaVersion: 1, app: { autoReconnect: false } }));
    const first = open(dir);
    expect(await first.list()).toEqual([]);
    expect((await first.ok<{ notices: string[] }>('app:info', {})).notices).toEqual([]);
    const saved = await first.ok<Snippet>('snippets:save', echo);

    const again = open(dir);
    expect(await again.list()).toEqual([saved]);
    expect(onDisk(dir).app).toMatchObject({ autoReconnect: false });
  });

  it('keeps the readable snippets of a damaged list and tells the user about the others', async () => {
    const dir = tempDir();
    const good = { id: 'sgood', ...echo };
    writeFileSync(settingsPath(dir), JSON.stringify({ schemaVersion: 1, snippets: [good, { id: 'sbad', name: 'no command' }] }));
    const app = open(dir);
    expect(await app.list()).toEqual([good]);
    const { notices } = await app.ok<{ notices: string[] }>('app:info', {});
    expect(notices).toEqual([expect.stringMatching(/^The "snippets" setting .*\(1 of 2 entries: snippets\.1\.command: .*keeps only the entries it can read\./)]);
    expect(onDisk(dir).snippets).toEqual([good]);
  });

  it('refuses names, commands and ids that do not fit, and saves nothing', async () => {
    const app = open();
    const refused = async (input: unknown, message: RegExp) => {
      const result = await app.call('snippets:save', input);
      expect(result, JSON.stringify(input).slice(0, 120)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(message) } });
    };
    await refused({ ...echo, name: '   ' }, /name: name is required/);
    await refused({ ...echo, name: 'bell\u0007' }, /name: name must be printable text/);
    await refused({ ...echo, name: 'two\nlines' }, /name: name must be printable text/);
    await refused({ ...echo, command: ' \n ' }, /command: command is required/);
    await refused({ ...echo, command: 'a\0b' }, /command: command must not contain NUL/);
    await refused({ ...echo, id: '../etc' }, /id: must be a plain id/);
    await refused({ ...echo, hostId: 'h 1' }, /hostId: must be a plain id/);
    await refused({ ...echo, pressEnter: 'yes' }, /pressEnter/);
    await refused({ ...echo, extra: 1 }, /Unrecognized key/);
    // 64 KiB counted in bytes as they are stored: 32768 "é" are 65536 bytes.
    await refused({ ...echo, command: `${'é'.repeat(32_768)}x` }, /command: command must be at most 64 KiB/);
    expect(await app.list()).toEqual([]);
    const biggest = await app.ok<Snippet>('snippets:save', { ...echo, command: 'é'.repeat(32_768) });
    expect((await app.list())[0]!.command).toBe(biggest.command);
    expect(await app.call('snippets:remove', { id: 'no/such' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('ties a snippet to a saved host only; removing the host keeps its snippets', async () => {
    const app = open();
    const host = await app.services.hosts.saveHost({ name: 'web', host: '127.0.0.1', port: 22, username: 'me', hostKeyPolicy: 'ask', folderId: null, auth: { keyPath: null, useAgent: false } });
    expect(await app.call('snippets:save', { ...echo, hostId: 'nohost' })).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringMatching(/That host no longer exists/) } });
    const mine = await app.ok<Snippet>('snippets:save', { ...echo, name: 'Restart nginx', command: 'sudo systemctl restart nginx', hostId: host.id });
    expect(mine.hostId).toBe(host.id);

    await app.ok('hosts:remove', { id: host.id });
    expect(await app.list()).toEqual([mine]);
    // Editing it without choosing another host keeps it where it was.
    const edited = await app.ok<Snippet>('snippets:save', { ...mine, name: 'Restart nginx now' });
    expect(edited).toEqual({ ...mine, name: 'Restart nginx now' });
    expect(await app.call('snippets:save', { ...echo, id: 'snope' })).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringMatching(/That snippet no longer exists/) } });
  });
});

const disks = new TmpfsMounts();
afterEach(() => disks.unmountAll());

describe('snippets on a full disk', () => {
  it('refuses each change with "the disk is full", and the list and the file stay as they were', async (test) => {
    const dir = disks.mount('size=512k');
    if (!dir) return test.skip();
    const app = open(dir);
    const saved = await app.ok<Snippet>('snippets:save', echo);
    fillDisk(dir);
    const before = readFileSync(settingsPath(dir), 'utf8');
    for (const [name, input] of [
      ['snippets:save', { ...echo, name: 'another' }],
      ['snippets:save', { ...echo, id: saved.id, name: 'renamed' }],
      ['snippets:remove', { id: saved.id }],
    ] as const) {
      expect(await app.call(name, input), name).toMatchObject({ ok: false, error: { code: 'disk-full', message: expect.stringMatching(/^Warren could not save: the disk is full\./) } });
      expect(await app.list()).toEqual([saved]);
      expect(readFileSync(settingsPath(dir), 'utf8')).toBe(before);
    }
  });
});
