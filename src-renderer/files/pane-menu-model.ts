// What a file pane's context menu offers, for what was right-clicked: some
// rows (the selection) or the empty area (the folder itself).
import type { FileEntry } from '../../src-shared/contract';
import { isDirLike } from './file-pane-model';

export type PaneMenuAction = 'open' | 'transfer' | 'rename' | 'delete' | 'permissions' | 'properties' | 'copy-path' | 'new-folder' | 'refresh' | 'edit';

/** A remote file (or a link to one) that Edit locally can open. */
export const canEditLocally = (side: 'local' | 'remote', e: FileEntry | null | undefined): e is FileEntry =>
  side === 'remote' && !!e && (e.kind === 'file' || (e.kind === 'symlink' && e.targetKind === 'file'));

export interface PaneMenuItem {
  action: PaneMenuAction;
  label: string;
  /** The key that does the same, shown beside the label. */
  hint?: string;
  disabled?: boolean;
  /** Starts a new group: a separator goes above it. */
  group?: boolean;
}

/** Upload on this computer's side, Download on the server's. */
export const transferLabel = (side: 'local' | 'remote') => (side === 'local' ? 'Upload' : 'Download');

/**
 * @param targets the selected rows the menu acts on; empty for the folder's own menu
 * @param canTransfer whether the other pane has a folder to copy into
 */
export function paneMenuItems(side: 'local' | 'remote', targets: readonly FileEntry[], canTransfer: boolean): PaneMenuItem[] {
  if (targets.length === 0) {
    return [
      { action: 'new-folder', label: 'New folder' },
      { action: 'copy-path', label: 'Copy path' },
      { action: 'refresh', label: 'Refresh', group: true },
    ];
  }
  const one = targets.length === 1 ? targets[0]! : null;
  const items: PaneMenuItem[] = [];
  // Folders open here; a remote file opens in the user's editor (Edit locally).
  if (one && isDirLike(one)) items.push({ action: 'open', label: 'Open', hint: 'Enter' });
  items.push({ action: 'transfer', label: transferLabel(side), hint: 'F5', disabled: !canTransfer });
  if (canEditLocally(side, one)) items.push({ action: 'edit', label: 'Edit locally', hint: 'F4' });
  items.push({ action: 'rename', label: 'Rename…', hint: 'F2', disabled: !one, group: true });
  items.push({ action: 'delete', label: 'Delete…', hint: 'Del' });
  // Local files keep the modes the OS gives them; changing them is a server task.
  if (side === 'remote') items.push({ action: 'permissions', label: 'Permissions…', disabled: !one });
  items.push({ action: 'properties', label: 'Properties', disabled: !one });
  items.push({ action: 'copy-path', label: one ? 'Copy path' : 'Copy paths', group: true });
  items.push({ action: 'new-folder', label: 'New folder' });
  return items;
}
