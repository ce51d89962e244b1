import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testServices } from '../../test-support/services';
import { journalEntry, storedHost } from '../../test-support/stored-records';
import { SettingsReader } from './settings-reader';
import { SETTINGS_SCHEMA_VERSION, settingsFile } from './settings-schema';
import { openConfStore } from './settings-store';

const ctx = { clientId: 'w1' };
const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'warren-settings-'));
const settingsPath = (dir: string) => path.join(dir, 'settings.json');
const writeSettings = (dir: string, value: unknown) => writeFileSync(settingsPath(dir), JSON.stringify(value, null, '\t'));
const onDisk = (dir: string) => JSON.parse(readFileSync(settingsPath(dir), 'utf8')) as Record<string, unknown>;
const setAsideFiles = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('settings.invalid-'));
/** The notices the renderer would be shown at start-up. */
const startNotices = async (dir: string) => (await testServices({}, dir).services.handlers['app:info']({}, ctx)).notices;
/** The file a notice says the old value was kept in, and what that file holds. */
const keptIn = (notice: string) => {
  const file = /kept in (\S+\.json)\./.exec(notice)?.[1];
  expect(file, notice).toBeDefined();
  return JSON.parse(readFileSync(file!, 'utf8')) as Record<string, unknown>;
};

/** A file as Warren wrote it before the file had a version: hosts, app settings, known_hosts overrides. */
const versionZero = {
  hostsSchemaVersion: 4,
  hosts: {
    folders: [
      { id: 'f1', name: 'ops', parentId: null },
      { id: 'f2', name: 'prod', parentId: 'f1' },
    ],
    hosts: [storedHost('h1', 'web', 'f2'), storedHost('h2', 'db', 'f2'), storedHost('h3', 'bastion', 'f1'), storedHost('h4', 'laptop', null)],
  },
  app: { autoReconnect: false },
  knownHosts: { hash: true },
};

describe('the settings file', () => {
  it('migrates a version 0 file (no schemaVersion) to the current version and keeps every host', async () => {
    const dir = tempDir();
    writeSettings(dir, versionZero);
    const { services } = testServices({}, dir);
    expect((await services.handlers['app:info']({}, ctx)).notices).toEqual([]);
    expect(services.hosts.list().hosts.map((h) => [h.id, h.name, h.folderId])).toEqual([
      ['h1', 'web', 'f2'],
      ['h2', 'db', 'f2'],
      ['h3', 'bastion', 'f1'],
      ['h4', 'laptop', null],
    ]);
    expect(services.hosts.list().folders).toEqual(versionZero.hosts.folders);
    expect(await services.handlers['settings:get']({}, ctx)).toMatchObject({ autoReconnect: false });
    // Nothing but the version changed on disk, except that the hosts moved to a file of their own; the result is a valid current file.
    const after = onDisk(dir);
    expect(SETTINGS_SCHEMA_VERSION).toBe(1);
    const { hosts: _hosts, hostsSchemaVersion: _version, ...rest } = versionZero;
    expect(after).toEqual({ ...rest, schemaVersion: SETTINGS_SCHEMA_VERSION });
    expect(JSON.parse(readFileSync(path.join(dir, 'hosts.json'), 'utf8'))).toMatchObject({ hostsSchemaVersion: 4, ...versionZero.hosts });
    expect(settingsFile.safeParse(after).success).toBe(true);
    expect(setAsideFiles(dir)).toEqual([]);
  });

  it('produces no notice, and does not rewrite, a valid current file', async () => {
    const dir = tempDir();
    writeSettings(dir, { app: versionZero.app, schemaVersion: SETTINGS_SCHEMA_VERSION, knownHosts: { readFiles: [], ownFile: path.join(dir, 'kh'), hash: false }, transfers: [journalEntry(1)] });
    const before = readFileSync(settingsPath(dir), 'utf8');
    expect(await startNotices(dir)).toEqual([]);
    expect(readFileSync(settingsPath(dir), 'utf8')).toBe(before);
    expect(setAsideFiles(dir)).toEqual([]);
  });

  it('falls back to autoReconnect true when app.autoReconnect is "yes", says so once, and keeps the old value', async () => {
    const dir = tempDir();
    writeSettings(dir, { ...versionZero, app: { autoReconnect: 'yes' } });
    const { services } = testServices({}, dir);
    const { notices } = await services.handlers['app:info']({}, ctx);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('"app" setting');
    expect(notices[0]).toContain('app.autoReconnect: Invalid input: expected boolean, received string (found "yes")');
    expect(keptIn(notices[0]!)).toEqual({ app: { autoReconnect: 'yes' } });
    expect(await services.handlers['settings:get']({}, ctx)).toMatchObject({ autoReconnect: true });
    // The bad value was replaced only after it was copied aside; the hosts moved to their own file, whole.
    expect(onDisk(dir)).toMatchObject({ app: { autoReconnect: true }, schemaVersion: SETTINGS_SCHEMA_VERSION });
    expect(onDisk(dir).hosts).toBeUndefined();
    expect(services.hosts.list().hosts).toHaveLength(4);
    // The next start has nothing to report.
    expect(await startNotices(dir)).toEqual([]);
  });

  it('falls back to the default known_hosts files when knownHosts is invalid, with a notice naming the key', () => {
    const dir = tempDir();
    writeSettings(dir, { knownHosts: { readFiles: '/etc/ssh/ssh_known_hosts', hash: 'no' } });
    const reader = new SettingsReader(openConfStore(dir).store);
    expect(reader.get('knownHosts')).toEqual({});
    expect(reader.notices).toHaveLength(1);
    expect(reader.notices[0]).toMatch(/"knownHosts" setting .* not valid \(knownHosts\.readFiles: .*expected array.*; knownHosts\.hash: .*expected boolean.*\), so Warren uses its default/);
    expect(keptIn(reader.notices[0]!)).toEqual({ knownHosts: { readFiles: '/etc/ssh/ssh_known_hosts', hash: 'no' } });
    expect(onDisk(dir)).toEqual({ knownHosts: {}, schemaVersion: SETTINGS_SCHEMA_VERSION });
  });

  it('shows the knownHosts notice at start-up too, when the value is not even an object', async () => {
    const dir = tempDir();
    writeSettings(dir, { knownHosts: 'strict' });
    const notices = await startNotices(dir);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('knownHosts: Invalid input: expected object, received string (found "strict")');
  });

  it('keeps the interrupted transfers it can read and sets the others aside', () => {
    const dir = tempDir();
    writeSettings(dir, { schemaVersion: 1, transfers: [journalEntry(1), { transferId: 'nope' }, journalEntry(2)] });
    const reader = new SettingsReader(openConfStore(dir).store);
    expect(reader.get('transfers')).toEqual([journalEntry(1), journalEntry(2)]);
    expect(reader.notices).toHaveLength(1);
    expect(reader.notices[0]).toMatch(/"transfers" setting .*1 of 3 entries: transfers\.1\.transferId: .*keeps only the entries it can read/);
    expect(keptIn(reader.notices[0]!)).toEqual({ transfers: [{ transferId: 'nope' }] });
    expect(onDisk(dir).transfers).toEqual([journalEntry(1), journalEntry(2)]);
  });

  it('changes nothing in a file from a newer Warren, and still reads what it can', () => {
    const dir = tempDir();
    const future = { schemaVersion: SETTINGS_SCHEMA_VERSION + 1, app: { autoReconnect: 'sometimes' }, knownHosts: { hash: true } };
    writeSettings(dir, future);
    const reader = new SettingsReader(openConfStore(dir).store);
    expect(reader.get('app')).toMatchObject({ autoReconnect: true });
    expect(reader.get('knownHosts')).toEqual({ hash: true });
    expect(reader.notices[0]).toMatch(/newer version of Warren \(settings format 2; this one knows up to 1\)/);
    expect(reader.notices[1]).toMatch(/"app" setting .* file was left as it is/);
    expect(reader.notices).toHaveLength(2);
    expect(onDisk(dir)).toEqual(future);
    expect(setAsideFiles(dir)).toEqual([]);
  });

  it('leaves the file as it is when the old value cannot be copied aside', () => {
    const dir = tempDir();
    const now = new Date('2024-05-01T10:00:00Z');
    writeFileSync(path.join(dir, 'settings.invalid-2024-05-01T10-00-00-000Z.json'), 'taken');
    writeSettings(dir, { app: { autoReconnect: 1 } });
    const reader = new SettingsReader(openConfStore(dir).store, [], now);
    expect(reader.get('app')).toMatchObject({ autoReconnect: true });
    expect(reader.notices).toEqual([expect.stringMatching(/"app" setting .*file was left as it is, because the old values could not be copied aside: EEXIST/)]);
    expect(onDisk(dir)).toEqual({ app: { autoReconnect: 1 } });
  });

  it('reads a bad schemaVersion as version 0 and keeps the old value', () => {
    const dir = tempDir();
    writeSettings(dir, { schemaVersion: 'one', app: { autoReconnect: false } });
    const reader = new SettingsReader(openConfStore(dir).store);
    expect(reader.notices).toHaveLength(1);
    expect(reader.notices[0]).toContain('schemaVersion: expected a whole number (found "one")');
    expect(keptIn(reader.notices[0]!)).toEqual({ schemaVersion: 'one' });
    expect(onDisk(dir)).toEqual({ schemaVersion: SETTINGS_SCHEMA_VERSION, app: { autoReconnect: false } });
  });

  it('reports a value broken while Warren runs once, and uses the default meanwhile', () => {
    const dir = tempDir();
    const { store } = openConfStore(dir);
    const reader = new SettingsReader(store);
    expect(reader.notices).toEqual([]);
    store.set('app', { autoReconnect: 'no' });
    expect(reader.get('app')).toMatchObject({ autoReconnect: true });
    expect(reader.get('app')).toMatchObject({ autoReconnect: true });
    expect(reader.notices).toEqual([expect.stringMatching(/"app" setting .* is not valid \(app\.autoReconnect: .*\(found "no"\)\), so Warren uses its default until it is fixed/)]);
  });
});
