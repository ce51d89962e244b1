import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, lstatSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { appendEntry, checkHostKey, formatEntry, parseKnownHosts, removeEntry } from './known-hosts';
import { generateKey, keyLine, sshKeygenFind, tempDir } from '../../test-support/known-hosts-fixtures';

let dir: string;
let edA: Buffer;
let ecdsa: Buffer;

beforeAll(() => {
  dir = tempDir();
  edA = generateKey(dir, 'ed25519');
  ecdsa = generateKey(dir, 'ecdsa');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('appendEntry', () => {
  it('creates the folder (0700) and file (0600), then appends lines ssh-keygen finds', async () => {
    const file = path.join(dir, 'new', 'ssh', 'known_hosts');
    await appendEntry(file, formatEntry('one.test', 22, edA, { hash: true }));
    await appendEntry(file, formatEntry('two.test', 2222, ecdsa, { hash: false }));
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(3); // two lines, each ending in \n
    expect(sshKeygenFind(file, 'one.test')).toEqual({ status: 0, lines: [1] });
    expect(sshKeygenFind(file, '[two.test]:2222')).toEqual({ status: 0, lines: [2] });
    expect((await checkHostKey([file], 'two.test', 2222, ecdsa)).verdict.kind).toBe('trusted');
  });

  it('starts a new line when the file does not end with one, and leaves its mode alone', async () => {
    const file = path.join(dir, 'no-final-newline');
    writeFileSync(file, `# mine\r\n${keyLine('old', ecdsa)}`);
    chmodSync(file, 0o644);
    await appendEntry(file, keyLine('new', edA));
    expect(readFileSync(file, 'utf8')).toBe(`# mine\r\n${keyLine('old', ecdsa)}\n${keyLine('new', edA)}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(sshKeygenFind(file, 'old').lines).toEqual([2]);
    expect(sshKeygenFind(file, 'new').lines).toEqual([3]);
  });

  it('refuses more than one line', async () => {
    await expect(appendEntry(path.join(dir, 'never'), `${keyLine('a', edA)}\n${keyLine('b', edA)}`)).rejects.toThrow();
    expect(existsSync(path.join(dir, 'never'))).toBe(false);
  });
});

describe('removeEntry', () => {
  // Mixed line endings and no final newline: every kept byte must survive.
  let original: string[];
  let content: string;
  beforeAll(() => {
    original = [
      '# comment kept as is  ',
      keyLine('keep1', edA),
      `${keyLine('drop', ecdsa)} trailing comment`,
      '',
      `${keyLine('keep2', ecdsa)}\t`,
      keyLine('last', edA),
    ];
    content = `${original[0]}\n${original[1]}\r\n${original[2]}\r\n${original[3]}\n${original[4]}\r\n${original[5]}`;
  });

  function fixture(name: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    chmodSync(file, 0o640);
    return file;
  }

  it('removes one line and keeps every other byte, and the mode', async () => {
    const file = fixture('remove-middle');
    await removeEntry(file, 3, original[2] ?? '');
    expect(readFileSync(file, 'utf8')).toBe(`${original[0]}\n${original[1]}\r\n${original[3]}\n${original[4]}\r\n${original[5]}`);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(sshKeygenFind(file, 'drop')).toEqual({ status: 1, lines: [] });
    expect(sshKeygenFind(file, 'last').lines).toEqual([5]);
    expect(readdirSync(dir).filter((f) => f.includes('.warren-'))).toEqual([]); // no temp file left behind
  });

  it('removes the first and the last line (which has no newline)', async () => {
    const file = fixture('remove-ends');
    await removeEntry(file, 6, original[5] ?? '');
    expect(readFileSync(file, 'utf8')).toBe(content.slice(0, -(original[5] ?? '').length));
    await removeEntry(file, 1, original[0] ?? '');
    expect(readFileSync(file, 'utf8')).toBe(content.slice(content.indexOf('\n') + 1, -(original[5] ?? '').length));
  });

  it('refuses a stale line, a line past the end, and touches nothing', async () => {
    const file = fixture('remove-stale');
    const { entries } = parseKnownHosts(readFileSync(file, 'utf8'), file);
    const drop = entries.find((e) => e.hostField === 'drop');
    expect(drop?.line).toBe(3);
    // Someone edited the file since it was read: line 3 is now keep2's neighbour.
    await removeEntry(file, 2, original[1] ?? '');
    await expect(removeEntry(file, drop?.line ?? 0, drop?.text ?? '')).rejects.toThrow(/has changed/);
    await expect(removeEntry(file, 99, '')).rejects.toThrow(/has changed/);
    await expect(removeEntry(file, 0, '')).rejects.toThrow(/has changed/);
    expect(readFileSync(file, 'utf8')).toBe(content.replace(`${original[1]}\r\n`, ''));
    await expect(removeEntry(path.join(dir, 'absent'), 1, 'x')).rejects.toThrow(/ENOENT/);
  });

  it('rewrites the file a symlink points to, keeping the symlink', async () => {
    const file = fixture('remove-target');
    const link = path.join(dir, 'remove-link');
    symlinkSync(file, link);
    await removeEntry(link, 3, original[2] ?? '');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(sshKeygenFind(file, 'drop').lines).toEqual([]);
    expect(sshKeygenFind(file, 'keep2').lines).toEqual([4]);
  });
});
