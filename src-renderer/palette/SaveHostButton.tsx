// "Save host" in the terminal toolbar while the focused tab is a quick
// connection (an address typed in the palette, not a saved host).
import { BookmarkPlus } from 'lucide-react';
import { useStore } from '../store/store';
import { saveUnsavedTab } from './palette-actions';

export function SaveHostButton() {
  const tab = useStore((s) => s.tabs.find((t) => t.tabId === s.activeTabId));
  if (!tab?.address) return null;
  return (
    <button className="toolbar-button save-host" title={`Save ${tab.address} as a host`} onClick={() => saveUnsavedTab(tab.tabId)}>
      <BookmarkPlus size={16} aria-hidden />
      Save host
    </button>
  );
}
