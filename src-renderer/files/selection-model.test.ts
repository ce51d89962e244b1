import { describe, expect, it } from 'vitest';
import { clearSelection, clickRow, dragPaths, emptySelection, selectAll, selectedRows, type ClickMods, type SelectionState } from './selection-model';

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
    const stale: SelectionState = { selected: new Set(), anchor: '/elsewhere/x' };
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
