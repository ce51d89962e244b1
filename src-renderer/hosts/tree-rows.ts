// Flattens the saved folders and hosts into the rows the tree shows, honouring
// which folders are open and the search filter.
import type { FolderView, HostTree, HostView } from '../../src-shared/contract';

/** The groups pinned above the folders. */
export type GroupId = 'favourites' | 'recent';

export type TreeRow =
  | { kind: 'group'; id: string; name: string; depth: 0; parentId: null; open: boolean; group: GroupId; count: number }
  | { kind: 'folder'; id: string; name: string; depth: number; parentId: string | null; open: boolean; folder: FolderView }
  /** `pinned`: this row is the host's copy in Favourites or Recent (its id is then `group:hostId`; the host's own id is `host.id`). */
  | { kind: 'host'; id: string; name: string; depth: number; parentId: string | null; host: HostView; pinned?: GroupId };

/** How many hosts the Recent group shows. */
export const RECENT_LIMIT = 8;

const groupNames: Record<GroupId, string> = { favourites: 'Favourites', recent: 'Recent' };
export const groupRowId = (group: GroupId) => `group:${group}`;

// One collator for every comparison: localeCompare with options builds one per call,
// which made sorting 2,000 hosts cost more than rendering them.
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);

const haystack = (host: HostView) => [host.name, host.host, host.username, `${host.username}@${host.host}`, ...host.tags].map((s) => s.toLowerCase());
const lowerTags = (host: HostView) => host.tags.map((t) => t.toLowerCase());

/** A search as typed: `tag:prod` words (a tag starting with it) and the rest as plain text (name, address, user or a tag containing it). */
export interface HostQuery {
  text: string;
  tags: string[];
}

export function parseQuery(filter: string): HostQuery {
  const tags: string[] = [];
  const text = filter.replace(/(^|\s)tag:(\S*)/gi, (_all, _space: string, tag: string) => {
    if (tag) tags.push(tag.toLowerCase());
    return ' ';
  });
  return { text: text.trim().toLowerCase(), tags };
}

const isBlank = (q: HostQuery) => q.text === '' && q.tags.length === 0;

function entryMatches(entry: Entry, q: HostQuery): boolean {
  if (q.tags.length > 0 && !q.tags.every((t) => entry.tags.some((tag) => tag.startsWith(t)))) return false;
  return q.text === '' || entry.text.some((s) => s.includes(q.text));
}

export function hostMatches(host: HostView, filter: string): boolean {
  return entryMatches({ host, text: haystack(host), tags: lowerTags(host) }, parseQuery(filter));
}

/** The hosts most recently connected to, newest first (the tree's Recent group; the command palette reads it too). */
export function recentHosts(hosts: readonly HostView[], limit = RECENT_LIMIT): HostView[] {
  return hosts
    .filter((h) => h.lastConnectedAt !== null)
    .sort((a, b) => b.lastConnectedAt! - a.lastConnectedAt!)
    .slice(0, limit);
}

interface Entry {
  host: HostView;
  text: string[];
  tags: string[];
}

/** The tree grouped by parent and sorted once per loaded tree, so each keystroke of a search only matches. */
interface Index {
  folders: Map<string | null, FolderView[]>;
  hosts: Map<string | null, Entry[]>;
  groups: Record<GroupId, Entry[]>;
}

const indexes = new WeakMap<HostTree, Index>();

function indexOf(tree: HostTree): Index {
  let index = indexes.get(tree);
  if (index) return index;
  index = { folders: new Map(), hosts: new Map(), groups: { favourites: [], recent: [] } };
  const entries = new Map<HostView, Entry>();
  for (const folder of [...tree.folders].sort(byName)) {
    const list = index.folders.get(folder.parentId) ?? [];
    list.push(folder);
    index.folders.set(folder.parentId, list);
  }
  for (const host of [...tree.hosts].sort(byName)) {
    const list = index.hosts.get(host.folderId) ?? [];
    const entry: Entry = { host, text: haystack(host), tags: lowerTags(host) };
    entries.set(host, entry);
    list.push(entry);
    index.hosts.set(host.folderId, list);
    if (host.favourite) index.groups.favourites.push(entry);
  }
  index.groups.recent = recentHosts(tree.hosts).map((h) => entries.get(h)!);
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

const pinnedCache: Record<GroupId, WeakMap<HostView, TreeRow>> = { favourites: new WeakMap(), recent: new WeakMap() };

function pinnedRow(host: HostView, group: GroupId): TreeRow {
  const cache = pinnedCache[group];
  const cached = cache.get(host);
  if (cached) return cached;
  const row: TreeRow = { kind: 'host', id: `${group}:${host.id}`, name: host.name, depth: 1, parentId: groupRowId(group), host, pinned: group };
  cache.set(host, row);
  return row;
}

function groupRow(group: GroupId, open: boolean, count: number): TreeRow {
  return { kind: 'group', id: groupRowId(group), name: groupNames[group], depth: 0, parentId: null, open, group, count };
}

function folderRow(folder: FolderView, depth: number, parentId: string | null, open: boolean): TreeRow {
  const cached = rowCache.get(folder);
  if (cached?.kind === 'folder' && cached.depth === depth && cached.parentId === parentId && cached.open === open) return cached;
  const row: TreeRow = { kind: 'folder', id: folder.id, name: folder.name, depth, parentId, open, folder };
  rowCache.set(folder, row);
  return row;
}

export function buildRows(tree: HostTree, expanded: Record<string, boolean>, filter: string): TreeRow[] {
  const q = parseQuery(filter);
  const filtering = !isBlank(q);
  const index = indexOf(tree);
  const rows: TreeRow[] = [];
  // Favourites, then Recent, above the folders; each only when it holds a host (that matches).
  for (const group of ['favourites', 'recent'] as const) {
    const members = filtering ? index.groups[group].filter((e) => entryMatches(e, q)) : index.groups[group];
    if (members.length === 0) continue;
    const open = filtering || (expanded[groupRowId(group)] ?? true);
    rows.push(groupRow(group, open, members.length));
    if (open) for (const { host } of members) rows.push(pinnedRow(host, group));
  }
  const visit = (parentId: string | null, depth: number): boolean => {
    let any = false;
    for (const folder of index.folders.get(parentId) ?? []) {
      const at = rows.length;
      const open = filtering || (expanded[folder.id] ?? true);
      rows.push(folderRow(folder, depth, parentId, open));
      const childMatched = open ? visit(folder.id, depth + 1) : false;
      const selfMatched = q.tags.length === 0 && folder.name.toLowerCase().includes(q.text);
      // While filtering, a folder stays only if something inside it matched.
      if (filtering && !childMatched && !selfMatched) rows.splice(at);
      else any = true;
    }
    for (const entry of index.hosts.get(parentId) ?? []) {
      if (filtering && !entryMatches(entry, q)) continue;
      rows.push(hostRow(entry.host, depth, parentId));
      any = true;
    }
    return any;
  };
  visit(null, 0);
  return rows;
}
