// The rows selected in a pane and the keyboard's row, driven by clicks, keys
// and type-ahead; the rules live in selection-model.ts.
import { useMemo, useRef, useState, type MouseEvent } from 'react';
import type { FileEntry } from '../../src-shared/contract';
import { clearSelection, clickRow, dragPaths, emptySelection, moveCursor, selectAll, selectedRows, selectOnly, toggleCursor, typeAheadIndex, type NavKey } from './selection-model';

/** Letters typed within this long of each other make one type-ahead prefix. */
const TYPE_AHEAD_MS = 1000;

export function useSelection(shown: FileEntry[]) {
  const [state, setState] = useState(emptySelection);
  const typed = useRef({ text: '', at: 0 });
  const selection = useMemo(() => selectedRows(shown, state.selected), [shown, state.selected]);
  const order = () => shown.map((e) => e.path);
  return {
    selected: state.selected,
    cursor: state.cursor,
    /** The selected rows on screen, in display order. */
    selection,
    /** The selected row when exactly one is: what Rename, Permissions and Properties act on. */
    one: selection.length === 1 ? selection[0]! : null,
    click: (entry: FileEntry, ev: MouseEvent) => setState((s) => clickRow(s, order(), entry.path, { shift: ev.shiftKey, toggle: ev.ctrlKey || ev.metaKey })),
    move: (key: NavKey, mods: { shift: boolean; toggle: boolean }) => setState((s) => moveCursor(s, order(), key, mods)),
    toggle: () => setState((s) => toggleCursor(s, order())),
    /** Space: the keyboard's row joins the selection (Ctrl+Space would take it out again). */
    addCursor: () => setState((s) => (s.cursor && !s.selected.has(s.cursor) ? toggleCursor(s, order()) : s)),
    selectOnly: (path: string) => setState(selectOnly(path)),
    selectAll: () => setState((s) => selectAll(s, order())),
    clear: () => setState(clearSelection),
    dragPaths: (entry: FileEntry) => dragPaths(state.selected, entry.path),
    /** True while letters are still being gathered into one prefix (a space then belongs to the name). */
    typing: () => typed.current.text !== '' && Date.now() - typed.current.at < TYPE_AHEAD_MS,
    typeAhead: (char: string) => {
      const now = Date.now();
      const joined = now - typed.current.at < TYPE_AHEAD_MS ? typed.current.text + char : char;
      const names = shown.map((e) => e.name);
      const cursor = state.cursor === null ? -1 : order().indexOf(state.cursor);
      // Letters that lead nowhere start a new prefix, so a quick second search does not stall on the first.
      let text = joined;
      let at = typeAheadIndex(names, text, cursor);
      if (at < 0 && joined.length > 1) at = typeAheadIndex(names, (text = char), cursor);
      typed.current = { text, at: now };
      if (at >= 0) setState(selectOnly(shown[at]!.path));
    },
  };
}
