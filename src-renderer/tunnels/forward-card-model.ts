// What a forward's card says, as plain functions of its view: where it
// listens and goes, its state in words, and — when it failed — what to do.
import type { TunnelState, TunnelView } from '../../src-shared/contract';

const bracket = (host: string) => (host.includes(':') ? `[${host}]` : host);

export function describeRoute(t: TunnelView): string {
  const port = t.boundPort ?? t.spec.bindPort;
  const bind = `${bracket(t.spec.bindHost || '*')}:${port}`;
  if (t.spec.kind === 'dynamic') return `SOCKS on ${bind}`;
  const dest = `${bracket(t.spec.destHost)}:${t.spec.destPort}`;
  return t.spec.kind === 'local' ? `${bind} → ${dest}` : `server ${bind} → ${dest}`;
}

export const stateLabels: Record<TunnelState, string> = { off: 'Off', connecting: 'Starting…', on: 'On', error: 'Error' };

/** Main's sentences usually end with what to do; these cover the ones that only say what happened. */
const hints: Array<[RegExp, string]> = [
  [/reconnecting/i, 'Warren reconnects by itself and brings it back on the same port; switch it off to stop trying.'],
  [/refused|no route|unreachable|not known|could not reach/i, 'Check that the destination is running and reachable from the server (for a remote forward: from this computer).'],
  [/permission|denied|administratively prohibited/i, 'The server does not allow this forward: check AllowTcpForwarding (and GatewayPorts) in its sshd_config, or use a port above 1023.'],
  [/auth|password|passphrase|key/i, 'Connect a terminal to this host once to check the login, then switch the forward on again.'],
];

/** Says what to do next, unless the error already does. */
export function adviceFor(error: string): string | null {
  if (/\b(Choose|Use|Reconnect|Switch|Enter|Check|Open|Stop|Try|Add|Connect|Remove)\b/.test(error)) return null;
  for (const [pattern, hint] of hints) if (pattern.test(error)) return hint;
  return 'Switch it on again to retry; “Log” shows what the connection did.';
}

/** Bytes per second as the card shows it: whole bytes, 0 when idle. */
export function rateText(bytesPerSecond: number, formatSize: (n: number) => string): string {
  return `${formatSize(Math.max(0, Math.round(bytesPerSecond)))}/s`;
}

/** Forwards grouped by host, hosts and forwards by name; `onlyHost` keeps one host. */
export function groupByHost(tunnels: TunnelView[], hostName: (id: string) => string, onlyHost: string | null): Array<{ hostId: string; hostName: string; forwards: TunnelView[] }> {
  const groups = new Map<string, TunnelView[]>();
  for (const t of tunnels) {
    if (onlyHost && t.hostId !== onlyHost) continue;
    groups.set(t.hostId, [...(groups.get(t.hostId) ?? []), t]);
  }
  return [...groups.entries()]
    .map(([hostId, forwards]) => ({ hostId, hostName: hostName(hostId), forwards: forwards.sort((a, b) => a.name.localeCompare(b.name)) }))
    .sort((a, b) => a.hostName.localeCompare(b.hostName));
}
