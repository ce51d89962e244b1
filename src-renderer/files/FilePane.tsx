import { useCallback, useEffect, useMemo, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { FileEntry } from '../../src-shared/contract';
import { useStore } from '../store/store';
import { warren } from '../api/warren';
import { FileList } from './FileList';
import { ChmodDialog } from './ChmodDialog';
import { NameDialog } from './NameDialog';
import { PropertiesDialog } from './PropertiesDialog';
import { crumbs, isDirLike, joinPath, onlyFiles, parentPath, visibleEntries, type SortKey } from './file-pane-model';
import { FILES_DRAG, type FilesDrag, type PaneApi } from './pane-api';
import { canDragOut, dragOut, hasStagedDrag, stagedDrag } from './drag-out';

interface Props {
  api: PaneApi;
  browserId: string;
  initialPath: string;
  /** Bumped when something (a finished transfer) may have changed this side. */
  refreshKey: number;
  /** Files dragged from the other pane were dropped on `targetDir` of this one. */
  onTransfer(drag: FilesDrag, targetDir: string): void;
}

/** Paths of files dragged in from the desktop, where the shell can tell them. */
function desktopPaths(ev: DragEvent): string[] {
  const pathFor = warren().pathForFile;
  if (!pathFor) return [];
  return [...ev.dataTransfer.files].map((f) => pathFor(f)).filter(Boolean);
}

export function FilePane({ api, browserId, initialPath, refreshKey, onTransfer }: Props) {
  const [path, setPath] = useState(initialPath);
  const [typed, setTyped] = useState(initialPath);
  const [history, setHistory] = useState<string[]>([]);
  const [entries, setEntries] = useState<FileEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [anchor, setAnchor] = useState<string | null>(null);
  const [sortKey, setSortKey] = useState<SortKey>('name');
  const [descending, setDescending] = useState(false);
  const [showHidden, setShowHidden] = useState(false);
  const [filter, setFilter] = useState('');
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const [chmodOf, setChmodOf] = useState<FileEntry | null>(null);
  const [propertiesOf, setPropertiesOf] = useState<FileEntry | null>(null);
  const [naming, setNaming] = useState<{ title: string; initial: string; done(name: string): void } | null>(null);
  const label = api.side === 'local' ? 'Local files' : 'Remote files';

  const load = useCallback(
    async (at: string) => {
      setLoading(true);
      try {
        const list = await api.list(at);
        setEntries(list);
        setError(null);
        return true;
      } catch (e) {
        setError((e as Error).message);
        return false;
      } finally {
        setLoading(false);
      }
    },
    [api],
  );

  const go = async (to: string, remember = true) => {
    if (await load(to)) {
      if (remember && to !== path) setHistory((h) => [...h, path]);
      setPath(to);
      setTyped(to);
      setSelected(new Set());
    } else setTyped(path);
  };

  useEffect(() => {
    void load(path);
    // Reload only when asked to (refreshKey), not on every path change: go() loads those.
  }, [refreshKey, load]);

  const shown = useMemo(() => visibleEntries(entries, { showHidden, filter, sortKey, descending }), [entries, showHidden, filter, sortKey, descending]);
  const selection = shown.filter((e) => selected.has(e.path));
  const one = selection.length === 1 ? selection[0]! : null;

  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
    await load(path);
  };

  const newFolder = () => setNaming({ title: 'New folder', initial: '', done: (name) => void run(() => api.mkdir(joinPath(path, name))) });
  const renameOne = () => {
    if (!one) return;
    setNaming({ title: `Rename ${one.name}`, initial: one.name, done: (name) => name !== one.name && void run(() => api.rename(one.path, joinPath(path, name))) });
  };
  const removeSelected = () => {
    if (selection.length === 0) return;
    const names = selection.map((e) => e.name).join(', ');
    useStore.getState().showDialog({
      kind: 'confirm',
      title: `Delete ${selection.length === 1 ? `“${names}”` : `${selection.length} items`}?`,
      body: `${names} will be deleted from ${api.side === 'local' ? 'this computer' : 'the server'}${selection.some(isDirLike) ? ', folders with everything in them' : ''}. This cannot be undone.`,
      confirmLabel: 'Delete',
      onConfirm: () => run(async () => {
        for (const e of selection) await api.remove(e.path);
      }),
    });
  };

  const onRowClick = (e: FileEntry, ev: MouseEvent) => {
    if (ev.shiftKey && anchor) {
      const a = shown.findIndex((x) => x.path === anchor);
      const b = shown.findIndex((x) => x.path === e.path);
      setSelected(new Set(shown.slice(Math.min(a, b), Math.max(a, b) + 1).map((x) => x.path)));
      return;
    }
    if (ev.ctrlKey || ev.metaKey) {
      const next = new Set(selected);
      if (next.has(e.path)) next.delete(e.path);
      else next.add(e.path);
      setSelected(next);
    } else setSelected(new Set([e.path]));
    setAnchor(e.path);
  };

  const onKeyDown = (ev: KeyboardEvent) => {
    if (ev.key === 'F2') renameOne();
    else if (ev.key === 'Delete') removeSelected();
    else if (ev.key === 'Backspace') void go(parentPath(path));
    else if (ev.key === 'Enter' && one && isDirLike(one)) void go(one.path);
    else if (ev.key === 'a' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      setSelected(new Set(shown.map((e) => e.path)));
    }
  };

  const readDrag = (ev: DragEvent): FilesDrag | null => {
    try {
      const drag = JSON.parse(ev.dataTransfer.getData(FILES_DRAG)) as FilesDrag;
      return drag.browserId === browserId ? drag : null;
    } catch {
      return null;
    }
  };
  const dropOn = (ev: DragEvent, dir: string) => {
    ev.preventDefault();
    ev.stopPropagation();
    setDropTarget(null);
    const fromDesktop = desktopPaths(ev);
    // Our own drag-out, dropped back on a pane: the remote drag it began as.
    const drag = (fromDesktop.length > 0 ? stagedDrag(fromDesktop) : null) ?? readDrag(ev);
    if (!drag && fromDesktop.length > 0 && api.side === 'remote') return onTransfer({ browserId, side: 'local', paths: fromDesktop }, dir);
    if (!drag) return;
    if (drag.side !== api.side) return onTransfer(drag, dir);
    // Within one side: move onto a folder (never into itself).
    const moving = drag.paths.filter((p) => p !== dir && parentPath(p) !== dir && !dir.startsWith(`${p}/`));
    if (moving.length) void run(async () => {
      for (const p of moving) await api.rename(p, joinPath(dir, p.slice(p.lastIndexOf('/') + 1)));
    });
  };
  const allowDrop = (ev: DragEvent, target: string) => {
    const desktop = (api.side === 'remote' || hasStagedDrag()) && ev.dataTransfer.types.includes('Files') && Boolean(warren().pathForFile);
    if (!ev.dataTransfer.types.includes(FILES_DRAG) && !desktop) return;
    ev.preventDefault();
    ev.stopPropagation();
    setDropTarget(target);
  };

  return (
    <section className="file-pane" aria-label={`${label} pane`} onDragOver={(ev) => allowDrop(ev, path)} onDragLeave={() => setDropTarget(null)} onDrop={(ev) => dropOn(ev, path)} data-drop={dropTarget === path}>
      <div className="pane-bar">
        <button onClick={() => history.length && void go(history[history.length - 1]!, false).then(() => setHistory((h) => h.slice(0, -1)))} disabled={!history.length} aria-label={`${label}: back`}>
          ←
        </button>
        <button onClick={() => void go(parentPath(path))} aria-label={`${label}: up`}>
          ↑
        </button>
        <button onClick={() => void load(path)} aria-label={`${label}: refresh`}>
          ⟳
        </button>
        <form
          className="path-form"
          onSubmit={(e) => {
            e.preventDefault();
            void go(typed.trim() || '/');
          }}
        >
          <input aria-label={`${label} path`} value={typed} onChange={(e) => setTyped(e.target.value)} />
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
        <button onClick={newFolder}>New folder</button>
        <button onClick={renameOne} disabled={!one}>
          Rename
        </button>
        <button onClick={removeSelected} disabled={selection.length === 0}>
          Delete
        </button>
        <button onClick={() => one && setChmodOf(one)} disabled={!one}>
          Permissions
        </button>
        <button onClick={() => one && setPropertiesOf(one)} disabled={!one}>
          Properties
        </button>
        <button onClick={() => one && void navigator.clipboard.writeText(one.path)} disabled={!one}>
          Copy path
        </button>
        <label className="inline">
          <input type="checkbox" checked={showHidden} onChange={(e) => setShowHidden(e.target.checked)} /> Hidden
        </label>
        <input className="pane-filter" aria-label={`${label} filter`} placeholder="Filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      {error && (
        <p className="form-error pane-error" role="alert">
          {error}
        </p>
      )}
      {loading && entries.length === 0 ? (
        <p className="muted">Loading…</p>
      ) : (
        <FileList
          label={label}
          entries={shown}
          selected={selected}
          dropTarget={dropTarget}
          sortKey={sortKey}
          descending={descending}
          onSort={(key) => (key === sortKey ? setDescending(!descending) : (setSortKey(key), setDescending(false)))}
          onRowClick={onRowClick}
          onOpen={(e) => isDirLike(e) && void go(e.path)}
          onKeyDown={onKeyDown}
          onRowDragStart={(e, ev) => {
            const paths = selected.has(e.path) ? [...selected] : [e.path];
            // In the app, remote files become an OS drag, so they can land on the desktop too.
            if (api.side === 'remote' && canDragOut() && onlyFiles(shown, paths)) {
              ev.preventDefault();
              void dragOut(browserId, paths);
              return;
            }
            ev.dataTransfer.setData(FILES_DRAG, JSON.stringify({ browserId, side: api.side, paths } satisfies FilesDrag));
            ev.dataTransfer.effectAllowed = 'copyMove';
          }}
          onRowDragOver={(e, ev) => isDirLike(e) && allowDrop(ev, e.path)}
          onRowDrop={(e, ev) => dropOn(ev, isDirLike(e) ? e.path : path)}
        />
      )}
      <footer className="pane-status muted">
        {shown.length} items{selection.length ? `, ${selection.length} selected` : ''}
      </footer>
      {naming && (
        <NameDialog
          title={naming.title}
          initial={naming.initial}
          onCancel={() => setNaming(null)}
          onSubmit={(name) => {
            setNaming(null);
            naming.done(name);
          }}
        />
      )}
      {propertiesOf && <PropertiesDialog entry={propertiesOf} onClose={() => setPropertiesOf(null)} />}
      {chmodOf && (
        <ChmodDialog
          name={chmodOf.name}
          mode={chmodOf.mode}
          onCancel={() => setChmodOf(null)}
          onApply={(mode) => {
            const target = chmodOf;
            setChmodOf(null);
            void run(() => api.chmod(target.path, mode));
          }}
        />
      )}
    </section>
  );
}
