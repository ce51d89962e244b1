// The selection rules of a file pane, as pure functions over the paths on
// screen (in display order), so the hook stays thin and the rules are tested.

export interface SelectionState {
  selected: ReadonlySet<string>;
  /** Where a shift-click range starts: the last row clicked without shift. */
  anchor: string | null;
  /** The row the keyboard is on (drawn with a focus ring); arrows move from here. */
  cursor: string | null;
}

export interface ClickMods {
  shift: boolean;
  /** Ctrl on Linux and Windows, Cmd on macOS. */
  toggle: boolean;
}

export const emptySelection: SelectionState = { selected: new Set(), anchor: null, cursor: null };

export function clickRow(state: SelectionState, order: readonly string[], path: string, mods: ClickMods): SelectionState {
  if (mods.shift && state.anchor !== null) {
    const a = order.indexOf(state.anchor);
    const b = order.indexOf(path);
    // A range needs both ends on screen. An anchor that was filtered out, or is
    // left over from the folder we came from, falls through to a plain click.
    if (a >= 0 && b >= 0) return { selected: new Set(order.slice(Math.min(a, b), Math.max(a, b) + 1)), anchor: state.anchor, cursor: path };
  }
  if (mods.toggle) {
    const next = new Set(state.selected);
    if (next.has(path)) next.delete(path);
    else next.add(path);
    return { selected: next, anchor: path, cursor: path };
  }
  return { selected: new Set([path]), anchor: path, cursor: path };
}

/** Ctrl+A: everything on screen (hidden or filtered-out rows are not selected); the anchor stays. */
export const selectAll = (state: SelectionState, order: readonly string[]): SelectionState => ({ ...state, selected: new Set(order) });

/** After moving to another folder nothing is selected; the anchor stays, since a later shift-click ignores one that is off screen. */
export const clearSelection = (state: SelectionState): SelectionState => ({ ...state, selected: new Set() });

/** The selected rows among those shown, in display order (a selection may include rows filtered out since). */
export const selectedRows = <T extends { path: string }>(shown: readonly T[], selected: ReadonlySet<string>): T[] => shown.filter((e) => selected.has(e.path));

/** Dragging a selected row drags the whole selection; dragging any other row drags just that row. */
export const dragPaths = (selected: ReadonlySet<string>, path: string): string[] => (selected.has(path) ? [...selected] : [path]);

export type NavKey = 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';
const NAV_KEYS: readonly string[] = ['ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'];
export const isNavKey = (key: string): key is NavKey => NAV_KEYS.includes(key);

/**
 * A navigation key, as in Explorer: it moves the cursor and selects that row
 * alone; with Shift it selects from the anchor to the cursor; with Ctrl it
 * moves the cursor and leaves the selection (Ctrl+Space then toggles rows).
 * @param page rows a PageUp/PageDown moves
 */
export function moveCursor(state: SelectionState, order: readonly string[], key: NavKey, mods: ClickMods, page = 10): SelectionState {
  if (order.length === 0) return state;
  const at = state.cursor === null ? -1 : order.indexOf(state.cursor);
  const last = order.length - 1;
  const target =
    at < 0 ? (key === 'End' ? last : 0)
    : key === 'ArrowDown' ? at + 1
    : key === 'ArrowUp' ? at - 1
    : key === 'PageDown' ? at + page
    : key === 'PageUp' ? at - page
    : key === 'Home' ? 0
    : last;
  const cursor = order[Math.max(0, Math.min(last, target))]!;
  if (mods.toggle && !mods.shift) return { ...state, cursor };
  if (mods.shift) {
    // An anchor off screen (filtered out, another folder) restarts the range where the cursor was.
    const anchor = state.anchor !== null && order.includes(state.anchor) ? state.anchor : (order[Math.max(at, 0)] ?? cursor);
    return { ...clickRow({ ...state, anchor }, order, cursor, { shift: true, toggle: false }), anchor };
  }
  return { selected: new Set([cursor]), anchor: cursor, cursor };
}

/** Ctrl+Space: the cursor row joins or leaves the selection. */
export function toggleCursor(state: SelectionState, order: readonly string[]): SelectionState {
  if (state.cursor === null || !order.includes(state.cursor)) return state;
  return clickRow(state, order, state.cursor, { shift: false, toggle: true });
}

/** The cursor and the selection on one row (type-ahead, the folder we came up from, a right-click). */
export const selectOnly = (path: string): SelectionState => ({ selected: new Set([path]), anchor: path, cursor: path });

/**
 * Type-ahead: the index of the row the typed letters lead to, or -1.
 * One letter, or the same letter again and again, steps to the next name
 * starting with it; a longer prefix stays on the current row while it matches.
 */
export function typeAheadIndex(names: readonly string[], typed: string, cursor: number): number {
  if (!typed || names.length === 0) return -1;
  const lower = typed.toLowerCase();
  const repeat = [...lower].every((c) => c === lower[0]);
  const prefix = repeat ? lower[0]! : lower;
  const start = repeat ? cursor + 1 : Math.max(cursor, 0);
  for (let k = 0; k < names.length; k++) {
    const i = (start + k) % names.length;
    if (names[i]!.toLowerCase().startsWith(prefix)) return i;
  }
  return -1;
}
