// The right-click menu of a file pane (Radix: focus, arrow keys, typeahead and
// dismissal come with it). The chosen action runs once the menu has closed and
// given the focus back to the list, so a dialog it opens keeps its own focus.
import { Fragment, useRef, type ReactElement, type RefObject } from 'react';
import * as ContextMenu from '@radix-ui/react-context-menu';
import { ClipboardCopy, Download, FilePen, FolderOpen, FolderPlus, Info, KeyRound, Pencil, RefreshCw, Trash2, Upload, type LucideIcon } from 'lucide-react';
import { transferLabel, type PaneMenuAction, type PaneMenuItem } from './pane-menu-model';

const icons: Record<PaneMenuAction, LucideIcon> = {
  open: FolderOpen,
  transfer: Upload,
  rename: Pencil,
  delete: Trash2,
  permissions: KeyRound,
  properties: Info,
  'copy-path': ClipboardCopy,
  'new-folder': FolderPlus,
  refresh: RefreshCw,
  edit: FilePen,
};

interface Props {
  label: string;
  items: PaneMenuItem[];
  /** The list the menu belongs to: the focus returns there. */
  listRef: RefObject<HTMLElement | null>;
  /** Set just before a keyboard opening, so the first item gets the focus. */
  openedByKeyboard: RefObject<boolean>;
  onAction(action: PaneMenuAction): void;
  children: ReactElement;
}

export function PaneContextMenu({ label, items, listRef, openedByKeyboard, onAction, children }: Props) {
  const pending = useRef<PaneMenuAction | null>(null);
  const content = useRef<HTMLDivElement>(null);
  return (
    <ContextMenu.Root
      modal
      onOpenChange={(open) => {
        if (!open || !openedByKeyboard.current) return;
        openedByKeyboard.current = false;
        // Opened from the keyboard: start on the first item, as a menu button does (Radix focuses the menu itself, once mounted).
        setTimeout(() => content.current?.querySelector<HTMLElement>('[role="menuitem"]:not([data-disabled])')?.focus());
      }}
    >
      <ContextMenu.Trigger asChild>{children}</ContextMenu.Trigger>
      <ContextMenu.Portal>
        <ContextMenu.Content
          ref={content}
          className="ctx-menu"
          aria-label={`${label} menu`}
          onCloseAutoFocus={(ev) => {
            ev.preventDefault();
            listRef.current?.focus({ preventScroll: true });
            const action = pending.current;
            pending.current = null;
            if (action) onAction(action);
          }}
        >
          {items.map((item) => {
            const Icon = item.action === 'transfer' && item.label === transferLabel('remote') ? Download : icons[item.action];
            return (
              <Fragment key={item.action}>
                {item.group && <ContextMenu.Separator className="ctx-separator" />}
                <ContextMenu.Item
                  className={`ctx-item${item.action === 'delete' ? ' danger' : ''}`}
                  disabled={item.disabled ?? false}
                  aria-keyshortcuts={item.hint === 'Del' ? 'Delete' : item.hint}
                  onSelect={() => (pending.current = item.action)}
                >
                  <Icon className="ctx-icon" size={14} aria-hidden="true" />
                  <span>{item.label}</span>
                  {item.hint && (
                    <span className="ctx-hint" aria-hidden="true">
                      {item.hint}
                    </span>
                  )}
                </ContextMenu.Item>
              </Fragment>
            );
          })}
        </ContextMenu.Content>
      </ContextMenu.Portal>
    </ContextMenu.Root>
  );
}
