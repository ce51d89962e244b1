import { useEffect, useId, useRef, type DragEvent, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { FileEntry } from '../../src-shared/contract';
import { formatMode, formatSize, isDirLike, paneKeyCommand, type SortKey } from './file-pane-model';
import { FileIcon } from './FileIcon';
import { PaneContextMenu } from './PaneContextMenu';
import type { PaneMenuAction, PaneMenuItem } from './pane-menu-model';

interface Props {
  label: string;
  /** The list element (the focusable grid), for the pane to give it the focus back. */
  listRef: RefObject<HTMLDivElement | null>;
  entries: FileEntry[];
  selected: ReadonlySet<string>;
  /** The keyboard's row: scrolled into view and ringed while the list has the focus. */
  cursor: string | null;
  dropTarget: string | null;
  sortKey: SortKey;
  descending: boolean;
  menuItems: PaneMenuItem[];
  onSort(key: SortKey): void;
  onRowClick(entry: FileEntry, event: MouseEvent): void;
  onOpen(entry: FileEntry): void;
  onKeyDown(event: KeyboardEvent): void;
  /** A right-click (or the menu key) on a row, or on the empty area (null), just before the menu opens. */
  onMenuTarget(entry: FileEntry | null): void;
  onMenuAction(action: PaneMenuAction): void;
  onRowDragStart(entry: FileEntry, event: DragEvent): void;
  onRowDragOver(entry: FileEntry, event: DragEvent): void;
  onRowDrop(entry: FileEntry, event: DragEvent): void;
}

const ROW = 26;

/** A virtualised listing: 10,000 entries render as the ~30 rows on screen. */
export function FileList(props: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const grid = props.listRef;
  const openedByKeyboard = useRef(false);
  const idBase = useId();
  const rowId = (index: number) => `${idBase}-row-${index}`;
  const virtual = useVirtualizer({ count: props.entries.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12 });
  const cursorIndex = props.cursor === null ? -1 : props.entries.findIndex((e) => e.path === props.cursor);
  useEffect(() => {
    if (cursorIndex >= 0) virtual.scrollToIndex(cursorIndex, { align: 'auto' });
  }, [cursorIndex, virtual]);

  const header = (key: SortKey, text: string) => (
    <button className="col-head" onClick={() => props.onSort(key)} aria-label={`Sort by ${text}`}>
      {text}
      {props.sortKey === key ? (props.descending ? ' ▾' : ' ▴') : ''}
    </button>
  );

  const onContextMenu = (ev: MouseEvent) => {
    const path = (ev.target as HTMLElement).closest<HTMLElement>('[data-path]')?.dataset.path;
    props.onMenuTarget(props.entries.find((e) => e.path === path) ?? null);
  };

  const onKeyDown = (ev: KeyboardEvent) => {
    if (paneKeyCommand(ev) !== 'menu') return props.onKeyDown(ev);
    // The menu key and Shift+F10 open the menu at the keyboard's row, as a right-click there would.
    ev.preventDefault();
    const row = cursorIndex >= 0 ? document.getElementById(rowId(cursorIndex)) : null;
    const at = (row ?? grid.current!).getBoundingClientRect();
    openedByKeyboard.current = true;
    (row ?? grid.current!).dispatchEvent(new globalThis.MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: at.left + 24, clientY: row ? at.bottom : at.top + ROW }));
  };

  return (
    <PaneContextMenu label={props.label} items={props.menuItems} listRef={grid} openedByKeyboard={openedByKeyboard} onAction={props.onMenuAction}>
      <div
        ref={grid}
        className="file-list"
        role="grid"
        aria-label={props.label}
        aria-rowcount={props.entries.length}
        aria-multiselectable="true"
        aria-activedescendant={cursorIndex >= 0 ? rowId(cursorIndex) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onContextMenu={onContextMenu}
      >
        <div className="file-row file-head" role="row">
          <span role="columnheader">{header('name', 'Name')}</span>
          <span role="columnheader">{header('size', 'Size')}</span>
          <span role="columnheader">{header('mtime', 'Modified')}</span>
          <span role="columnheader" className="file-mode">
            Mode
          </span>
        </div>
        <div className="file-scroll" ref={scroller}>
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => {
              const e = props.entries[item.index]!;
              return (
                <div
                  key={e.path}
                  id={rowId(item.index)}
                  role="row"
                  aria-selected={props.selected.has(e.path)}
                  aria-label={e.name}
                  data-kind={e.kind}
                  data-path={e.path}
                  className={`file-row${props.selected.has(e.path) ? ' selected' : ''}${item.index === cursorIndex ? ' cursor' : ''}${props.dropTarget === e.path ? ' drop-target' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${item.start}px)` }}
                  draggable
                  onClick={(ev) => props.onRowClick(e, ev)}
                  onDoubleClick={() => props.onOpen(e)}
                  onDragStart={(ev) => props.onRowDragStart(e, ev)}
                  onDragOver={(ev) => props.onRowDragOver(e, ev)}
                  onDrop={(ev) => props.onRowDrop(e, ev)}
                >
                  <span role="gridcell" className="file-name">
                    <FileIcon entry={e} />
                    {e.name}
                    {e.kind === 'symlink' && (
                      <span className="muted">
                        {' '}
                        → {e.linkTarget}
                        {e.targetKind === 'missing' ? ' (broken)' : ''}
                      </span>
                    )}
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
    </PaneContextMenu>
  );
}
