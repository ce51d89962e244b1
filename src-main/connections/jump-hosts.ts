// Resolving a host's ProxyJump list: each entry is a saved host's name (used
// with everything saved for it, including its own jump hosts) or
// `[user@]host[:port]` (the target's user and key settings, asked for what
// it must). Loops and chains longer than OpenSSH would follow are refused.
import { AppError } from '../errors/app-error';
import type { StoredHost } from '../hosts/hosts-model';

export const MAX_HOPS = 8;

export interface AddressHop {
  kind: 'address';
  name: string;
  user: string | null;
  host: string;
  port: number;
}
export type JumpRef = { kind: 'saved'; host: StoredHost } | AddressHop;

/** `[user@]host[:port]`, with `[v6]:port` for IPv6 literals. */
export function parseJumpAddress(text: string): AddressHop {
  const at = text.lastIndexOf('@');
  const user = at > 0 ? text.slice(0, at) : null;
  const rest = at >= 0 ? text.slice(at + 1) : text;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  const plain = /^([^:[\]]+)(?::(\d+))?$/.exec(rest);
  const match = v6 ?? plain;
  // A name with spaces can only be a saved host's, and none is called that.
  if (!match || !match[1] || /\s/.test(text)) throw new AppError('bad-jump-host', `"${text}" is neither a saved host's name nor user@host:port. Check the jump hosts of this host.`);
  const port = match[2] ? Number(match[2]) : 22;
  if (port < 1 || port > 65535) throw new AppError('bad-jump-host', `"${text}": the port must be from 1 to 65535.`);
  return { kind: 'address', name: text, user, host: match[1], port };
}

/** The full, flattened chain of hops before `host`, first hop first. */
export function resolveJumps(host: StoredHost, findByName: (name: string) => StoredHost | undefined): JumpRef[] {
  const chain: JumpRef[] = [];
  const visiting = new Set<string>([host.id]);
  const expand = (of: StoredHost) => {
    for (const entry of of.jumpHosts) {
      const saved = findByName(entry);
      if (saved) {
        if (visiting.has(saved.id)) throw new AppError('jump-loop', `The jump hosts of ${host.name} loop back through ${saved.name}. Remove one of them.`);
        visiting.add(saved.id);
        expand(saved);
        chain.push({ kind: 'saved', host: saved });
      } else {
        chain.push(parseJumpAddress(entry));
      }
      if (chain.length > MAX_HOPS) throw new AppError('jump-too-long', `${host.name} needs more than ${MAX_HOPS} jump hosts; Warren stops there, as a loop is more likely than a real chain.`);
    }
  };
  expand(host);
  return chain;
}
