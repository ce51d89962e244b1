// What the command palette lists for a query: a quick-connect line for an
// address, saved hosts (recent first), and every action, ranked by fuzzy
// match. Pure: the palette component runs the chosen command.
import type { HostView, TunnelState } from '../../src-shared/contract';
import { formatSshTarget, isSshTargetError, parseSshTarget } from '../../src-shared/ssh-target';
import { fuzzyMatch, tierOf } from './fuzzy';

export type PaletteCommand =
  | { kind: 'connect-address'; address: string }
  | { kind: 'connect'; hostId: string }
  | { kind: 'files'; hostId: string }
  | { kind: 'tunnel'; hostId: string; forwardId: string; on: boolean }
  | { kind: 'new-host' }
  | { kind: 'import' }
  | { kind: 'keys' }
  | { kind: 'settings' }
  | { kind: 'split'; direction: 'right' | 'down' }
  | { kind: 'broadcast' }
  | { kind: 'snippets' };

export type PaletteGroup = 'Quick connect' | 'Recent' | 'Hosts' | 'Actions' | 'Tunnels';
export type PaletteIcon = 'quick' | 'host' | 'recent' | 'files' | 'tunnel' | 'new-host' | 'import' | 'keys' | 'settings' | 'split-right' | 'split-down' | 'broadcast' | 'snippets';

export interface PaletteItem {
  key: string;
  group: PaletteGroup;
  label: string;
  /** Shown dim on the right: the host's address, a tunnel's state. */
  detail?: string;
  /** The key that does the same, shown as a hint. */
  hint?: string;
  icon: PaletteIcon;
  command: PaletteCommand;
  /** Matched letters of the label, for highlighting. */
  positions: number[];
}

export interface PaletteSources {
  hosts: ReadonlyArray<Pick<HostView, 'id' | 'name' | 'host' | 'port' | 'username' | 'folderId' | 'tags'>>;
  folders: ReadonlyArray<{ id: string; name: string }>;
  /** Host ids, most recent first. */
  recent: readonly string[];
  tunnels: ReadonlyArray<{ hostId: string; forwardId: string; name: string; state: TunnelState }>;
  /** Splitting and broadcast act on the focused terminal. */
  terminalFocused: boolean;
}

export const MAX_ITEMS = 60;
/** A match in a secondary field (address, user, folder) ranks one tier below the same match in the name. */
const SECONDARY = 1000;
const RECENT_BONUS = 50;

export const hostAddress = (h: Pick<HostView, 'host' | 'port' | 'username'>) => formatSshTarget({ user: h.username, host: h.host, port: h.port });

/** `user@host:port`, `ssh://…`: what the user typed reads as an address, not a search. */
export function quickConnectTarget(query: string): string | null {
  const text = query.trim();
  const target = parseSshTarget(text);
  if (isSshTargetError(target)) return null;
  const explicit = /[@:]/.test(text) || /^ssh:\/\//i.test(text);
  return explicit ? formatSshTarget(target) : null;
}

export function paletteItems(query: string, sources: PaletteSources): PaletteItem[] {
  return rankPalette(query, paletteCandidates(sources), sources.recent);
}

/** Everything the palette can list for these sources; build once per opening, rank per keystroke. */
export function paletteCandidates(sources: PaletteSources): PaletteCandidates {
  return { all: [...hostItems(sources), ...actionItems(sources), ...tunnelItems(sources)] };
}

export function rankPalette(query: string, candidates: PaletteCandidates, recentIds: readonly string[]): PaletteItem[] {
  const q = query.trim();
  const address = quickConnectTarget(q);
  const quick: PaletteItem[] = address
    ? [{ key: 'quick', group: 'Quick connect', label: `Connect to ${address}`, detail: 'without saving', icon: 'quick', command: { kind: 'connect-address', address }, positions: [] }]
    : [];
  if (q === '') return [...quick, ...browseOrder(candidates.all, recentIds)].slice(0, MAX_ITEMS);

  const recent = new Set(recentIds);
  const ranked: Array<{ item: PaletteItem; score: number }> = [];
  for (const c of candidates.all) {
    const main = fuzzyMatch(q, c.item.label);
    let other = NO_MATCH;
    // A secondary match ranks a tier lower, so it cannot beat a name that starts with the query.
    if (!main || tierOf(main.score) < 3) for (const text of c.also) other = Math.max(other, (fuzzyMatch(q, text)?.score ?? NO_MATCH) - SECONDARY);
    if (!main && other === NO_MATCH) continue;
    const base = Math.max(main?.score ?? NO_MATCH, other);
    const bonus = c.item.command.kind === 'connect' && recent.has(c.item.command.hostId) ? RECENT_BONUS : 0;
    ranked.push({ item: { ...c.item, positions: main && main.score >= other ? main.positions : [] }, score: base + bonus - c.order * 1e-6 });
  }
  ranked.sort((a, b) => b.score - a.score);
  return [...quick, ...ranked.slice(0, MAX_ITEMS).map((r) => r.item)].slice(0, MAX_ITEMS);
}

export interface PaletteCandidates {
  all: Candidate[];
}

const NO_MATCH = -1e9;

export interface Candidate {
  item: PaletteItem;
  /** Other text the query may match: address, user, folder, tags. */
  also: string[];
  /** Ties keep this order. */
  order: number;
  /** Listed when the query is empty (per-host actions are not: there may be thousands). */
  browse: boolean;
}

function hostItems(s: PaletteSources): Candidate[] {
  const folderName = new Map(s.folders.map((f) => [f.id, f.name]));
  return s.hosts.flatMap((h, i) => {
    const addr = hostAddress(h);
    const folder = h.folderId ? folderName.get(h.folderId) : undefined;
    const also = [addr, ...(folder ? [folder] : []), ...(h.tags ?? [])];
    return [
      { item: { key: `host:${h.id}`, group: 'Hosts' as const, label: h.name, detail: addr, icon: 'host' as const, command: { kind: 'connect' as const, hostId: h.id }, positions: [] }, also, order: i, browse: true },
      { item: { key: `files:${h.id}`, group: 'Actions' as const, label: `Open files on ${h.name}`, detail: addr, icon: 'files' as const, command: { kind: 'files' as const, hostId: h.id }, positions: [] }, also: [], order: i, browse: false },
    ];
  });
}

function actionItems(s: PaletteSources): Candidate[] {
  const actions: Array<Omit<PaletteItem, 'key' | 'group' | 'positions'> & { when?: boolean }> = [
    { label: 'New host…', icon: 'new-host', command: { kind: 'new-host' } },
    { label: 'Import from ssh config…', icon: 'import', command: { kind: 'import' } },
    { label: 'Keys…', icon: 'keys', command: { kind: 'keys' } },
    { label: 'Settings', icon: 'settings', hint: 'Ctrl+,', command: { kind: 'settings' } },
    { label: 'Split right', icon: 'split-right', hint: 'Ctrl+Shift+D', command: { kind: 'split', direction: 'right' }, when: s.terminalFocused },
    { label: 'Split down', icon: 'split-down', hint: 'Ctrl+Shift+E', command: { kind: 'split', direction: 'down' }, when: s.terminalFocused },
    { label: 'Broadcast typing on / off…', icon: 'broadcast', hint: 'Ctrl+Shift+B', command: { kind: 'broadcast' }, when: s.terminalFocused },
    { label: 'Snippets…', icon: 'snippets', hint: 'Ctrl+Shift+S', command: { kind: 'snippets' } },
  ];
  return actions
    .filter((a) => a.when !== false)
    .map(({ when: _when, ...a }, i) => ({ item: { ...a, key: `action:${a.command.kind}:${i}`, group: 'Actions' as const, positions: [] }, also: [], order: 10_000 + i, browse: true }));
}

function tunnelItems(s: PaletteSources): Candidate[] {
  const hostName = new Map(s.hosts.map((h) => [h.id, h.name]));
  return s.tunnels.flatMap((t, i) => {
    const host = hostName.get(t.hostId);
    if (!host) return [];
    const on = t.state === 'on' || t.state === 'connecting';
    return [
      {
        item: { key: `tunnel:${t.hostId}:${t.forwardId}`, group: 'Tunnels' as const, label: `Toggle tunnel ${t.name} on ${host}`, detail: t.state, icon: 'tunnel' as const, command: { kind: 'tunnel' as const, hostId: t.hostId, forwardId: t.forwardId, on: !on }, positions: [] },
        also: [],
        order: 20_000 + i,
        browse: true,
      },
    ];
  });
}

/** No query: recent hosts (most recent first), then actions, tunnels, and the other hosts by name. */
function browseOrder(candidates: Candidate[], recentIds: readonly string[]): PaletteItem[] {
  const byKey = new Map(candidates.map((c) => [c.item.key, c.item]));
  const recent = recentIds.map((id) => byKey.get(`host:${id}`)).filter((i): i is PaletteItem => i !== undefined).map((i) => ({ ...i, group: 'Recent' as const, icon: 'recent' as const }));
  const recentKeys = new Set(recent.map((i) => i.key));
  const listed = candidates.filter((c) => c.browse && !recentKeys.has(c.item.key)).map((c) => c.item);
  const rank: Record<PaletteGroup, number> = { 'Quick connect': 0, Recent: 1, Actions: 2, Tunnels: 3, Hosts: 4 };
  const others = listed.sort((a, b) => rank[a.group] - rank[b.group] || (a.group === 'Hosts' ? a.label.localeCompare(b.label) : 0));
  return [...recent, ...others];
}
