import { describe, expect, it } from 'vitest';
import { clearSelection, clickRow, dragPaths, emptySelection, moveCursor, selectAll, selectOnly, selectedRows, toggleCursor, typeAheadIndex, type ClickMods, type SelectionState } from './selection-model';

const order = ['/d/a', '/d/b', '/d/c', '/d/d', '/d/e'];
const plain: ClickMods = { shift: false, toggle: false };
const ctrl: ClickMods = { shift: false, toggle: true };
const shift: ClickMods = { shift: true, toggle: false };
const sorted = (s: SelectionState) => [...s.selected].sort();
const click = (s: SelectionState, path: string, mods: ClickMods) => clickRow(s, order, path, mods);

describe('selection model', () => {
  it('a plain click selects only that row and makes it the anchor', () => {
    const s = click(click(emptySelection, '/d/a', ctrl), '/d/c', plain);
    expect(sorted(s)).toEqual(['/d/c']);
    expect(s.anchor).toBe('/d/c');
  });

  it('ctrl-click adds a row, and removes it when clicked again; each click moves the anchor', () => {
    let s = click(emptySelection, '/d/a', plain);
    s = click(s, '/d/c', ctrl);
    expect(sorted(s)).toEqual(['/d/a', '/d/c']);
    expect(s.anchor).toBe('/d/c');
    s = click(s, '/d/a', ctrl);
    expect(sorted(s)).toEqual(['/d/c']);
    expect(s.anchor).toBe('/d/a');
  });

  it('ctrl-click does not change the state it was given', () => {
    const before = click(emptySelection, '/d/a', plain);
    click(before, '/d/b', ctrl);
    expect(sorted(before)).toEqual(['/d/a']);
  });

  it('shift-click selects the range from the anchor, in either direction, and keeps the anchor', () => {
    const anchored = click(emptySelection, '/d/b', plain);
    const down = click(anchored, '/d/d', shift);
    expect(sorted(down)).toEqual(['/d/b', '/d/c', '/d/d']);
    expect(down.anchor).toBe('/d/b');
    const up = click(down, '/d/a', shift);
    expect(sorted(up)).toEqual(['/d/a', '/d/b']);
    expect(up.anchor).toBe('/d/b');
  });

  it('shift-click replaces a ctrl-built selection with the range', () => {
    let s = click(emptySelection, '/d/e', plain);
    s = click(s, '/d/a', ctrl);
    s = click(s, '/d/c', shift);
    expect(sorted(s)).toEqual(['/d/a', '/d/b', '/d/c']);
  });

  it('shift-click on the anchor itself selects just that row', () => {
    const s = click(click(emptySelection, '/d/c', plain), '/d/c', shift);
    expect(sorted(s)).toEqual(['/d/c']);
  });

  it('shift-click with no anchor, or an anchor no longer on screen, acts as a plain click', () => {
    const none = click(emptySelection, '/d/d', shift);
    expect(sorted(none)).toEqual(['/d/d']);
    expect(none.anchor).toBe('/d/d');
    const stale: SelectionState = { selected: new Set(), anchor: '/elsewhere/x', cursor: null };
    const s = click(stale, '/d/b', shift);
    expect(sorted(s)).toEqual(['/d/b']);
    expect(s.anchor).toBe('/d/b');
  });

  it('select-all takes every row on screen and keeps the anchor; clearing keeps the anchor too', () => {
    const anchored = click(emptySelection, '/d/b', plain);
    const all = selectAll(anchored, order);
    expect(sorted(all)).toEqual(order);
    expect(all.anchor).toBe('/d/b');
    const cleared = clearSelection(all);
    expect(cleared.selected.size).toBe(0);
    expect(cleared.anchor).toBe('/d/b');
    expect(all.selected.size).toBe(order.length);
  });

  it('selectedRows keeps display order and ignores selected paths that are not shown', () => {
    const shown = [{ path: '/d/c' }, { path: '/d/a' }, { path: '/d/b' }];
    expect(selectedRows(shown, new Set(['/d/a', '/d/c', '/d/hidden']))).toEqual([{ path: '/d/c' }, { path: '/d/a' }]);
  });

  it('dragging a selected row drags the selection; dragging another row drags only it', () => {
    const selected = new Set(['/d/a', '/d/c']);
    expect(dragPaths(selected, '/d/c').sort()).toEqual(['/d/a', '/d/c']);
    expect(dragPaths(selected, '/d/b')).toEqual(['/d/b']);
  });
});

describe('keyboard selection', () => {
  const move = (s: SelectionState, key: Parameters<typeof moveCursor>[2], mods: ClickMods = plain) => moveCursor(s, order, key, mods, 2);

  it('ArrowDown from nothing lands on the first row; arrows move and select one row, stopping at the ends', () => {
    let s = move(emptySelection, 'ArrowDown');
    expect(s.cursor).toBe('/d/a');
    expect(sorted(s)).toEqual(['/d/a']);
    s = move(move(s, 'ArrowDown'), 'ArrowDown');
    expect(sorted(s)).toEqual(['/d/c']);
    expect(s.anchor).toBe('/d/c');
    s = move(move(move(s, 'ArrowDown'), 'ArrowDown'), 'ArrowDown');
    expect(s.cursor).toBe('/d/e');
    expect(move(selectOnly('/d/a'), 'ArrowUp').cursor).toBe('/d/a');
  });

  it('Home, End and the page keys jump, clamped to the list', () => {
    expect(move(selectOnly('/d/c'), 'Home').cursor).toBe('/d/a');
    expect(move(selectOnly('/d/b'), 'End').cursor).toBe('/d/e');
    expect(move(emptySelection, 'End').cursor).toBe('/d/e');
    expect(move(selectOnly('/d/a'), 'PageDown').cursor).toBe('/d/c');
    expect(move(selectOnly('/d/d'), 'PageDown').cursor).toBe('/d/e');
    expect(move(selectOnly('/d/b'), 'PageUp').cursor).toBe('/d/a');
  });

  it('Shift+arrows grow and shrink a range from the anchor', () => {
    let s = move(selectOnly('/d/b'), 'ArrowDown', shift);
    s = move(s, 'ArrowDown', shift);
    expect(sorted(s)).toEqual(['/d/b', '/d/c', '/d/d']);
    expect(s.anchor).toBe('/d/b');
    s = move(move(move(s, 'ArrowUp', shift), 'ArrowUp', shift), 'ArrowUp', shift);
    expect(sorted(s)).toEqual(['/d/a', '/d/b']);
  });

  it('Shift+arrow with the anchor off screen starts the range at the cursor', () => {
    const s = move({ selected: new Set(), anchor: '/elsewhere', cursor: '/d/c' }, 'ArrowDown', shift);
    expect(sorted(s)).toEqual(['/d/c', '/d/d']);
    expect(s.anchor).toBe('/d/c');
  });

  it('Ctrl+arrows move only the cursor; Ctrl+Space toggles the row under it', () => {
    let s = move(selectOnly('/d/a'), 'ArrowDown', ctrl);
    s = move(s, 'ArrowDown', ctrl);
    expect(s.cursor).toBe('/d/c');
    expect(sorted(s)).toEqual(['/d/a']);
    s = toggleCursor(s, order);
    expect(sorted(s)).toEqual(['/d/a', '/d/c']);
    s = toggleCursor(s, order);
    expect(sorted(s)).toEqual(['/d/a']);
    expect(toggleCursor(emptySelection, order)).toBe(emptySelection);
  });

  it('a click moves the cursor too', () => {
    expect(click(emptySelection, '/d/d', plain).cursor).toBe('/d/d');
    expect(click(selectOnly('/d/a'), '/d/c', shift).cursor).toBe('/d/c');
  });

  it('nothing on screen: keys change nothing', () => {
    expect(moveCursor(emptySelection, [], 'ArrowDown', plain)).toBe(emptySelection);
  });
});

describe('typeAheadIndex', () => {
  const names = ['alpha', 'beta', 'Bravo', 'charlie', 'bravado.txt'];

  it('finds the first name with the typed prefix, ignoring case', () => {
    expect(typeAheadIndex(names, 'c', -1)).toBe(3);
    expect(typeAheadIndex(names, 'BRAVA', -1)).toBe(4);
    expect(typeAheadIndex(names, 'zz', 0)).toBe(-1);
    expect(typeAheadIndex(names, '', 0)).toBe(-1);
  });

  it('a longer prefix stays on the current row while it still matches', () => {
    expect(typeAheadIndex(names, 'br', 2)).toBe(2);
    expect(typeAheadIndex(names, 'brava', 2)).toBe(4);
  });

  it('the same letter again steps through the names starting with it, wrapping round', () => {
    expect(typeAheadIndex(names, 'b', -1)).toBe(1);
    expect(typeAheadIndex(names, 'bb', 1)).toBe(2);
    expect(typeAheadIndex(names, 'bbb', 2)).toBe(4);
    expect(typeAheadIndex(names, 'bbbb', 4)).toBe(1);
  });
});
