import { memo, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import { ChevronDown, ChevronRight, Ellipsis, FolderOpen, Pencil, Play, Server } from 'lucide-react';
import { useStore } from '../store/store';
import type { TreeRow } from './tree-rows';
import { renameFolder, renameHost } from './tree-actions';
import { openFilesTab } from '../files/files-actions';
import { openHostTab } from '../terminal/tab-actions';

interface Props {
  row: TreeRow;
  /** Where the virtualised list places the row, in px from the top. */
  top: number;
  selected: boolean;
  focusable: boolean;
  renaming: boolean;
  dropTarget: boolean;
  onSelect(id: string): void;
  onActivate(row: TreeRow): void;
  onRenameEnd(row: TreeRow): void;
  /** Opens the row's context menu at a point (the "More actions" button). */
  onMenu(row: TreeRow, at: { x: number; y: number }): void;
  onDragStart(row: TreeRow, e: DragEvent): void;
  onDragOver(row: TreeRow, e: DragEvent): void;
  onDrop(row: TreeRow, e: DragEvent): void;
  onDragEnd(): void;
}

export const subtitleOf = (row: TreeRow) => (row.kind === 'host' ? `${row.host.username}@${row.host.host}${row.host.port === 22 ? '' : `:${row.host.port}`}` : '');

/** One row. Its actions sit in a toolbar laid over the row's right end, shown on hover or focus, so they never take width from the name. */
export const TreeRowView = memo(function TreeRowView(props: Props) {
  const { row } = props;
  const subtitle = subtitleOf(row);
  // The toolbar exists only where it can show (under the pointer, or on the selected row for the keyboard):
  // a search keystroke re-renders every row on screen, and five elements a row beat fifteen.
  const [pointed, setPointed] = useState(false);
  return (
    <div
      role="treeitem"
      data-id={row.id}
      data-kind={row.kind}
      aria-level={row.depth + 1}
      aria-selected={props.selected}
      aria-expanded={row.kind === 'folder' ? row.open : undefined}
      aria-label={row.kind === 'host' ? `${row.name} (${subtitle})` : `Folder ${row.name}`}
      tabIndex={props.focusable ? 0 : -1}
      className={`tree-row ${row.kind}${props.selected ? ' selected' : ''}${props.dropTarget ? ' drop-target' : ''}`}
      style={{ transform: `translateY(${props.top}px)`, paddingLeft: `${0.5 + row.depth * 1.1}rem` }}
      draggable={!props.renaming}
      onClick={() => props.onSelect(row.id)}
      onFocus={(e) => e.target === e.currentTarget && props.onSelect(row.id)}
      onDoubleClick={() => props.onActivate(row)}
      onDragStart={(e) => props.onDragStart(row, e)}
      onDragOver={(e) => props.onDragOver(row, e)}
      onDrop={(e) => props.onDrop(row, e)}
      onDragEnd={props.onDragEnd}
      onMouseEnter={() => setPointed(true)}
      onMouseLeave={() => setPointed(false)}
    >
      <span className="tree-icon" aria-hidden="true">
        {row.kind === 'folder' ? row.open ? <ChevronDown size={14} /> : <ChevronRight size={14} /> : <Server size={13} />}
      </span>
      {props.renaming ? (
        <RenameInput row={row} onDone={() => props.onRenameEnd(row)} />
      ) : (
        <>
          {/* The hover toolbar covers the row's right end: the tooltip still shows the whole name. */}
          <span className="tree-name" title={subtitle ? `${row.name} — ${subtitle}` : row.name}>
            {row.name}
          </span>
          {subtitle && <span className="tree-sub">{subtitle}</span>}
          {(pointed || props.selected) && <RowToolbar row={row} onMenu={props.onMenu} />}
        </>
      )}
    </div>
  );
});

function RowToolbar({ row, onMenu }: { row: TreeRow; onMenu: Props['onMenu'] }) {
  const showDialog = useStore((s) => s.showDialog);
  // Buttons do their own thing: a click must not also select or open the row.
  const act = (fn: () => void) => (e: MouseEvent) => {
    e.stopPropagation();
    fn();
  };
  const more = (e: MouseEvent<HTMLButtonElement>) => {
    e.stopPropagation();
    const box = e.currentTarget.getBoundingClientRect();
    onMenu(row, { x: box.left, y: box.bottom });
  };
  return (
    <span className="tree-toolbar" role="toolbar" aria-label={`Actions for ${row.name}`} onDoubleClick={(e) => e.stopPropagation()}>
      {row.kind === 'host' && (
        <>
          <button tabIndex={-1} aria-label={`Connect to ${row.name}`} title="Connect (Enter)" onClick={act(() => openHostTab(row.host))}>
            <Play size={13} aria-hidden="true" />
          </button>
          <button tabIndex={-1} aria-label={`Files of ${row.name}`} title="Open files (SFTP)" onClick={act(() => openFilesTab(row.host))}>
            <FolderOpen size={13} aria-hidden="true" />
          </button>
          <button tabIndex={-1} aria-label={`Edit ${row.name}`} title="Edit" onClick={act(() => showDialog({ kind: 'host-form', host: row.host, folderId: row.host.folderId }))}>
            <Pencil size={13} aria-hidden="true" />
          </button>
        </>
      )}
      <button tabIndex={-1} aria-label={`More actions for ${row.name}`} title="More actions (Shift+F10)" onClick={more}>
        <Ellipsis size={13} aria-hidden="true" />
      </button>
    </span>
  );
}

function RenameInput({ row, onDone }: { row: TreeRow; onDone(): void }) {
  const [name, setName] = useState(row.name);
  const finished = useRef(false);
  // Enter and the blur that follows must not save twice.
  const commit = async () => {
    if (finished.current) return;
    finished.current = true;
    const trimmed = name.trim();
    if (trimmed && trimmed !== row.name) {
      if (row.kind === 'host') await renameHost(row.host, trimmed);
      else await renameFolder(row.id, trimmed, row.folder.parentId);
    }
    onDone();
  };
  return (
    <input
      className="tree-rename"
      aria-label={`New name for ${row.name}`}
      autoFocus
      value={name}
      onFocus={(e) => e.target.select()}
      onChange={(e) => setName(e.target.value)}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') void commit();
        if (e.key === 'Escape') {
          finished.current = true;
          onDone();
        }
      }}
      onBlur={() => void commit()}
    />
  );
}
