import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useStore } from '../store/store';
import { openHostTab } from '../terminal/tab-actions';
import { buildRows, type TreeRow } from './tree-rows';
import { confirmDelete, moveNode } from './tree-actions';
import { TreeRowView } from './TreeRowView';
import { TreeContextMenu } from './TreeContextMenu';
import { registerTreeFocus } from './tree-focus';

const DRAG_TYPE = 'application/x-warren-node';
/** Every row is this tall (app.css `.host-tree .tree-row`), so the list needs no measuring. */
const ROW = 28;
const TYPE_AHEAD_MS = 700;

function readDrag(event: DragEvent): { kind: 'host' | 'folder'; id: string } | null {
  try {
    return JSON.parse(event.dataTransfer.getData(DRAG_TYPE)) as { kind: 'host' | 'folder'; id: string };
  } catch {
    return null;
  }
}

/** The saved hosts and folders: a virtualised tree (2,000 hosts render as the ~30 rows on screen). */
export function HostTree() {
  const tree = useStore((s) => s.tree);
  const expanded = useStore((s) => s.expanded);
  const filter = useStore((s) => s.filter);
  const setExpanded = useStore((s) => s.setExpanded);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const [draggingId, setDraggingId] = useState<string | null>(null);
  const [menuTarget, setMenuTarget] = useState<TreeRow | null>(null);
  const treeRef = useRef<HTMLDivElement>(null);
  /** The row to focus once it is rendered (after a key moved the selection). */
  const focusWanted = useRef<string | null>(null);
  const menuByKeyboard = useRef(false);
  const typeAhead = useRef({ text: '', at: 0 });
  const rows = useMemo(() => buildRows(tree, expanded, filter), [tree, expanded, filter]);
  const indexOfId = useMemo(() => new Map(rows.map((r, i) => [r.id, i])), [rows]);
  const selectedIndex = selectedId === null ? -1 : (indexOfId.get(selectedId) ?? -1);

  // Rows that must stay in the DOM wherever the list is scrolled: the focused
  // one (or the focus would fall to the page), the one being renamed and the
  // one being dragged (removing a drag's source ends the drag).
  const pinned = useMemo(
    () => [selectedId, renamingId, draggingId].map((id) => (id === null ? undefined : indexOfId.get(id))).filter((i): i is number => i !== undefined),
    [selectedId, renamingId, draggingId, indexOfId],
  );
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      const extra = pinned.filter((i) => !indexes.includes(i));
      return extra.length === 0 ? indexes : [...indexes, ...extra].sort((a, b) => a - b);
    },
    [pinned],
  );
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => treeRef.current, estimateSize: () => ROW, overscan: 6, rangeExtractor, getItemKey: (i) => rows[i]!.id });

  const rowElement = (id: string) => treeRef.current?.querySelector<HTMLElement>(`[role="treeitem"][data-id="${CSS.escape(id)}"]`) ?? null;

  useLayoutEffect(() => {
    const id = focusWanted.current;
    if (id === null) return;
    const el = rowElement(id);
    if (!el) return;
    focusWanted.current = null;
    el.focus({ preventScroll: true });
  });

  const select = useCallback(
    (row: TreeRow | undefined) => {
      if (!row) return;
      setSelectedId(row.id);
      focusWanted.current = row.id;
      const index = indexOfId.get(row.id);
      if (index !== undefined) virtual.scrollToIndex(index, { align: 'auto' });
      // Already rendered: focus now; otherwise the layout effect does once it is.
      const el = rowElement(row.id);
      if (el) {
        focusWanted.current = null;
        el.focus({ preventScroll: true });
      }
    },
    [indexOfId, virtual],
  );

  // "Search hosts" ↓ lands here: on the first host that matched, else the first row.
  useEffect(() => registerTreeFocus(() => select(rows.find((r) => r.kind === 'host') ?? rows[0])), [rows, select]);

  const activate = useCallback((row: TreeRow) => (row.kind === 'host' ? openHostTab(row.host) : setExpanded(row.id, !row.open)), [setExpanded]);
  const folds = (row: TreeRow | undefined): row is Extract<TreeRow, { open: boolean }> => row?.kind === 'folder' || row?.kind === 'group';

  const openMenu = useCallback((row: TreeRow | null, at: { x: number; y: number }, byKeyboard: boolean) => {
    setMenuTarget(row);
    menuByKeyboard.current = byKeyboard;
    // Radix opens on the contextmenu event of its trigger (the tree), at the event's point.
    treeRef.current?.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: at.x, clientY: at.y }));
  }, []);

  const findByTyping = (key: string) => {
    const now = Date.now();
    const state = typeAhead.current;
    state.text = now - state.at > TYPE_AHEAD_MS ? key : state.text + key;
    state.at = now;
    const text = state.text.toLowerCase();
    // One letter again and again steps through the rows starting with it; more letters refine from here.
    const from = state.text.length === 1 ? selectedIndex + 1 : Math.max(selectedIndex, 0);
    for (let n = 0; n < rows.length; n++) {
      const row = rows[(from + n) % rows.length]!;
      if (row.name.toLowerCase().startsWith(text)) return select(row);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // Keys typed into the rename field or pressed on a row's buttons are theirs.
    if (renamingId || !(event.target as HTMLElement).matches('[role="treeitem"]')) return;
    const row = rows[selectedIndex];
    const handled = () => event.preventDefault();
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      handled();
      const el = row && rowElement(row.id);
      if (row && el) {
        const box = el.getBoundingClientRect();
        openMenu(row, { x: box.left + 24, y: box.bottom }, true);
      }
      return;
    }
    switch (event.key) {
      case 'ArrowDown':
        handled();
        return select(rows[Math.min(rows.length - 1, selectedIndex + 1)]);
      case 'ArrowUp':
        handled();
        return select(rows[Math.max(0, selectedIndex - 1)]);
      case 'Home':
        handled();
        return select(rows[0]);
      case 'End':
        handled();
        return select(rows[rows.length - 1]);
      case 'PageDown':
      case 'PageUp': {
        handled();
        const page = Math.max(1, Math.floor((treeRef.current?.clientHeight ?? ROW) / ROW) - 1);
        const to = event.key === 'PageDown' ? Math.min(rows.length - 1, selectedIndex + page) : Math.max(0, selectedIndex - page);
        return select(rows[to]);
      }
      case 'ArrowRight':
        handled();
        if (folds(row) && !row.open) setExpanded(row.id, true);
        else if (folds(row)) select(rows[selectedIndex + 1]);
        return;
      case 'ArrowLeft':
        handled();
        if (folds(row) && row.open) setExpanded(row.id, false);
        else if (row?.parentId) select(rows[indexOfId.get(row.parentId) ?? -1]);
        return;
      case 'Enter':
        handled();
        if (row) activate(row);
        return;
      case 'F2':
        handled();
        if (row && row.kind !== 'group') setRenamingId(row.id);
        return;
      case 'Delete':
        handled();
        // A row in Favourites or Recent deletes the host itself: the confirmation names it.
        if (row?.kind === 'host') confirmDelete('host', row.host.id, row.name);
        else if (row?.kind === 'folder') confirmDelete('folder', row.id, row.name);
        return;
    }
    if (event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      handled();
      findByTyping(event.key);
    }
  };

  const drop = useCallback((event: DragEvent, folderId: string | null) => {
    event.preventDefault();
    event.stopPropagation();
    setDropTarget(null);
    setDraggingId(null);
    const node = readDrag(event);
    if (node && node.id !== folderId) void moveNode(node.kind, node.id, folderId);
  }, []);

  const onRowDragStart = useCallback((row: TreeRow, e: DragEvent) => {
    if (row.kind === 'group') return e.preventDefault();
    e.dataTransfer.setData(DRAG_TYPE, JSON.stringify(row.kind === 'host' ? { kind: 'host', id: row.host.id } : { kind: 'folder', id: row.id }));
    e.dataTransfer.effectAllowed = 'move';
    setDraggingId(row.id);
  }, []);
  const onRowDragOver = useCallback((row: TreeRow, e: DragEvent) => {
    if (row.kind !== 'folder' || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
    e.preventDefault();
    e.stopPropagation();
    setDropTarget(row.id);
  }, []);
  // Favourites and Recent are not folders: a drop on them (or a host in them) moves nothing.
  const onRowDrop = useCallback(
    (row: TreeRow, e: DragEvent) => {
      if (row.kind === 'group' || (row.kind === 'host' && row.pinned)) return (e.preventDefault(), e.stopPropagation(), setDropTarget(null), setDraggingId(null));
      return row.kind === 'folder' ? drop(e, row.id) : drop(e, row.parentId);
    },
    [drop],
  );
  const onDragEnd = useCallback(() => {
    setDraggingId(null);
    setDropTarget(null);
  }, []);
  // Stable, so the rows (memo) that did not change skip re-rendering.
  const latestSelect = useRef(select);
  useLayoutEffect(() => {
    latestSelect.current = select;
  }, [select]);
  const onRenameEnd = useCallback((row: TreeRow) => {
    setRenamingId(null);
    latestSelect.current(row);
  }, []);
  const onRowMenu = useCallback((row: TreeRow, at: { x: number; y: number }) => openMenu(row, at, false), [openMenu]);
  const onRowSelect = useCallback((id: string) => setSelectedId(id), []);

  if (rows.length === 0) {
    return <p className="tree-empty">{filter ? 'No host matches the search.' : 'No saved hosts yet. Add one with “New host”.'}</p>;
  }

  const focusableIndex = selectedIndex === -1 ? 0 : selectedIndex;
  return (
    <TreeContextMenu
      target={menuTarget}
      openedByKeyboard={menuByKeyboard}
      onClosed={(id) => {
        const el = id === null ? null : rowElement(id);
        (el ?? treeRef.current)?.focus({ preventScroll: true });
      }}
      onRename={(row) => setRenamingId(row.id)}
      onSelect={(id) => {
        setSelectedId(id);
        focusWanted.current = id;
      }}
    >
      <div
        className={`host-tree${dropTarget === 'root' ? ' drop-root' : ''}`}
        role="tree"
        aria-label="Saved hosts"
        data-rows={rows.length}
        ref={treeRef}
        onKeyDown={onKeyDown}
        onContextMenu={(e) => {
          // A real right-click: the row under the pointer (which mousedown focused) or the empty space.
          if (!e.isTrusted) return;
          const el = (e.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
          const row = el ? rows[indexOfId.get(el.dataset.id ?? '') ?? -1] : undefined;
          setMenuTarget(row ?? null);
          menuByKeyboard.current = false;
        }}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes(DRAG_TYPE)) {
            e.preventDefault();
            setDropTarget('root');
          }
        }}
        onDragLeave={() => setDropTarget(null)}
        onDrop={(e) => drop(e, null)}
      >
        <div className="host-tree-rows" style={{ height: virtual.getTotalSize() }}>
          {virtual.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <TreeRowView
                key={row.id}
                row={row}
                top={item.start}
                selected={row.id === selectedId}
                focusable={item.index === focusableIndex}
                renaming={row.id === renamingId}
                dropTarget={row.id === dropTarget}
                onSelect={onRowSelect}
                onActivate={activate}
                onRenameEnd={onRenameEnd}
                onMenu={onRowMenu}
                onDragStart={onRowDragStart}
                onDragOver={onRowDragOver}
                onDrop={onRowDrop}
                onDragEnd={onDragEnd}
              />
            );
          })}
        </div>
      </div>
    </TreeContextMenu>
  );
}
