import { useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useStore } from '../store/store';
import { openHostTab } from '../terminal/tab-actions';
import { buildRows, type TreeRow } from './tree-rows';
import { confirmDelete, moveNode } from './tree-actions';
import { TreeRowView } from './TreeRowView';

const DRAG_TYPE = 'application/x-warren-node';

function readDrag(event: DragEvent): { kind: 'host' | 'folder'; id: string } | null {
  try {
    return JSON.parse(event.dataTransfer.getData(DRAG_TYPE)) as { kind: 'host' | 'folder'; id: string };
  } catch {
    return null;
  }
}

export function HostTree() {
  const tree = useStore((s) => s.tree);
  const expanded = useStore((s) => s.expanded);
  const filter = useStore((s) => s.filter);
  const setExpanded = useStore((s) => s.setExpanded);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const treeRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => buildRows(tree, expanded, filter), [tree, expanded, filter]);
  const selectedIndex = rows.findIndex((r) => r.id === selectedId);

  const select = (row: TreeRow | undefined) => {
    if (!row) return;
    setSelectedId(row.id);
    treeRef.current?.querySelector<HTMLElement>(`[data-id="${row.id}"]`)?.focus();
  };

  const activate = (row: TreeRow) => {
    if (row.kind === 'host') openHostTab(row.host);
    else setExpanded(row.id, !row.open);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (renamingId) return;
    const row = rows[selectedIndex];
    const handled = () => event.preventDefault();
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
      case 'ArrowRight':
        handled();
        if (row?.kind === 'folder' && !row.open) setExpanded(row.id, true);
        else if (row?.kind === 'folder') select(rows[selectedIndex + 1]);
        return;
      case 'ArrowLeft':
        handled();
        if (row?.kind === 'folder' && row.open) setExpanded(row.id, false);
        else if (row?.parentId) select(rows.find((r) => r.id === row.parentId));
        return;
      case 'Enter':
        handled();
        if (row) activate(row);
        return;
      case 'F2':
        handled();
        if (row) setRenamingId(row.id);
        return;
      case 'Delete':
        handled();
        if (row) confirmDelete(row.kind, row.id, row.name);
        return;
    }
  };

  const drop = (event: DragEvent, folderId: string | null) => {
    event.preventDefault();
    event.stopPropagation();
    setDropTarget(null);
    const node = readDrag(event);
    if (node && node.id !== folderId) void moveNode(node.kind, node.id, folderId);
  };

  if (rows.length === 0) {
    return <p className="tree-empty">{filter ? 'No host matches the search.' : 'No saved hosts yet. Add one with “New host”.'}</p>;
  }

  return (
    <div
      className={`host-tree${dropTarget === 'root' ? ' drop-root' : ''}`}
      role="tree"
      aria-label="Saved hosts"
      ref={treeRef}
      onKeyDown={onKeyDown}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(DRAG_TYPE)) {
          e.preventDefault();
          setDropTarget('root');
        }
      }}
      onDragLeave={() => setDropTarget(null)}
      onDrop={(e) => drop(e, null)}
    >
      {rows.map((row, index) => (
        <TreeRowView
          key={row.id}
          row={row}
          selected={row.id === selectedId}
          focusable={selectedIndex === -1 ? index === 0 : row.id === selectedId}
          renaming={row.id === renamingId}
          dropTarget={row.id === dropTarget}
          onSelect={() => setSelectedId(row.id)}
          onActivate={() => activate(row)}
          onRenameStart={() => setRenamingId(row.id)}
          onRenameEnd={() => {
            setRenamingId(null);
            select(row);
          }}
          onDragStart={(e) => {
            e.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ kind: row.kind, id: row.id }));
            e.dataTransfer.effectAllowed = 'move';
          }}
          onDragOver={(e) => {
            if (row.kind !== 'folder' || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
            e.preventDefault();
            e.stopPropagation();
            setDropTarget(row.id);
          }}
          onDrop={(e) => (row.kind === 'folder' ? drop(e, row.id) : drop(e, row.parentId))}
        />
      ))}
    </div>
  );
}
