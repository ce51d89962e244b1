// The terminal toolbar's "Open files here": a Files tab at the shell's folder.
import { FolderOpen } from 'lucide-react';
import { useStore } from '../store/store';
import { openFilesHere } from './files-here';

export function FilesHereButton() {
  const connected = useStore((s) => s.tabs.find((t) => t.tabId === s.activeTabId)?.state === 'connected');
  return (
    <button className="toolbar-button" aria-label="Open files here" aria-keyshortcuts="Control+Shift+O" title="Open files here: the shell's current folder in a Files tab (Ctrl+Shift+O)" disabled={!connected} onClick={() => void openFilesHere()}>
      <FolderOpen size={16} aria-hidden />
      Files here
    </button>
  );
}
