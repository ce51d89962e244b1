import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectionTokens, expandTilde, expandTokens } from './expand';
import { globPaths } from './include-glob';
import { compileHostPattern, hostLineMatches, matchHostname, matchPattern, matchPatternList } from './patterns';

describe('expandTokens', () => {
  const tokens = { h: 'host', p: '22' };
  it('expands known tokens, %% and ${VAR}', () => {
    expect(expandTokens('%h:%p/%%/${X}', tokens, { X: 'ex' })).toEqual({ ok: true, value: 'host:22/%/ex' });
    expect(expandTokens('${X}', tokens, null)).toEqual({ ok: true, value: '${X}' });
  });
  it('refuses what ssh refuses', () => {
    expect(expandTokens('%r', tokens, null).ok).toBe(false);
    expect(expandTokens('50%', tokens, null).ok).toBe(false);
    expect(expandTokens('${UNSET}', tokens, {}).ok).toBe(false);
    expect(expandTokens('${OPEN', tokens, {}).ok).toBe(false);
  });
  it('hashes %C over %l%h%p%r (the corpus checks it against ssh -v too)', () => {
    const c = connectionTokens({ host: 'h', alias: 'a', port: 22, remoteUser: 'r', keyAlias: 'a', home: '/h', localUser: 'u', localHost: 'box.lan', uid: 7 });
    expect(c.C).toBe('5ecf47c6f558f1c45cb111e0bd804e30a05bcb70'); // sha1("box.lan" "h" "22" "r")
    expect(c.L).toBe('box');
    expect(c.i).toBe('7');
  });
});

describe('expandTilde', () => {
  it('expands ~, ~/ and ~me like tilde_expand', () => {
    expect(expandTilde('~', '/home/me', 'me')).toEqual({ ok: true, value: '/home/me/' });
    expect(expandTilde('~//.ssh/k', '/home/me/', 'me')).toEqual({ ok: true, value: '/home/me/.ssh/k' });
    expect(expandTilde('~me/k', '/home/me', 'me')).toEqual({ ok: true, value: '/home/me/k' });
    expect(expandTilde('/a/~', '/home/me', 'me')).toEqual({ ok: true, value: '/a/~' });
    expect(expandTilde('~other/k', '/home/me', 'me').ok).toBe(false);
  });
});

describe('patterns', () => {
  it('treats a list as OpenSSH does: any negated match vetoes', () => {
    expect(matchPatternList('root', '!admin', false)).toBe(0);
    expect(matchPatternList('root', '*,!admin', false)).toBe(1);
    expect(matchPatternList('admin', '*,!admin', false)).toBe(-1);
    expect(matchPatternList('Root', 'root', false)).toBe(0);
    expect(matchHostname('Web1.EXAMPLE.com', 'WEB?.example.*')).toBe(true);
  });

  it('compiles Host words to the same language as match_pattern', () => {
    const alphabet = ['a', 'b', '.', '*', '?', '[', ']', '\\', '/', '(', '+', '$', '^', '\n'];
    let seed = 7;
    const pick = (n: number) => Array.from({ length: n }, () => alphabet[(seed = (seed * 48271) % 2147483647) % alphabet.length]).join('');
    for (let i = 0; i < 3000; i++) {
      const pattern = pick(1 + (i % 6)).replace(/^!/, '');
      const name = pick(i % 8).replace(/[*?]/g, 'a');
      expect(hostLineMatches(name, [compileHostPattern(pattern)]), `${JSON.stringify(name)} ~ ${JSON.stringify(pattern)}`).toBe(matchPattern(name, pattern));
    }
    expect(hostLineMatches('db-backup', ['db-*', '!db-backup'].map(compileHostPattern))).toBe(false);
    expect(hostLineMatches('a,b', [compileHostPattern('a,b')])).toBe(true);
  });
});

describe('globPaths', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'warren-glob-'));
    mkdirSync(path.join(dir, 'd', 'sub'), { recursive: true });
    for (const name of ['b.conf', 'B.conf', '_a.conf', '.hidden.conf', 'x.txt', 'a[1].conf']) writeFileSync(path.join(dir, 'd', name), '');
    writeFileSync(path.join(dir, 'd', 'sub', 'deep.conf'), '');
    symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'd', 'dangling.conf'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('matches like glob(3): byte order, no dot files, dangling links kept', async () => {
    const names = (await globPaths(`${dir}/d/*.conf`)).map((p) => path.basename(p));
    expect(names).toEqual(['B.conf', '_a.conf', 'a[1].conf', 'b.conf', 'dangling.conf']);
    expect((await globPaths(`${dir}/d/.*.conf`)).map((p) => path.basename(p))).toEqual(['.hidden.conf']);
    expect((await globPaths(`${dir}/d/[bB].conf`)).map((p) => path.basename(p))).toEqual(['B.conf', 'b.conf']);
    expect((await globPaths(`${dir}/d/[!bB_]*.conf`)).map((p) => path.basename(p))).toEqual(['a[1].conf', 'dangling.conf']);
    expect((await globPaths(`${dir}/d/a\\[1\\].conf`)).map((p) => path.basename(p))).toEqual(['a[1].conf']);
    expect((await globPaths(`${dir}/*/s?b/*.conf`)).map((p) => path.relative(dir, p))).toEqual(['d/sub/deep.conf']);
  });

  it('returns nothing for a missing file or directory', async () => {
    expect(await globPaths(`${dir}/d/missing.conf`)).toEqual([]);
    expect(await globPaths(`${dir}/nope/*.conf`)).toEqual([]);
    expect(await globPaths(`${dir}/d/x.txt/*`)).toEqual([]);
  });
});
