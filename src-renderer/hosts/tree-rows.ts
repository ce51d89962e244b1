// Flattens the saved folders and hosts into the rows the tree shows, honouring
// which folders are open and the search filter.
import type { FolderView, HostTree, HostView } from '../../src-shared/contract';

export type TreeRow =
  | { kind: 'folder'; id: string; name: string; depth: number; parentId: string | null; open: boolean; folder: FolderView }
  | { kind: 'host'; id: string; name: string; depth: number; parentId: string | null; host: HostView };

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });

export function hostMatches(host: HostView, filter: string): boolean {
  const q = filter.trim().toLowerCase();
  if (!q) return true;
  return [host.name, host.host, host.username, `${host.username}@${host.host}`].some((s) => s.toLowerCase().includes(q));
}

export function buildRows(tree: HostTree, expanded: Record<string, boolean>, filter: string): TreeRow[] {
  const filtering = filter.trim() !== '';
  const rows: TreeRow[] = [];
  const visit = (parentId: string | null, depth: number): boolean => {
    let any = false;
    for (const folder of tree.folders.filter((f) => f.parentId === parentId).sort(byName)) {
      const at = rows.length;
      const open = filtering || (expanded[folder.id] ?? true);
      rows.push({ kind: 'folder', id: folder.id, name: folder.name, depth, parentId, open, folder });
      const childMatched = open ? visit(folder.id, depth + 1) : false;
      const selfMatched = folder.name.toLowerCase().includes(filter.trim().toLowerCase());
      // While filtering, a folder stays only if something inside it matched.
      if (filtering && !childMatched && !selfMatched) rows.splice(at);
      else any = true;
    }
    for (const host of tree.hosts.filter((h) => h.folderId === parentId).sort(byName)) {
      if (!hostMatches(host, filter)) continue;
      rows.push({ kind: 'host', id: host.id, name: host.name, depth, parentId, host });
      any = true;
    }
    return any;
  };
  visit(null, 0);
  return rows;
}
