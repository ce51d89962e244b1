// The rows selected in a pane, driven by clicks and Ctrl+A; the rules live in selection-model.ts.
import { useMemo, useState, type MouseEvent } from 'react';
import type { FileEntry } from '../../src-shared/contract';
import { clearSelection, clickRow, dragPaths, emptySelection, selectAll, selectedRows } from './selection-model';

export function useSelection(shown: FileEntry[]) {
  const [state, setState] = useState(emptySelection);
  const selection = useMemo(() => selectedRows(shown, state.selected), [shown, state.selected]);
  const order = () => shown.map((e) => e.path);
  return {
    selected: state.selected,
    /** The selected rows on screen, in display order. */
    selection,
    /** The selected row when exactly one is: what Rename, Permissions and Properties act on. */
    one: selection.length === 1 ? selection[0]! : null,
    click: (entry: FileEntry, ev: MouseEvent) => setState((s) => clickRow(s, order(), entry.path, { shift: ev.shiftKey, toggle: ev.ctrlKey || ev.metaKey })),
    selectAll: () => setState((s) => selectAll(s, order())),
    clear: () => setState(clearSelection),
    dragPaths: (entry: FileEntry) => dragPaths(state.selected, entry.path),
  };
}
