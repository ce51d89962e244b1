import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { ArrowLeft, Download, FolderUp, Monitor, RefreshCw, Server, Upload } from 'lucide-react';
import type { FileEntry } from '../../src-shared/contract';
import { FileList } from './FileList';
import { ChmodDialog } from './ChmodDialog';
import { NameDialog } from './NameDialog';
import { PropertiesDialog } from './PropertiesDialog';
import { crumbs, isDirLike, paneKeyCommand, parentPath } from './file-pane-model';
import type { FilesDrag, PaneApi } from './pane-api';
import { canEditLocally, paneMenuItems, transferLabel, type PaneMenuAction } from './pane-menu-model';
import { editLocally } from './edit-actions';
import { isNavKey } from './selection-model';
import { useStore } from '../store/store';
import { useDirectory } from './useDirectory';
import { useListView } from './useListView';
import { usePaneDialogs } from './usePaneDialogs';
import { usePaneDrop } from './usePaneDrop';
import { useSelection } from './useSelection';

interface Props {
  api: PaneApi;
  browserId: string;
  /** What the user calls this side: "This computer", or the host's name. */
  title: string;
  initialPath: string;
  /** The folder the other pane shows: where Upload/Download and F5 copy to (null until it is known). */
  otherDir: string | null;
  /** Bumped when something (a finished transfer) may have changed this side. */
  refreshKey: number;
  /** Files of one pane are to be copied to `targetDir` of the other (a drop, the transfer button, F5). */
  onTransfer(drag: FilesDrag, targetDir: string): void;
  onPathChange(path: string): void;
}

export function FilePane({ api, browserId, title, initialPath, otherDir, refreshKey, onTransfer, onPathChange }: Props) {
  const dir = useDirectory(api, initialPath, refreshKey);
  const view = useListView(dir.entries);
  const sel = useSelection(view.shown);
  const drop = usePaneDrop({ api, browserId, onTransfer, run: dir.run });
  const dialogs = usePaneDialogs(api, dir.path, dir.run);
  const { path } = dir;
  const { shown } = view;
  const { selection, one } = sel;
  const label = api.side === 'local' ? 'Local files' : 'Remote files';
  const TransferIcon = api.side === 'local' ? Upload : Download;
  useEffect(() => onPathChange(path), [path, onPathChange]);
  const list = useRef<HTMLDivElement>(null);
  const willConfirm = useFocusBackAfterDialogs(list, Boolean(dialogs.naming || dialogs.chmodOf || dialogs.propertiesOf));
  const remove = (entries: FileEntry[]) => {
    if (entries.length) willConfirm();
    dialogs.remove(entries);
  };

  // A selection belongs to the folder it was made in.
  const go = async (to: string) => (await dir.go(to)) && sel.clear();
  const back = async () => (await dir.back()) && sel.clear();
  // Going up lands on the folder we came from, as in every file manager.
  const up = async () => (await dir.go(parentPath(path))) && sel.selectOnly(path);
  const copyToOther = (entries: FileEntry[]) => {
    if (entries.length && otherDir) onTransfer({ browserId, side: api.side, paths: entries.map((e) => e.path) }, otherDir);
  };
  const editOne = () => canEditLocally(api.side, one) && void editLocally(browserId, one.path);
  const copyPaths = (paths: string[]) => void navigator.clipboard.writeText(paths.join('\n'));

  const onListKey = (ev: KeyboardEvent) => {
    if (isNavKey(ev.key)) {
      ev.preventDefault();
      sel.move(ev.key, { shift: ev.shiftKey, toggle: ev.ctrlKey || ev.metaKey });
      return;
    }
    // F4 edits, as in Total Commander and MobaXterm.
    if (ev.key === 'F4' && !ev.ctrlKey && !ev.altKey && !ev.metaKey) {
      ev.preventDefault();
      editOne();
      return;
    }
    const command = paneKeyCommand(ev);
    if (command === 'rename') dialogs.rename(one);
    else if (command === 'delete') remove(selection);
    else if (command === 'up') void up();
    else if (command === 'open' && one && isDirLike(one)) void go(one.path);
    else if (command === 'toggle') {
      ev.preventDefault();
      sel.toggle();
    } else if (command === 'select-all') {
      ev.preventDefault();
      sel.selectAll();
    } else if (!command && ev.key.length === 1 && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      if (ev.key === ' ' && !sel.typing()) sel.addCursor();
      else sel.typeAhead(ev.key);
    }
  };

  // F5 works wherever the focus is in this pane, not only in the list (and never reloads the page).
  const onPaneKey = (ev: KeyboardEvent) => {
    if (ev.key !== 'F5' || (ev.target as HTMLElement).closest('[role="dialog"]')) return;
    ev.preventDefault();
    copyToOther(selection);
  };

  const onMenuAction = (action: PaneMenuAction) => {
    if (action === 'open' && one) void go(one.path);
    else if (action === 'transfer') copyToOther(selection);
    else if (action === 'rename') dialogs.rename(one);
    else if (action === 'delete') remove(selection);
    else if (action === 'permissions') dialogs.showChmod(one);
    else if (action === 'properties') dialogs.showProperties(one);
    else if (action === 'copy-path') copyPaths(selection.length ? selection.map((e) => e.path) : [path]);
    else if (action === 'new-folder') dialogs.newFolder();
    else if (action === 'refresh') void dir.refresh();
    else if (action === 'edit') editOne();
  };

  return (
    <section
      className={`file-pane file-pane-${api.side}`}
      aria-label={`${label} pane`}
      onKeyDown={onPaneKey}
      onDragOver={(ev) => drop.allowDrop(ev, path)}
      onDragLeave={drop.leave}
      onDrop={(ev) => drop.dropOn(ev, path)}
      data-drop={drop.dropTarget === path}
    >
      <header className="pane-title">
        {api.side === 'local' ? <Monitor size={16} aria-hidden="true" /> : <Server size={16} aria-hidden="true" />}
        <h3 className="pane-name" title={title}>
          {title}
        </h3>
        <span className="pane-side muted">{api.side === 'local' ? 'local' : 'remote'}</span>
        <button
          className="transfer-button"
          onClick={() => copyToOther(selection)}
          disabled={selection.length === 0 || !otherDir}
          title={otherDir ? `${transferLabel(api.side)} the selection to ${otherDir} (F5)` : undefined}
        >
          <TransferIcon size={15} aria-hidden="true" />
          {transferLabel(api.side)}
        </button>
      </header>
      <div className="pane-bar">
        <button className="icon-button" onClick={() => void back()} disabled={!dir.canGoBack} aria-label={`${label}: back`} title="Back">
          <ArrowLeft size={15} aria-hidden="true" />
        </button>
        <button className="icon-button" onClick={() => void up()} disabled={path === '/'} aria-label={`${label}: up`} title="Up (Backspace)">
          <FolderUp size={15} aria-hidden="true" />
        </button>
        <button className="icon-button" onClick={() => void dir.refresh()} aria-label={`${label}: refresh`} title="Refresh">
          <RefreshCw size={15} aria-hidden="true" />
        </button>
        <form
          className="path-form"
          onSubmit={(e) => {
            e.preventDefault();
            void go(dir.typed.trim() || '/');
          }}
        >
          <input aria-label={`${label} path`} value={dir.typed} onChange={(e) => dir.setTyped(e.target.value)} />
        </form>
      </div>
      <nav className="crumbs" aria-label={`${label} breadcrumbs`}>
        {crumbs(path).map((c) => (
          <button key={c.path} className="crumb" onClick={() => void go(c.path)}>
            {c.name}
          </button>
        ))}
      </nav>
      <div className="pane-tools">
        <button onClick={dialogs.newFolder}>New folder</button>
        <button onClick={() => dialogs.rename(one)} disabled={!one}>
          Rename
        </button>
        <button onClick={() => remove(selection)} disabled={selection.length === 0}>
          Delete
        </button>
        <button onClick={() => dialogs.showChmod(one)} disabled={!one}>
          Permissions
        </button>
        <button onClick={() => dialogs.showProperties(one)} disabled={!one}>
          Properties
        </button>
        {api.side === 'remote' && (
          <button onClick={editOne} disabled={!canEditLocally(api.side, one)} title="Open in your editor; each save is uploaded (F4)">
            Edit locally
          </button>
        )}
        <button onClick={() => one && copyPaths([one.path])} disabled={!one}>
          Copy path
        </button>
        <label className="inline">
          <input type="checkbox" checked={view.showHidden} onChange={(e) => view.setShowHidden(e.target.checked)} /> Hidden
        </label>
        <input className="pane-filter" aria-label={`${label} filter`} placeholder="Filter" value={view.filter} onChange={(e) => view.setFilter(e.target.value)} />
      </div>
      {dir.error && (
        <p className="form-error pane-error" role="alert">
          {dir.error}
        </p>
      )}
      {dir.loading && dir.entries.length === 0 ? (
        <p className="muted">Loading…</p>
      ) : (
        <FileList
          listRef={list}
          label={label}
          entries={shown}
          selected={sel.selected}
          cursor={sel.cursor}
          dropTarget={drop.dropTarget}
          sortKey={view.sortKey}
          descending={view.descending}
          menuItems={paneMenuItems(api.side, selection, Boolean(otherDir))}
          onSort={view.sortBy}
          onRowClick={sel.click}
          onOpen={(e) => isDirLike(e) && void go(e.path)}
          onKeyDown={onListKey}
          onMenuTarget={(e) => {
            // A right-click on an unselected row acts on that row alone; on the empty area, on the folder.
            if (!e) sel.clear();
            else if (!sel.selected.has(e.path)) sel.selectOnly(e.path);
          }}
          onMenuAction={onMenuAction}
          onRowDragStart={(e, ev) => drop.startDrag(ev, sel.dragPaths(e), shown)}
          onRowDragOver={(e, ev) => isDirLike(e) && drop.allowDrop(ev, e.path)}
          onRowDrop={(e, ev) => drop.dropOn(ev, isDirLike(e) ? e.path : path)}
        />
      )}
      <footer className="pane-status muted">
        {shown.length} items{selection.length ? `, ${selection.length} selected` : ''}
      </footer>
      {dialogs.naming && <NameDialog title={dialogs.naming.title} initial={dialogs.naming.initial} select={dialogs.naming.select} onCancel={dialogs.cancelName} onSubmit={dialogs.submitName} />}
      {dialogs.propertiesOf && <PropertiesDialog entry={dialogs.propertiesOf} onClose={dialogs.closeProperties} />}
      {dialogs.chmodOf && <ChmodDialog name={dialogs.chmodOf.name} mode={dialogs.chmodOf.mode} onCancel={dialogs.cancelChmod} onApply={dialogs.applyChmod} />}
    </section>
  );
}

/**
 * Closing a dialog this pane opened (its own, or the delete confirmation it
 * asked for) gives the list the focus back, so a keyboard user carries on
 * where they were rather than from the top of the page.
 */
function useFocusBackAfterDialogs(list: RefObject<HTMLDivElement | null>, ownDialog: boolean) {
  const confirming = useStore((s) => s.dialog !== null);
  const askedToConfirm = useRef(false);
  const open = ownDialog || (confirming && askedToConfirm.current);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!open && wasOpen.current) {
      askedToConfirm.current = false;
      if (!document.activeElement || document.activeElement === document.body) list.current?.focus();
    }
    wasOpen.current = open;
  }, [open, list]);
  /** Call before showing the app-wide confirmation, so its closing brings the focus back here. */
  return () => void (askedToConfirm.current = true);
}
