import { useState } from 'react';
import { Settings } from 'lucide-react';
import { useStore } from '../store/store';
import { HostTree } from '../hosts/HostTree';
import { createFolder } from '../hosts/tree-actions';
import { focusTreeResults } from '../hosts/tree-focus';

export function Sidebar() {
  const filter = useStore((s) => s.filter);
  const setFilter = useStore((s) => s.setFilter);
  const treeError = useStore((s) => s.treeError);
  const setTreeError = useStore((s) => s.setTreeError);
  const showDialog = useStore((s) => s.showDialog);
  const [newFolder, setNewFolder] = useState<string | null>(null);

  return (
    <aside className="sidebar">
      <div className="sidebar-tools">
        <button className="primary" onClick={() => showDialog({ kind: 'host-form', host: null, folderId: null })}>
          New host
        </button>
        <button onClick={() => setNewFolder('')}>New folder</button>
        <button onClick={() => showDialog({ kind: 'import' })} title="Import hosts from ~/.ssh/config">
          Import…
        </button>
        <button onClick={() => showDialog({ kind: 'keys' })} title="Generate a key, copy a key to a host">
          Keys…
        </button>
      </div>
      {newFolder !== null && (
        <form
          className="new-folder"
          onSubmit={(e) => {
            e.preventDefault();
            if (newFolder.trim()) void createFolder(newFolder.trim(), null);
            setNewFolder(null);
          }}
        >
          <input
            autoFocus
            aria-label="New folder name"
            placeholder="Folder name"
            value={newFolder}
            onChange={(e) => setNewFolder(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setNewFolder(null)}
          />
        </form>
      )}
      <input
        className="tree-filter"
        type="search"
        aria-label="Search hosts"
        placeholder="Search hosts"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => e.key === 'ArrowDown' && focusTreeResults() && e.preventDefault()}
      />
      {treeError && (
        <p className="tree-error" role="alert">
          {treeError} <button onClick={() => setTreeError(null)} aria-label="Dismiss">✕</button>
        </p>
      )}
      <HostTree />
      <div className="sidebar-foot">
        <button className="settings-button" aria-label="Settings" title="Settings (Ctrl+,)" onClick={() => showDialog({ kind: 'settings' })}>
          <Settings size={15} aria-hidden="true" />
        </button>
      </div>
    </aside>
  );
}
