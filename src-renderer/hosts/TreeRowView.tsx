import { memo, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import { ChevronDown, ChevronRight, Clock, Ellipsis, FolderOpen, Pencil, Play, Server, Star } from 'lucide-react';
import { useStore } from '../store/store';
import type { TreeRow } from './tree-rows';
import { renameFolder, renameHost, setFavourite } from './tree-actions';
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

function labelOf(row: TreeRow, subtitle: string): string {
  if (row.kind === 'group') return `${row.name} (${row.count})`;
  if (row.kind === 'folder') return `Folder ${row.name}`;
  const tags = row.host.tags.length > 0 ? `, tags ${row.host.tags.join(', ')}` : '';
  return `${row.name} (${subtitle})${tags}`;
}

function RowIcon({ row }: { row: TreeRow }) {
  if (row.kind === 'host') return <Server size={13} />;
  const Chevron = row.open ? ChevronDown : ChevronRight;
  if (row.kind === 'folder') return <Chevron size={14} />;
  const Icon = row.group === 'favourites' ? Star : Clock;
  return (
    <>
      <Chevron size={14} />
      <Icon size={12} className="tree-group-icon" />
    </>
  );
}

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
      data-pinned={row.kind === 'host' ? row.pinned : undefined}
      aria-expanded={row.kind === 'host' ? undefined : row.open}
      aria-label={labelOf(row, subtitle)}
      tabIndex={props.focusable ? 0 : -1}
      className={`tree-row ${row.kind}${props.selected ? ' selected' : ''}${props.dropTarget ? ' drop-target' : ''}${row.kind === 'host' && row.host.color ? ` host-color-${row.host.color}` : ''}`}
      style={{ transform: `translateY(${props.top}px)`, paddingLeft: `${0.5 + row.depth * 1.1}rem` }}
      draggable={!props.renaming && row.kind !== 'group'}
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
      <span className={`tree-icon${row.kind === 'group' ? ' group' : ''}`} aria-hidden="true">
        <RowIcon row={row} />
      </span>
      {props.renaming ? (
        <RenameInput row={row} onDone={() => props.onRenameEnd(row)} />
      ) : (
        <>
          {/* The hover toolbar covers the row's right end: the tooltip still shows the whole name. */}
          <span className="tree-name" title={subtitle ? `${row.name} — ${subtitle}` : row.name}>
            {row.name}
          </span>
          {row.kind === 'group' && <span className="tree-count">{row.count}</span>}
          {row.kind === 'host' && row.host.tags.length > 0 && (
            // Tags give way first when the row is narrow: the name keeps its width (app.css).
            <span className="tree-tags" aria-hidden="true">
              {row.host.tags.map((tag) => (
                <span key={tag} className="tree-tag">
                  {tag}
                </span>
              ))}
            </span>
          )}
          {subtitle && <span className="tree-sub">{subtitle}</span>}
          {(pointed || props.selected) && row.kind !== 'group' && <RowToolbar row={row} onMenu={props.onMenu} />}
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
          <button
            tabIndex={-1}
            aria-label={`Favourite ${row.name}`}
            aria-pressed={row.host.favourite}
            className={row.host.favourite ? 'favourite-on' : undefined}
            title={row.host.favourite ? 'Remove from Favourites' : 'Add to Favourites'}
            onClick={act(() => void setFavourite(row.host, !row.host.favourite))}
          >
            <Star size={13} aria-hidden="true" fill={row.host.favourite ? 'currentColor' : 'none'} />
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
      else if (row.kind === 'folder') await renameFolder(row.id, trimmed, row.folder.parentId);
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
