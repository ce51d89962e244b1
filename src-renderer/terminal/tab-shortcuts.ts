// Warren's tab keys. The terminal swallows them (so the remote never sees an
// escape code for Ctrl+Tab or Alt+1) and the app handles them wherever the focus is.

export type TabShortcut =
  | { kind: 'next' }
  | { kind: 'previous' }
  /** 1–8 go to that tab; 9 goes to the last, as in browsers. */
  | { kind: 'go'; n: number }
  | { kind: 'duplicate' }
  | { kind: 'close' }
  | { kind: 'move'; by: -1 | 1 };

export interface KeyLike {
  type?: string;
  key: string;
  code?: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export function tabShortcut(e: KeyLike): TabShortcut | null {
  if (e.metaKey) return null;
  const { ctrlKey: ctrl, shiftKey: shift, altKey: alt } = e;
  if (ctrl && !alt && e.key === 'Tab') return { kind: shift ? 'previous' : 'next' };
  if (ctrl && !alt && (e.key === 'PageDown' || e.key === 'PageUp')) {
    const by = e.key === 'PageDown' ? 1 : -1;
    if (shift) return { kind: 'move', by };
    return { kind: by === 1 ? 'next' : 'previous' };
  }
  if (alt && !ctrl && !shift) {
    // The physical key, so layouts where digits need Shift (AZERTY) work too.
    const digit = /^Digit([1-9])$/.exec(e.code ?? '')?.[1] ?? (/^[1-9]$/.test(e.key) ? e.key : undefined);
    if (digit) return { kind: 'go', n: Number(digit) };
  }
  if (ctrl && shift && !alt) {
    const key = e.key.toLowerCase();
    if (key === 't' || e.code === 'KeyT') return { kind: 'duplicate' };
    if (key === 'w' || e.code === 'KeyW') return { kind: 'close' };
  }
  return null;
}

/** The tab index a shortcut leads to from `current` among `count` tabs, or null (no tab there). */
export function targetIndex(shortcut: TabShortcut, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (shortcut.kind) {
    case 'next':
      return (current + 1) % count;
    case 'previous':
      return (current - 1 + count) % count;
    case 'go':
      if (shortcut.n === 9) return count - 1;
      return shortcut.n <= count ? shortcut.n - 1 : null;
    case 'move': {
      const to = current + shortcut.by;
      return to >= 0 && to < count ? to : null;
    }
    default:
      return current;
  }
}
