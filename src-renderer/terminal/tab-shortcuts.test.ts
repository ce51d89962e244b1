import { describe, expect, it } from 'vitest';
import { tabShortcut, targetIndex, type KeyLike } from './tab-shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });

describe('tabShortcut', () => {
  it("maps Warren's tab keys", () => {
    expect(tabShortcut(key('Tab', { ctrlKey: true }))).toEqual({ kind: 'next' });
    expect(tabShortcut(key('Tab', { ctrlKey: true, shiftKey: true }))).toEqual({ kind: 'previous' });
    expect(tabShortcut(key('PageDown', { ctrlKey: true }))).toEqual({ kind: 'next' });
    expect(tabShortcut(key('PageUp', { ctrlKey: true }))).toEqual({ kind: 'previous' });
    expect(tabShortcut(key('PageUp', { ctrlKey: true, shiftKey: true }))).toEqual({ kind: 'move', by: -1 });
    expect(tabShortcut(key('PageDown', { ctrlKey: true, shiftKey: true }))).toEqual({ kind: 'move', by: 1 });
    expect(tabShortcut(key('T', { ctrlKey: true, shiftKey: true }))).toEqual({ kind: 'duplicate' });
    expect(tabShortcut(key('W', { ctrlKey: true, shiftKey: true }))).toEqual({ kind: 'close' });
    for (let n = 1; n <= 9; n++) expect(tabShortcut(key(String(n), { altKey: true, code: `Digit${n}` }))).toEqual({ kind: 'go', n });
  });

  it('finds Alt+digit by the physical key where the layout puts a symbol there (AZERTY)', () => {
    expect(tabShortcut(key('&', { altKey: true, code: 'Digit1' }))).toEqual({ kind: 'go', n: 1 });
  });

  it('leaves every other key to the terminal', () => {
    for (const k of [
      key('Tab'),
      key('Tab', { shiftKey: true }),
      key('PageUp'),
      key('PageDown', { shiftKey: true }),
      key('t', { ctrlKey: true }), // transpose characters in readline
      key('w', { ctrlKey: true }), // delete a word
      key('0', { altKey: true, code: 'Digit0' }),
      key('b', { altKey: true }),
      key('1', { altKey: true, ctrlKey: true, code: 'Digit1' }),
      key('c', { ctrlKey: true, shiftKey: true }),
      key('Tab', { ctrlKey: true, metaKey: true }),
    ]) {
      expect(tabShortcut(k), JSON.stringify(k)).toBeNull();
    }
  });
});

describe('targetIndex', () => {
  it('wraps next and previous around the ends', () => {
    expect(targetIndex({ kind: 'next' }, 2, 3)).toBe(0);
    expect(targetIndex({ kind: 'previous' }, 0, 3)).toBe(2);
  });

  it('goes to tab n, or the last for 9, and nowhere past the end', () => {
    expect(targetIndex({ kind: 'go', n: 2 }, 0, 3)).toBe(1);
    expect(targetIndex({ kind: 'go', n: 4 }, 0, 3)).toBeNull();
    expect(targetIndex({ kind: 'go', n: 9 }, 0, 3)).toBe(2);
  });

  it('moves a tab one place, not past either end', () => {
    expect(targetIndex({ kind: 'move', by: 1 }, 0, 3)).toBe(1);
    expect(targetIndex({ kind: 'move', by: 1 }, 2, 3)).toBeNull();
    expect(targetIndex({ kind: 'move', by: -1 }, 0, 3)).toBeNull();
  });
});
