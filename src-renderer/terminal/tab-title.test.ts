import { describe, expect, it } from 'vitest';
import { cleanCustomTitle, cleanRemoteTitle, dropIndex, tabLabel } from './tab-title';
import { freeOrdinal, type Tab } from '../store/sessions-slice';

const tab = (patch: Partial<Tab> = {}) => ({ title: 'build', ordinal: 1, ...patch });

describe('tabLabel', () => {
  it('is the host name for the first tab to a host, with a number for the next ones', () => {
    expect(tabLabel(tab())).toEqual({ name: 'build', full: 'build' });
    expect(tabLabel(tab({ ordinal: 2 }))).toEqual({ name: 'build (2)', full: 'build (2)' });
  });

  it("shows the remote's title beside the host", () => {
    expect(tabLabel(tab({ ordinal: 3, remoteTitle: 'root@box: ~' }))).toEqual({ name: 'build (3)', detail: 'root@box: ~', full: 'build (3) — root@box: ~' });
  });

  it("does not repeat a remote title that equals the name", () => {
    expect(tabLabel(tab({ remoteTitle: 'build' }))).toEqual({ name: 'build', full: 'build' });
  });

  it("a renamed tab keeps the user's name, whatever the remote says", () => {
    expect(tabLabel(tab({ ordinal: 2, customTitle: 'logs', remoteTitle: 'vim' }))).toEqual({ name: 'logs', full: 'logs' });
  });
});

describe('cleaning titles', () => {
  it('drops control characters and bounds the length of a remote title', () => {
    expect(cleanRemoteTitle('a\x1b[31mb\x07\u009bc')).toBe('a[31mbc');
    expect(cleanRemoteTitle('  \t ')).toBeUndefined();
    expect(cleanRemoteTitle('x'.repeat(500))).toHaveLength(120);
  });

  it('an empty rename goes back to the automatic title', () => {
    expect(cleanCustomTitle('   ')).toBeUndefined();
    expect(cleanCustomTitle(' db ')).toBe('db');
  });
});

describe('freeOrdinal', () => {
  const open = (hostId: string, ordinal: number, kind: Tab['kind'] = 'terminal') => ({ hostId, ordinal, kind }) as Tab;

  it('numbers tabs per host and kind, reusing the smallest free number', () => {
    expect(freeOrdinal([], 'h', 'terminal')).toBe(1);
    expect(freeOrdinal([open('h', 1), open('h', 2)], 'h', 'terminal')).toBe(3);
    expect(freeOrdinal([open('h', 2)], 'h', 'terminal')).toBe(1);
    expect(freeOrdinal([open('h', 1), open('other', 2)], 'h', 'terminal')).toBe(2);
    expect(freeOrdinal([open('h', 1, 'files')], 'h', 'terminal')).toBe(1);
  });
});

describe('dropIndex', () => {
  const order = ['a', 'b', 'c', 'd'];

  it('puts the dragged tab before or after the target', () => {
    expect(dropIndex(order, 'a', 'c', true)).toBe(2); // b c a d
    expect(dropIndex(order, 'a', 'c', false)).toBe(1); // b a c d
    expect(dropIndex(order, 'd', 'a', false)).toBe(0); // d a b c
    expect(dropIndex(order, 'd', 'b', true)).toBe(2); // a b d c
  });

  it('is null when nothing would move', () => {
    expect(dropIndex(order, 'b', 'b', true)).toBeNull();
    expect(dropIndex(order, 'b', 'a', true)).toBeNull();
    expect(dropIndex(order, 'b', 'c', false)).toBeNull();
    expect(dropIndex(order, 'x', 'c', false)).toBeNull();
  });
});
