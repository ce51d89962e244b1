import type { KeyboardEvent } from 'react';
import { FileList } from './FileList';
import { ChmodDialog } from './ChmodDialog';
import { NameDialog } from './NameDialog';
import { PropertiesDialog } from './PropertiesDialog';
import { crumbs, isDirLike, paneKeyCommand, parentPath } from './file-pane-model';
import type { FilesDrag, PaneApi } from './pane-api';
import { useDirectory } from './useDirectory';
import { useListView } from './useListView';
import { usePaneDialogs } from './usePaneDialogs';
import { usePaneDrop } from './usePaneDrop';
import { useSelection } from './useSelection';

interface Props {
  api: PaneApi;
  browserId: string;
  initialPath: string;
  /** Bumped when something (a finished transfer) may have changed this side. */
  refreshKey: number;
  /** Files dragged from the other pane were dropped on `targetDir` of this one. */
  onTransfer(drag: FilesDrag, targetDir: string): void;
}

export function FilePane({ api, browserId, initialPath, refreshKey, onTransfer }: Props) {
  const dir = useDirectory(api, initialPath, refreshKey);
  const view = useListView(dir.entries);
  const sel = useSelection(view.shown);
  const drop = usePaneDrop({ api, browserId, onTransfer, run: dir.run });
  const dialogs = usePaneDialogs(api, dir.path, dir.run);
  const { path } = dir;
  const { shown } = view;
  const { selection, one } = sel;
  const label = api.side === 'local' ? 'Local files' : 'Remote files';

  // A selection belongs to the folder it was made in.
  const go = async (to: string) => (await dir.go(to)) && sel.clear();
  const back = async () => (await dir.back()) && sel.clear();

  const onKeyDown = (ev: KeyboardEvent) => {
    const command = paneKeyCommand(ev);
    if (command === 'rename') dialogs.rename(one);
    else if (command === 'delete') dialogs.remove(selection);
    else if (command === 'up') void go(parentPath(path));
    else if (command === 'open' && one && isDirLike(one)) void go(one.path);
    else if (command === 'select-all') {
      ev.preventDefault();
      sel.selectAll();
    }
  };

  return (
    <section className="file-pane" aria-label={`${label} pane`} onDragOver={(ev) => drop.allowDrop(ev, path)} onDragLeave={drop.leave} onDrop={(ev) => drop.dropOn(ev, path)} data-drop={drop.dropTarget === path}>
      <div className="pane-bar">
        <button onClick={() => void back()} disabled={!dir.canGoBack} aria-label={`${label}: back`}>
          ←
        </button>
        <button onClick={() => void go(parentPath(path))} aria-label={`${label}: up`}>
          ↑
        </button>
        <button onClick={() => void dir.refresh()} aria-label={`${label}: refresh`}>
          ⟳
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
        <button onClick={() => dialogs.remove(selection)} disabled={selection.length === 0}>
          Delete
        </button>
        <button onClick={() => dialogs.showChmod(one)} disabled={!one}>
          Permissions
        </button>
        <button onClick={() => dialogs.showProperties(one)} disabled={!one}>
          Properties
        </button>
        <button onClick={() => one && void navigator.clipboard.writeText(one.path)} disabled={!one}>
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
          label={label}
          entries={shown}
          selected={sel.selected}
          dropTarget={drop.dropTarget}
          sortKey={view.sortKey}
          descending={view.descending}
          onSort={view.sortBy}
          onRowClick={sel.click}
          onOpen={(e) => isDirLike(e) && void go(e.path)}
          onKeyDown={onKeyDown}
          onRowDragStart={(e, ev) => drop.startDrag(ev, sel.dragPaths(e), shown)}
          onRowDragOver={(e, ev) => isDirLike(e) && drop.allowDrop(ev, e.path)}
          onRowDrop={(e, ev) => drop.dropOn(ev, isDirLike(e) ? e.path : path)}
        />
      )}
      <footer className="pane-status muted">
        {shown.length} items{selection.length ? `, ${selection.length} selected` : ''}
      </footer>
      {dialogs.naming && <NameDialog title={dialogs.naming.title} initial={dialogs.naming.initial} onCancel={dialogs.cancelName} onSubmit={dialogs.submitName} />}
      {dialogs.propertiesOf && <PropertiesDialog entry={dialogs.propertiesOf} onClose={dialogs.closeProperties} />}
      {dialogs.chmodOf && <ChmodDialog name={dialogs.chmodOf.name} mode={dialogs.chmodOf.mode} onCancel={dialogs.cancelChmod} onApply={dialogs.applyChmod} />}
    </section>
  );
}
