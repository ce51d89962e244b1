// Opening the command palette (Ctrl+K), running what it lists through the
// app's existing actions, and quick connect: a terminal to an address that is
// not saved, with "Save host" to keep it.
import type { HostView } from '../../src-shared/contract';
import { isSshTargetError, parseSshTarget } from '../../src-shared/ssh-target';
import { useStore } from '../store/store';
import { freeOrdinal } from '../store/sessions-slice';
import type { KeyLike } from '../terminal/tab-shortcuts';
import { connectTab, openHostTab } from '../terminal/tab-actions';
import { splitFocused } from '../terminal/pane-actions';
import { toggleBroadcast } from '../terminal/broadcast-actions';
import { openFilesTab } from '../files/files-actions';
import { toggleTunnel } from '../tunnels/tunnel-actions';
import { openSnippetPicker } from '../snippets/snippet-actions';
import type { PaletteCommand } from './palette-items';

export function openPalette(): void {
  useStore.getState().showDialog({ kind: 'palette' });
}

/** Ctrl+K, wherever the focus is (the terminal swallows it: see keys/keymap). */
export function paletteKey(e: KeyLike): (() => void) | null {
  if (e.ctrlKey && !e.shiftKey && !e.altKey && !e.metaKey && (e.code === 'KeyK' || e.key.toLowerCase() === 'k')) return openPalette;
  return null;
}

/** Closes the palette first, so focus goes back where it was before an action moves it (a new tab, a dialog). */
export function runPaletteCommand(command: PaletteCommand): void {
  const store = useStore.getState();
  store.showDialog(null);
  const host = (id: string) => store.tree.hosts.find((h) => h.id === id);
  switch (command.kind) {
    case 'connect-address':
      quickConnect(command.address);
      return;
    case 'connect': {
      const h = host(command.hostId);
      if (h) openHostTab(h);
      return;
    }
    case 'files': {
      const h = host(command.hostId);
      if (h) openFilesTab(h);
      return;
    }
    case 'tunnel':
      void toggleTunnel(command.hostId, command.forwardId, command.on);
      return;
    case 'new-host':
      store.showDialog({ kind: 'host-form', host: null, folderId: null });
      return;
    case 'import':
      store.showDialog({ kind: 'import' });
      return;
    case 'keys':
      store.showDialog({ kind: 'keys' });
      return;
    case 'settings':
      store.showDialog({ kind: 'settings' });
      return;
    case 'split':
      splitFocused(command.direction);
      return;
    case 'broadcast':
      toggleBroadcast();
      return;
    case 'snippets':
      openSnippetPicker();
      return;
  }
}

let unsavedCounter = 0;

/** A terminal to `user@host:port` without saving it; main checks the address again and asks about the host key as for any host. */
export function quickConnect(address: string): string | null {
  const target = parseSshTarget(address);
  if (isSshTargetError(target)) return null;
  const store = useStore.getState();
  const tabId = store.addTab({ id: `unsaved-${++unsavedCounter}`, name: address, username: target.user ?? '', host: target.host, port: target.port ?? 22 });
  store.updateTab(tabId, { address, message: `Connecting to ${address}…` });
  void connectTab(tabId);
  return tabId;
}

/** The host form, filled from the tab's address; once saved, every tab to that address belongs to the new host. */
export function saveUnsavedTab(tabId: string): void {
  const tab = useStore.getState().tabs.find((t) => t.tabId === tabId);
  const target = tab?.address ? parseSshTarget(tab.address) : null;
  if (!tab?.address || !target || isSshTargetError(target)) return;
  const address = tab.address;
  useStore.getState().showDialog({
    kind: 'host-form',
    host: null,
    folderId: null,
    prefill: { name: target.host, host: target.host, port: target.port ?? 22, ...(target.user ? { username: target.user } : {}) },
    onSaved: (saved) => adoptTabs(address, saved),
  });
}

function adoptTabs(address: string, saved: HostView): void {
  const store = useStore.getState();
  for (const tab of store.tabs.filter((t) => t.address === address)) {
    const kind = tab.kind;
    store.updateTab(tab.tabId, { hostId: saved.id, title: saved.name, address: undefined, ordinal: freeOrdinal(useStore.getState().tabs, saved.id, kind) });
  }
}
