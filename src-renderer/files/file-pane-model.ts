// Pure helpers for a file pane: paths, sorting, filtering, formatting.
import type { FileEntry } from '../../src-shared/contract';

export type SortKey = 'name' | 'size' | 'mtime';

export const joinPath = (dir: string, name: string) => (dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`);

export function parentPath(p: string): string {
  if (p === '/' || p === '') return '/';
  const trimmed = p.replace(/\/+$/, '');
  const at = trimmed.lastIndexOf('/');
  return at <= 0 ? '/' : trimmed.slice(0, at);
}

export function crumbs(p: string): { name: string; path: string }[] {
  const parts = p.split('/').filter(Boolean);
  return [{ name: '/', path: '/' }, ...parts.map((name, i) => ({ name, path: `/${parts.slice(0, i + 1).join('/')}` }))];
}

// One collator for all comparisons: localeCompare with options builds one per call,
// which made sorting 10,000 names take most of a second.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const isDirLike = (e: FileEntry) => e.kind === 'dir' || (e.kind === 'symlink' && e.targetKind === 'dir');

export function visibleEntries(entries: FileEntry[], opts: { showHidden: boolean; filter: string; sortKey: SortKey; descending: boolean }): FileEntry[] {
  const q = opts.filter.trim().toLowerCase();
  const shown = entries.filter((e) => (opts.showHidden || !e.name.startsWith('.')) && (!q || e.name.toLowerCase().includes(q)));
  const dir = opts.descending ? -1 : 1;
  return shown.sort((a, b) => {
    // Folders first, as in every file manager.
    if (isDirLike(a) !== isDirLike(b)) return isDirLike(a) ? -1 : 1;
    const by =
      opts.sortKey === 'size' ? a.size - b.size
      : opts.sortKey === 'mtime' ? a.mtimeMs - b.mtimeMs
      : collator.compare(a.name, b.name);
    return by * dir || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  });
}

export { isDirLike };

export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

export function formatMode(mode: number, kind: FileEntry['kind']): string {
  const t = kind === 'dir' ? 'd' : kind === 'symlink' ? 'l' : '-';
  const bits = ['r', 'w', 'x'];
  let out = t;
  for (let i = 8; i >= 0; i--) out += mode & (1 << i) ? bits[(8 - i) % 3] : '-';
  return out;
}

/** True when every path names a regular file of the listing (one pass, for selections of thousands). */
export function onlyFiles(entries: FileEntry[], paths: string[]): boolean {
  const wanted = new Set(paths);
  return entries.filter((e) => wanted.has(e.path) && e.kind === 'file').length === wanted.size;
}

/** A click on a column head: the same column flips the order, another column sorts ascending by it. */
export function nextSort(current: { sortKey: SortKey; descending: boolean }, key: SortKey): { sortKey: SortKey; descending: boolean } {
  return key === current.sortKey ? { sortKey: key, descending: !current.descending } : { sortKey: key, descending: false };
}

/** The confirmation shown before deleting: names what goes, from where, and that folders go with their contents. */
export function deletePrompt(entries: FileEntry[], side: 'local' | 'remote'): { title: string; body: string } {
  const names = entries.map((e) => e.name).join(', ');
  return {
    title: `Delete ${entries.length === 1 ? `“${names}”` : `${entries.length} items`}?`,
    body: `${names} will be deleted from ${side === 'local' ? 'this computer' : 'the server'}${entries.some(isDirLike) ? ', folders with everything in them' : ''}. This cannot be undone.`,
  };
}

export type PaneKeyCommand = 'rename' | 'delete' | 'up' | 'open' | 'select-all' | 'transfer' | 'menu' | 'toggle';

/** What a key pressed in the file list asks for; Enter only means something when one folder is selected. */
export function paneKeyCommand(ev: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey?: boolean }): PaneKeyCommand | null {
  if (ev.key === 'F2') return 'rename';
  if (ev.key === 'Delete') return 'delete';
  if (ev.key === 'Backspace') return 'up';
  if (ev.key === 'Enter') return 'open';
  // F5 copies to the other pane, as in Total Commander and MobaXterm.
  if (ev.key === 'F5') return 'transfer';
  if (ev.key === 'ContextMenu' || (ev.key === 'F10' && ev.shiftKey)) return 'menu';
  if (ev.key === ' ' && (ev.ctrlKey || ev.metaKey)) return 'toggle';
  if (ev.key === 'a' && (ev.ctrlKey || ev.metaKey)) return 'select-all';
  return null;
}

/**
 * The part of a name Rename pre-selects: the base name without its extension,
 * so typing keeps `.txt`. Folders and dotfiles (`.bashrc`) have no extension;
 * `x.tar.gz` keeps both.
 */
export function baseNameRange(name: string, isFolder: boolean): [number, number] {
  if (isFolder) return [0, name.length];
  const tar = /\.tar\.[a-z0-9]+$/i.exec(name);
  const dot = tar && tar.index > 0 ? tar.index : name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? [0, dot] : [0, name.length];
}
