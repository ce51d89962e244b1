// The host tree's right-click menu (Radix: focus, arrow keys, type-ahead and
// dismissal come with it). One menu for the whole tree: the row that was
// right-clicked (or focused, for Shift+F10) says what it offers. A chosen
// action runs once the menu has closed and handed the focus back to the row,
// so a dialog or tab it opens keeps the focus it takes.
import { useRef, useState, type ReactElement } from 'react';
import * as ContextMenu from '@radix-ui/react-context-menu';
import { Activity, Cable, ChevronDown, ClipboardCopy, CopyPlus, FileCode, FolderInput, FolderOpen, Pencil, Play, Plus, Star, StarOff, TextCursorInput, Trash, ChevronRight } from 'lucide-react';
import type { FolderView } from '../../src-shared/contract';
import { useStore } from '../store/store';
import { openHostTab } from '../terminal/tab-actions';
import { openFilesTab } from '../files/files-actions';
import { testConnection } from '../app/log-actions';
import type { TreeRow } from './tree-rows';
import { confirmDelete, copySshCommand, duplicateHost, moveNode, setFavourite } from './tree-actions';

interface Props {
  /** The row the menu is about; null over the tree's empty space. */
  target: TreeRow | null;
  /** Set just before a keyboard opening, so the first item gets the focus. */
  openedByKeyboard: { current: boolean };
  /** Gives the focus back to a row (or the tree) once the menu has closed. */
  onClosed(rowId: string | null): void;
  onRename(row: TreeRow): void;
  /** Selects a new row (the copy a Duplicate made). */
  onSelect(id: string): void;
  children: ReactElement;
}

/** "Production / Staging": where a folder sits, for the Move submenu. */
function folderPaths(folders: FolderView[]): { id: string; path: string }[] {
  const byId = new Map(folders.map((f) => [f.id, f]));
  const pathOf = (f: FolderView, seen = new Set<string>()): string => {
    const parent = f.parentId ? byId.get(f.parentId) : undefined;
    if (!parent || seen.has(parent.id)) return f.name;
    seen.add(parent.id);
    return `${pathOf(parent, seen)} / ${f.name}`;
  };
  return folders.map((f) => ({ id: f.id, path: pathOf(f) })).sort((a, b) => a.path.localeCompare(b.path, undefined, { sensitivity: 'base', numeric: true }));
}

function Item({ icon, label, hint, danger, onSelect, disabled }: { icon: ReactElement; label: string; hint?: string; danger?: boolean; disabled?: boolean; onSelect(): void }) {
  return (
    <ContextMenu.Item className={`ctx-item tree-menu-item${danger ? ' danger' : ''}`} disabled={disabled ?? false} onSelect={onSelect}>
      <span className="tree-menu-icon" aria-hidden="true">
        {icon}
      </span>
      <span>{label}</span>
      {hint && <span className="ctx-hint">{hint}</span>}
    </ContextMenu.Item>
  );
}

export function TreeContextMenu({ target, openedByKeyboard, onClosed, onRename, onSelect, children }: Props) {
  const folders = useStore((s) => s.tree.folders);
  const showDialog = useStore((s) => s.showDialog);
  const setTunnelsOpen = useStore((s) => s.setTunnelsOpen);
  const setExpanded = useStore((s) => s.setExpanded);
  const exportAs = (title: string, hostIds: string[], folderIds: string[] = []) => later(() => showDialog({ kind: 'export-ssh-config', title, hostIds, folderIds }));
  const pending = useRef<(() => void) | null>(null);
  const content = useRef<HTMLDivElement>(null);
  // The items are built only while the menu is open: the tree re-renders on every search keystroke.
  const [open, setOpen] = useState(false);
  const later = (action: () => void) => () => (pending.current = action);
  const icon = (Icon: typeof Play) => <Icon size={14} />;

  const items = (() => {
    if (!open) return null;
    if (!target) {
      return (
        <>
          <Item icon={icon(Plus)} label="New host…" onSelect={later(() => showDialog({ kind: 'host-form', host: null, folderId: null }))} />
          <Item icon={icon(FileCode)} label="Export all as ssh config…" onSelect={exportAs('Export all hosts as ssh config', useStore.getState().tree.hosts.map((h) => h.id))} />
        </>
      );
    }
    if (target.kind === 'group') {
      return <Item icon={icon(target.open ? ChevronDown : ChevronRight)} label={target.open ? 'Collapse' : 'Expand'} hint={target.open ? '←' : '→'} onSelect={later(() => setExpanded(target.id, !target.open))} />;
    }
    if (target.kind === 'folder') {
      return (
        <>
          <Item icon={icon(Plus)} label="New host here…" onSelect={later(() => showDialog({ kind: 'host-form', host: null, folderId: target.id }))} />
          <Item icon={icon(TextCursorInput)} label="Rename" hint="F2" onSelect={later(() => onRename(target))} />
          <Item icon={icon(FileCode)} label="Export as ssh config…" onSelect={exportAs(`Export ${target.name} as ssh config`, [], [target.id])} />
          <ContextMenu.Separator className="ctx-separator" />
          <Item icon={icon(Trash)} label="Delete…" hint="Del" danger onSelect={later(() => confirmDelete('folder', target.id, target.name))} />
        </>
      );
    }
    const host = target.host;
    return (
      <>
        <Item icon={icon(Play)} label="Connect" hint="Enter" onSelect={later(() => openHostTab(host))} />
        <Item icon={icon(FolderOpen)} label="Open files" onSelect={later(() => openFilesTab(host))} />
        <Item icon={icon(Cable)} label="Tunnels" onSelect={later(() => setTunnelsOpen(true, host.id))} />
        <Item icon={icon(Activity)} label="Test connection" onSelect={later(() => testConnection(host))} />
        <Item
          icon={icon(host.favourite ? StarOff : Star)}
          label={host.favourite ? 'Remove from Favourites' : 'Add to Favourites'}
          onSelect={later(() => void setFavourite(host, !host.favourite))}
        />
        <ContextMenu.Separator className="ctx-separator" />
        <Item icon={icon(Pencil)} label="Edit…" onSelect={later(() => showDialog({ kind: 'host-form', host, folderId: host.folderId }))} />
        <Item icon={icon(TextCursorInput)} label="Rename" hint="F2" onSelect={later(() => onRename(target))} />
        <Item icon={icon(CopyPlus)} label="Duplicate" onSelect={later(() => void duplicateHost(host).then((copy) => copy && onSelect(copy.id)))} />
        <Item icon={icon(ClipboardCopy)} label="Copy ssh command" onSelect={later(() => void copySshCommand(host))} />
        <Item icon={icon(FileCode)} label="Export as ssh config…" onSelect={exportAs(`Export ${host.name} as ssh config`, [host.id])} />
        <ContextMenu.Sub>
          <ContextMenu.SubTrigger className="ctx-item tree-menu-item">
            <span className="tree-menu-icon" aria-hidden="true">
              {icon(FolderInput)}
            </span>
            <span>Move to folder</span>
            <span className="ctx-hint" aria-hidden="true">
              <ChevronRight size={14} />
            </span>
          </ContextMenu.SubTrigger>
          <ContextMenu.Portal>
            <ContextMenu.SubContent className="ctx-menu tree-menu" aria-label="Move to folder" sideOffset={2} collisionPadding={8}>
              <Item icon={<span />} label="Top level" disabled={host.folderId === null} onSelect={later(() => void moveNode('host', host.id, null))} />
              {folderPaths(folders).map((f) => (
                <Item key={f.id} icon={<span />} label={f.path} disabled={host.folderId === f.id} onSelect={later(() => void moveNode('host', host.id, f.id))} />
              ))}
            </ContextMenu.SubContent>
          </ContextMenu.Portal>
        </ContextMenu.Sub>
        <ContextMenu.Separator className="ctx-separator" />
        <Item icon={icon(Trash)} label="Delete…" hint="Del" danger onSelect={later(() => confirmDelete('host', host.id, host.name))} />
      </>
    );
  })();

  return (
    <ContextMenu.Root
      modal
      onOpenChange={(nowOpen) => {
        setOpen(nowOpen);
        if (!nowOpen || !openedByKeyboard.current) return;
        openedByKeyboard.current = false;
        // Radix focuses the menu itself; from the keyboard the first item is where Enter should go.
        requestAnimationFrame(() => content.current?.querySelector<HTMLElement>('[role="menuitem"]:not([data-disabled])')?.focus());
      }}
    >
      <ContextMenu.Trigger asChild>{children}</ContextMenu.Trigger>
      <ContextMenu.Portal>
        <ContextMenu.Content
          ref={content}
          className="ctx-menu tree-menu"
          aria-label={target ? (target.kind === 'group' ? target.name : `${target.kind === 'host' ? 'Host' : 'Folder'} ${target.name}`) : 'Saved hosts'}
          collisionPadding={8}
          onCloseAutoFocus={(ev) => {
            ev.preventDefault();
            onClosed(target?.id ?? null);
            const action = pending.current;
            pending.current = null;
            action?.();
          }}
        >
          {items}
        </ContextMenu.Content>
      </ContextMenu.Portal>
    </ContextMenu.Root>
  );
}
