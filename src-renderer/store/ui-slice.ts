import type { StateCreator } from 'zustand';
import type { HostView } from '../../src-shared/contract';
import type { LogLine } from '../../src-shared/contract';
import type { Snippet } from '../../src-shared/contract';
import type { Store } from './store';

/** What a log dialog shows: a connection's log, or a test's verdict and log. */
export interface LogContent {
  /** Present for "Test connection": whether it worked, in one sentence. */
  verdict?: { ok: boolean; text: string };
  lines: LogLine[];
}

export type Dialog =
  | {
      kind: 'host-form';
      host: HostView | null;
      folderId: string | null;
      /** A new host's first values, and who to tell once it is saved (Save host after a quick connect). */
      prefill?: Partial<Pick<HostView, 'name' | 'host' | 'port' | 'username'>>;
      onSaved?: (host: HostView) => void;
    }
  | { kind: 'palette' }
  | { kind: 'confirm'; title: string; body: string; confirmLabel: string; onConfirm: () => Promise<void> | void }
  | { kind: 'log'; title: string; load: () => Promise<LogContent> }
  | { kind: 'import' }
  | { kind: 'export-ssh-config'; title: string; hostIds: string[]; folderIds: string[] }
  | { kind: 'snippets' }
  | { kind: 'snippet-form'; snippet: Snippet | null }
  | { kind: 'snippet-fill'; snippet: Snippet; names: string[] }
  | { kind: 'settings' }
  | { kind: 'keys' };

export interface UiSlice {
  dialog: Dialog | null;
  notices: string[];
  /** Last failure of a tree action, shown under the tree until dismissed. */
  treeError: string | null;
  expanded: Record<string, boolean>;
  canStoreSecrets: boolean;
  autoReconnect: boolean;
  filter: string;
  showDialog(dialog: Dialog | null): void;
  addNotices(notices: string[]): void;
  dismissNotice(index: number): void;
  setTreeError(message: string | null): void;
  setExpanded(folderId: string, open: boolean): void;
  setFilter(filter: string): void;
}

/** Where focus was when a dialog opened: closing it puts focus back there, so a keyboard user carries on in the tree. */
let focusBeforeDialog: HTMLElement | null = null;

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set, get) => ({
  dialog: null,
  notices: [],
  treeError: null,
  expanded: {},
  canStoreSecrets: false,
  autoReconnect: true,
  filter: '',
  showDialog: (dialog) => {
    if (dialog && !get().dialog) focusBeforeDialog = document.activeElement as HTMLElement | null;
    set({ dialog });
    if (!dialog) {
      const target = focusBeforeDialog;
      focusBeforeDialog = null;
      if (target?.isConnected) target.focus();
    }
  },
  addNotices: (notices) => set((s) => ({ notices: [...s.notices, ...notices] })),
  dismissNotice: (index) => set((s) => ({ notices: s.notices.filter((_, i) => i !== index) })),
  setTreeError: (treeError) => set({ treeError }),
  setExpanded: (folderId, open) => set((s) => ({ expanded: { ...s.expanded, [folderId]: open } })),
  setFilter: (filter) => set({ filter }),
});
