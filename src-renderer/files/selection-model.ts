// The selection rules of a file pane, as pure functions over the paths on
// screen (in display order), so the hook stays thin and the rules are tested.

export interface SelectionState {
  selected: ReadonlySet<string>;
  /** Where a shift-click range starts: the last row clicked without shift. */
  anchor: string | null;
}

export interface ClickMods {
  shift: boolean;
  /** Ctrl on Linux and Windows, Cmd on macOS. */
  toggle: boolean;
}

export const emptySelection: SelectionState = { selected: new Set(), anchor: null };

export function clickRow(state: SelectionState, order: readonly string[], path: string, mods: ClickMods): SelectionState {
  if (mods.shift && state.anchor !== null) {
    const a = order.indexOf(state.anchor);
    const b = order.indexOf(path);
    // A range needs both ends on screen. An anchor that was filtered out, or is
    // left over from the folder we came from, falls through to a plain click.
    if (a >= 0 && b >= 0) return { selected: new Set(order.slice(Math.min(a, b), Math.max(a, b) + 1)), anchor: state.anchor };
  }
  if (mods.toggle) {
    const next = new Set(state.selected);
    if (next.has(path)) next.delete(path);
    else next.add(path);
    return { selected: next, anchor: path };
  }
  return { selected: new Set([path]), anchor: path };
}

/** Ctrl+A: everything on screen (hidden or filtered-out rows are not selected); the anchor stays. */
export const selectAll = (state: SelectionState, order: readonly string[]): SelectionState => ({ selected: new Set(order), anchor: state.anchor });

/** After moving to another folder nothing is selected; the anchor stays, since a later shift-click ignores one that is off screen. */
export const clearSelection = (state: SelectionState): SelectionState => ({ selected: new Set(), anchor: state.anchor });

/** The selected rows among those shown, in display order (a selection may include rows filtered out since). */
export const selectedRows = <T extends { path: string }>(shown: readonly T[], selected: ReadonlySet<string>): T[] => shown.filter((e) => selected.has(e.path));

/** Dragging a selected row drags the whole selection; dragging any other row drags just that row. */
export const dragPaths = (selected: ReadonlySet<string>, path: string): string[] => (selected.has(path) ? [...selected] : [path]);
