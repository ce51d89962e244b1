// Edit locally against a real OpenSSH sshd: the server runs as this user, so
// the "remote" file is a local path the test reads and changes behind
// Warren's back. The editor is a real program started without a shell.
import { appendFileSync, chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SFTPWrapper } from 'ssh2';
import type { EditView } from '../../src-shared/contract';
import { Hub } from '../ipc/hub';
import { AppError } from '../errors/app-error';
import { openConfStore } from '../settings/settings-store';
import { SettingsReader } from '../settings/settings-reader';
import { EditService } from './edit-service';
import { connectSftp, startSftpFixture, type SftpFixture } from '../../test-support/sftp-fixture';
import { until } from '../../test-support/tunnel-fixture';

let fx: SftpFixture;
let work: string;
let editorScript: string;

beforeAll(async () => {
  fx = await startSftpFixture();
  work = mkdtempSync(path.join(os.tmpdir(), 'warren-edit-test-'));
  // An "editor" that saves once: appends a line, as a user typing and pressing Ctrl+S.
  editorScript = path.join(work, 'editor.sh');
  writeFileSync(editorScript, '#!/bin/sh\nprintf "added by the editor\\n" >> "$1"\n', { mode: 0o755 });
});
afterAll(async () => {
  await fx?.stop();
  rmSync(work, { recursive: true, force: true });
});

function setup(command: string, sftp: () => SFTPWrapper = () => fx.sftp) {
  const hub = new Hub();
  const views: EditView[] = [];
  hub.connect({ id: 'c1', send: (name, payload) => name === 'edit:update' && views.push(payload as EditView) });
  const { store } = openConfStore(mkdtempSync(path.join(work, 'data-')));
  const settings = new SettingsReader(store);
  const root = mkdtempSync(path.join(work, 'copies-'));
  const edits = new EditService({ hub, browsers: { sftp: () => sftp(), onOpened: () => {} }, store, readEditor: () => settings.get('editor'), root, quietMs: 50 });
  edits.setEditor({ command });
  const last = () => views.at(-1);
  return { edits, views, last, root };
}

const remoteFile = (content: string, mode = 0o640) => {
  const file = path.join(fx.fresh(), 'notes.txt');
  writeFileSync(file, content);
  chmodSync(file, mode);
  return file;
};

describe('EditService', () => {
  it('opens a private copy in the editor and sends its save to the server through a part file, keeping the mode', async () => {
    const { edits, last, root } = setup(`${editorScript} {file}`);
    const file = remoteFile('line one\n');
    const view = await edits.open('c1', 'b1', file);
    expect(path.dirname(path.dirname(view.localPath))).toBe(root);
    expect(statSync(path.dirname(view.localPath)).mode & 0o777).toBe(0o700);
    expect(statSync(view.localPath).mode & 0o777).toBe(0o600);
    await until(() => readFileSync(file, 'utf8') === 'line one\nadded by the editor\n', 'the save on the server');
    await until(() => last()?.uploads === 1 && last()?.state === 'watching', 'the upload reported');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(path.dirname(file))).toEqual(['notes.txt']);

    // Stop: nothing unsent, so the private folder goes; a later write reaches nobody.
    expect(await edits.stop('c1', view.editId)).toEqual({ kept: null });
    expect(existsSync(path.dirname(view.localPath))).toBe(false);
  });

  it('asks before overwriting a file changed on the server; Overwrite then sends the local copy', async () => {
    const { edits, last } = setup('true');
    const file = remoteFile('original\n');
    const view = await edits.open('c1', 'b1', file);
    writeFileSync(file, 'changed on the server by someone else\n');
    appendFileSync(view.localPath, 'mine\n');
    await until(() => last()?.state === 'conflict', 'the question');
    expect(last()?.message).toBe('notes.txt changed on the server since you opened it.');
    expect(readFileSync(file, 'utf8')).toBe('changed on the server by someone else\n');
    await edits.resolve('c1', view.editId, 'overwrite');
    expect(readFileSync(file, 'utf8')).toBe('original\nmine\n');
    expect(last()).toMatchObject({ state: 'watching', uploads: 1 });
    await edits.stop('c1', view.editId);
  });

  it("Keep server's reloads the local copy from the server and sets the local version aside", async () => {
    const { edits, last } = setup('true');
    const file = remoteFile('original\n');
    const view = await edits.open('c1', 'b1', file);
    writeFileSync(file, 'theirs, longer than before\n');
    appendFileSync(view.localPath, 'mine\n');
    await until(() => last()?.state === 'conflict', 'the question');
    await edits.resolve('c1', view.editId, 'reload');
    expect(readFileSync(view.localPath, 'utf8')).toBe('theirs, longer than before\n');
    const kept = path.join(path.dirname(view.localPath), 'notes (your version).txt');
    expect(readFileSync(kept, 'utf8')).toBe('original\nmine\n');
    expect(last()?.message).toBe(`Reloaded the server's version. Your version is kept in ${kept}.`);
    expect(readFileSync(file, 'utf8')).toBe('theirs, longer than before\n');
    // The next save is based on the server's version: no question.
    appendFileSync(view.localPath, 'on top of theirs\n');
    await until(() => readFileSync(file, 'utf8') === 'theirs, longer than before\non top of theirs\n', 'the save');
    await edits.stop('c1', view.editId);
  });

  it('Cancel leaves both copies as they are', async () => {
    const { edits, last } = setup('true');
    const file = remoteFile('original\n');
    const view = await edits.open('c1', 'b1', file);
    writeFileSync(file, 'theirs!\n');
    appendFileSync(view.localPath, 'mine\n');
    await until(() => last()?.state === 'conflict', 'the question');
    await edits.resolve('c1', view.editId, 'cancel');
    expect(last()?.state).toBe('watching');
    expect(readFileSync(file, 'utf8')).toBe('theirs!\n');
    expect(readFileSync(view.localPath, 'utf8')).toBe('original\nmine\n');
    // Unsent changes: stopping keeps the copy and says where.
    expect(await edits.stop('c1', view.editId)).toEqual({ kept: view.localPath });
    expect(readFileSync(view.localPath, 'utf8')).toBe('original\nmine\n');
  });

  it('a lost connection fails the save in words and keeps the edit; Retry on a new connection sends it', async () => {
    const own = await connectSftp(fx.sshd);
    let sftp = own.sftp;
    const { edits, last } = setup('true', () => sftp);
    const file = remoteFile('original\n');
    const view = await edits.open('c1', 'b1', file);
    own.close();
    appendFileSync(view.localPath, 'written while offline\n');
    await until(() => last()?.state === 'failed', 'the failure');
    expect(last()?.message).toMatch(new RegExp(`lost.*Your changes are kept in ${view.localPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.$`));
    expect(readFileSync(file, 'utf8')).toBe('original\n');
    const again = await connectSftp(fx.sshd);
    sftp = again.sftp;
    await edits.retry('c1', view.editId);
    expect(readFileSync(file, 'utf8')).toBe('original\nwritten while offline\n');
    await edits.stop('c1', view.editId);
    again.close();
  });

  it('says so when the editor cannot be started, and leaves no copy behind', async () => {
    const { edits, root } = setup('/nonexistent/editor --wait');
    const file = remoteFile('x');
    const error = await edits.open('c1', 'b1', file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe('Could not start the editor "/nonexistent/editor": there is no such program. Check the editor command in Settings › Editor.');
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses a folder in words', async () => {
    const { edits } = setup('true');
    await expect(edits.open('c1', 'b1', fx.fresh())).rejects.toThrow(/Only files can be edited/);
  });
});
