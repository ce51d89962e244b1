import { useRef, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { FileEntry } from '../../src-shared/contract';
import { formatMode, formatSize, isDirLike, type SortKey } from './file-pane-model';

interface Props {
  label: string;
  entries: FileEntry[];
  selected: ReadonlySet<string>;
  dropTarget: string | null;
  sortKey: SortKey;
  descending: boolean;
  onSort(key: SortKey): void;
  onRowClick(entry: FileEntry, event: MouseEvent): void;
  onOpen(entry: FileEntry): void;
  onKeyDown(event: KeyboardEvent): void;
  onRowDragStart(entry: FileEntry, event: DragEvent): void;
  onRowDragOver(entry: FileEntry, event: DragEvent): void;
  onRowDrop(entry: FileEntry, event: DragEvent): void;
}

const ROW = 26;

/** A virtualised listing: 10,000 entries render as the ~30 rows on screen. */
export function FileList(props: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: props.entries.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12 });
  const header = (key: SortKey, text: string) => (
    <button className="col-head" onClick={() => props.onSort(key)} aria-label={`Sort by ${text}`}>
      {text}
      {props.sortKey === key ? (props.descending ? ' ▾' : ' ▴') : ''}
    </button>
  );
  return (
    <div className="file-list" role="grid" aria-label={props.label} aria-rowcount={props.entries.length} tabIndex={0} onKeyDown={props.onKeyDown}>
      <div className="file-row file-head" role="row">
        <span role="columnheader">{header('name', 'Name')}</span>
        <span role="columnheader">{header('size', 'Size')}</span>
        <span role="columnheader">{header('mtime', 'Modified')}</span>
        <span role="columnheader">Mode</span>
      </div>
      <div className="file-scroll" ref={scroller}>
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const e = props.entries[item.index]!;
            return (
              <div
                key={e.path}
                role="row"
                aria-selected={props.selected.has(e.path)}
                aria-label={e.name}
                data-kind={e.kind}
                className={`file-row${props.selected.has(e.path) ? ' selected' : ''}${props.dropTarget === e.path ? ' drop-target' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${item.start}px)` }}
                draggable
                onClick={(ev) => props.onRowClick(e, ev)}
                onDoubleClick={() => props.onOpen(e)}
                onDragStart={(ev) => props.onRowDragStart(e, ev)}
                onDragOver={(ev) => props.onRowDragOver(e, ev)}
                onDrop={(ev) => props.onRowDrop(e, ev)}
              >
                <span role="gridcell" className="file-name">
                  <span aria-hidden="true" className="file-icon">{isDirLike(e) ? '▸' : e.kind === 'symlink' ? '↪' : '·'}</span>
                  {e.name}
                  {e.kind === 'symlink' && <span className="muted"> → {e.linkTarget}{e.targetKind === 'missing' ? ' (broken)' : ''}</span>}
                </span>
                <span role="gridcell" className="file-size">{isDirLike(e) ? '' : formatSize(e.size)}</span>
                <span role="gridcell" className="file-mtime">{new Date(e.mtimeMs).toLocaleString()}</span>
                <span role="gridcell" className="file-mode mono">{formatMode(e.mode, e.kind)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
