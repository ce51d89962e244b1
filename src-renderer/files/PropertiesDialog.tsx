import type { FileEntry } from '../../src-shared/contract';
import { formatMode, formatSize } from './file-pane-model';

export function PropertiesDialog({ entry, onClose }: { entry: FileEntry; onClose(): void }) {
  const rows: [string, string][] = [
    ['Name', entry.name],
    ['Path', entry.path],
    ['Kind', entry.kind === 'dir' ? 'Folder' : entry.kind === 'symlink' ? 'Symbolic link' : entry.kind === 'file' ? 'File' : 'Other'],
    ['Size', `${formatSize(entry.size)} (${entry.size.toLocaleString()} bytes)`],
    ['Modified', new Date(entry.mtimeMs).toLocaleString()],
    ['Mode', `${formatMode(entry.mode, entry.kind)} (${(entry.mode & 0o7777).toString(8).padStart(4, '0')})`],
    ['Owner', `uid ${entry.uid}, gid ${entry.gid}`],
  ];
  if (entry.kind === 'symlink') rows.push(['Link target', `${entry.linkTarget ?? ''}${entry.targetKind === 'missing' ? ' (missing)' : ''}`]);
  return (
    <div className="dialog-backdrop" role="presentation">
      <div role="dialog" aria-label="Properties" className="dialog" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <h2>Properties</h2>
        <dl className="fingerprint">
          {rows.map(([k, v]) => (
            <div key={k} style={{ display: 'contents' }}>
              <dt>{k}</dt>
              <dd className={k === 'Path' || k === 'Mode' ? 'mono' : undefined}>{v}</dd>
            </div>
          ))}
        </dl>
        <div className="dialog-buttons">
          <button autoFocus onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
