import { testConnection } from '../app/log-actions';
import { useRef, useState, type DragEvent } from 'react';
import { useStore } from '../store/store';
import type { TreeRow } from './tree-rows';
import { confirmDelete, renameFolder, renameHost } from './tree-actions';
import { openFilesTab } from '../files/files-actions';

interface Props {
  row: TreeRow;
  selected: boolean;
  focusable: boolean;
  renaming: boolean;
  dropTarget: boolean;
  onSelect(): void;
  onActivate(): void;
  onRenameStart(): void;
  onRenameEnd(): void;
  onDragStart(e: DragEvent): void;
  onDragOver(e: DragEvent): void;
  onDrop(e: DragEvent): void;
}

export function TreeRowView(props: Props) {
  const { row } = props;
  const showDialog = useStore((s) => s.showDialog);
  const subtitle = row.kind === 'host' ? `${row.host.username}@${row.host.host}${row.host.port === 22 ? '' : `:${row.host.port}`}` : '';
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
      style={{ paddingLeft: `${0.5 + row.depth * 1.1}rem` }}
      draggable={!props.renaming}
      onClick={props.onSelect}
      onFocus={props.onSelect}
      onDoubleClick={props.onActivate}
      onDragStart={props.onDragStart}
      onDragOver={props.onDragOver}
      onDrop={props.onDrop}
    >
      <span className="tree-icon" aria-hidden="true">{row.kind === 'folder' ? (row.open ? '▾' : '▸') : '›_'}</span>
      {props.renaming ? (
        <RenameInput row={row} onDone={props.onRenameEnd} />
      ) : (
        <>
          <span className="tree-name">{row.name}</span>
          {subtitle && <span className="tree-sub">{subtitle}</span>}
          <span className="tree-actions">
            {row.kind === 'host' && (
              <button tabIndex={-1} aria-label={`Files of ${row.name}`} title="Files (SFTP)" onClick={() => openFilesTab(row.host)}>
                ⇅
              </button>
            )}
            {row.kind === 'host' && (
              <button tabIndex={-1} aria-label={`Test connection to ${row.name}`} title="Test connection" onClick={() => testConnection(row.host)}>
                ✓?
              </button>
            )}
            {row.kind === 'host' && (
              <button tabIndex={-1} aria-label={`Edit ${row.name}`} title="Edit" onClick={() => showDialog({ kind: 'host-form', host: row.host, folderId: row.host.folderId })}>
                ✎
              </button>
            )}
            <button tabIndex={-1} aria-label={`Rename ${row.name}`} title="Rename (F2)" onClick={props.onRenameStart}>
              Aa
            </button>
            <button tabIndex={-1} aria-label={`Delete ${row.name}`} title="Delete (Del)" onClick={() => confirmDelete(row.kind, row.id, row.name)}>
              ✕
            </button>
          </span>
        </>
      )}
    </div>
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
