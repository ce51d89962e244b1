// Flattens the saved folders and hosts into the rows the tree shows, honouring
// which folders are open and the search filter.
import type { FolderView, HostTree, HostView } from '../../src-shared/contract';

export type TreeRow =
  | { kind: 'folder'; id: string; name: string; depth: number; parentId: string | null; open: boolean; folder: FolderView }
  | { kind: 'host'; id: string; name: string; depth: number; parentId: string | null; host: HostView };

// One collator for every comparison: localeCompare with options builds one per call,
// which made sorting 2,000 hosts cost more than rendering them.
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);

const haystack = (host: HostView) => [host.name, host.host, host.username, `${host.username}@${host.host}`].map((s) => s.toLowerCase());

export function hostMatches(host: HostView, filter: string): boolean {
  const q = filter.trim().toLowerCase();
  if (!q) return true;
  return haystack(host).some((s) => s.includes(q));
}

/** The tree grouped by parent and sorted once per loaded tree, so each keystroke of a search only matches. */
interface Index {
  folders: Map<string | null, FolderView[]>;
  hosts: Map<string | null, { host: HostView; text: string[] }[]>;
}

const indexes = new WeakMap<HostTree, Index>();

function indexOf(tree: HostTree): Index {
  let index = indexes.get(tree);
  if (index) return index;
  index = { folders: new Map(), hosts: new Map() };
  for (const folder of [...tree.folders].sort(byName)) {
    const list = index.folders.get(folder.parentId) ?? [];
    list.push(folder);
    index.folders.set(folder.parentId, list);
  }
  for (const host of [...tree.hosts].sort(byName)) {
    const list = index.hosts.get(host.folderId) ?? [];
    list.push({ host, text: haystack(host) });
    index.hosts.set(host.folderId, list);
  }
  indexes.set(tree, index);
  return index;
}

// The same row object for the same host or folder, as long as it shows the same:
// the row components are memoised, so a search keystroke re-renders only rows that changed.
const rowCache = new WeakMap<object, TreeRow>();

function hostRow(host: HostView, depth: number, parentId: string | null): TreeRow {
  const cached = rowCache.get(host);
  if (cached && cached.depth === depth && cached.parentId === parentId) return cached;
  const row: TreeRow = { kind: 'host', id: host.id, name: host.name, depth, parentId, host };
  rowCache.set(host, row);
  return row;
}

function folderRow(folder: FolderView, depth: number, parentId: string | null, open: boolean): TreeRow {
  const cached = rowCache.get(folder);
  if (cached?.kind === 'folder' && cached.depth === depth && cached.parentId === parentId && cached.open === open) return cached;
  const row: TreeRow = { kind: 'folder', id: folder.id, name: folder.name, depth, parentId, open, folder };
  rowCache.set(folder, row);
  return row;
}

export function buildRows(tree: HostTree, expanded: Record<string, boolean>, filter: string): TreeRow[] {
  const q = filter.trim().toLowerCase();
  const filtering = q !== '';
  const index = indexOf(tree);
  const rows: TreeRow[] = [];
  const visit = (parentId: string | null, depth: number): boolean => {
    let any = false;
    for (const folder of index.folders.get(parentId) ?? []) {
      const at = rows.length;
      const open = filtering || (expanded[folder.id] ?? true);
      rows.push(folderRow(folder, depth, parentId, open));
      const childMatched = open ? visit(folder.id, depth + 1) : false;
      const selfMatched = folder.name.toLowerCase().includes(q);
      // While filtering, a folder stays only if something inside it matched.
      if (filtering && !childMatched && !selfMatched) rows.splice(at);
      else any = true;
    }
    for (const { host, text } of index.hosts.get(parentId) ?? []) {
      if (filtering && !text.some((s) => s.includes(q))) continue;
      rows.push(hostRow(host, depth, parentId));
      any = true;
    }
    return any;
  };
  visit(null, 0);
  return rows;
}
