// The tray (menu-bar) menu as plain data: hosts that have forwards, each
// forward an on/off item with its state, then "Open Warren" and "Quit". The
// shell turns it into Electron's Menu; keeping it here keeps the logic
// testable where Electron cannot run.
import type { TunnelState, TunnelView } from '../../src-shared/contract';

export type TrayItem =
  | { type: 'heading'; label: string }
  | { type: 'forward'; hostId: string; forwardId: string; label: string; checked: boolean }
  | { type: 'note'; label: string }
  | { type: 'separator' }
  | { type: 'open'; label: string }
  | { type: 'quit'; label: string };

export interface TrayModel {
  /** The icon's tooltip: how many forwards are on, and whether any failed. */
  tooltip: string;
  items: TrayItem[];
}

/** Longest error shown in a menu label; the window shows the whole sentence. */
const MAX_ERROR = 60;

const stateWords: Record<TunnelState, string> = { off: 'off', connecting: 'starting…', on: 'on', error: 'error' };

function shorten(text: string): string {
  const first = text.split(/(?<=\.)\s/)[0] ?? text;
  return first.length > MAX_ERROR ? `${first.slice(0, MAX_ERROR - 1)}…` : first;
}

export function forwardLabel(t: TunnelView): string {
  const port = t.boundPort ?? t.spec.bindPort;
  const where = t.spec.kind === 'dynamic' ? `SOCKS :${port}` : t.spec.kind === 'local' ? `:${port} → ${t.spec.destHost}:${t.spec.destPort}` : `server :${port} → ${t.spec.destHost}:${t.spec.destPort}`;
  const state = t.state === 'error' && t.lastError ? `error: ${shorten(t.lastError)}` : stateWords[t.state];
  return `${t.name} (${where}) — ${state}`;
}

export function trayMenu(hosts: readonly { id: string; name: string }[], tunnels: readonly TunnelView[]): TrayModel {
  const items: TrayItem[] = [];
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  for (const host of [...hosts].sort(byName)) {
    const mine = tunnels.filter((t) => t.hostId === host.id).sort(byName);
    if (mine.length === 0) continue;
    items.push({ type: 'heading', label: host.name });
    // Checked while starting too: the item shows what the user asked for, and unchecking cancels the start.
    for (const t of mine) items.push({ type: 'forward', hostId: t.hostId, forwardId: t.forwardId, label: forwardLabel(t), checked: t.state === 'on' || t.state === 'connecting' });
  }
  if (items.length === 0) items.push({ type: 'note', label: 'No tunnels yet: add one in Warren' });
  items.push({ type: 'separator' }, { type: 'open', label: 'Open Warren' }, { type: 'quit', label: 'Quit' });

  const on = tunnels.filter((t) => t.state === 'on').length;
  const failed = tunnels.filter((t) => t.state === 'error').length;
  const parts = [on === 1 ? '1 tunnel on' : `${on} tunnels on`, ...(failed > 0 ? [`${failed} failed`] : [])];
  return { tooltip: `Warren — ${parts.join(', ')}`, items };
}
