// `user@host:port` and `ssh://user@host:port` as typed in the palette or
// handed over by the OS: the text may come from a web page, so anything that
// ssh or a shell could read as more than a login, an address and a port is
// refused rather than cleaned up.

export interface SshTarget {
  user?: string;
  host: string;
  port?: number;
}

export type SshTargetResult = SshTarget | { error: string };

const MAX_LENGTH = 512;
const USER = /^[A-Za-z0-9._-]{1,255}$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const PORT = /^[1-9][0-9]{0,4}$/;
const OCTET = /^(?:0|[1-9][0-9]{0,2})$/;

/** `{ user?, host, port? }` (an IPv6 host without its brackets), or `{ error }` saying what was refused. */
export function parseSshTarget(text: string): SshTargetResult {
  if (text.length === 0) return { error: 'empty' };
  if (text.length > MAX_LENGTH) return { error: 'too long' };
  if (/[\s\0-\x1f\x7f]/.test(text)) return { error: 'spaces or control characters' };
  if (text.startsWith('-')) return { error: 'starts with "-" (an option)' };
  if (/[;%?#,\\'"`$&|<>(){}*!]/.test(text)) return { error: 'characters that are not part of an address' };

  let rest = text;
  const scheme = /^ssh:\/\//i.exec(rest);
  if (scheme) {
    rest = rest.slice(scheme[0].length);
    // An empty path is all a URI may add; anything after it would be a command or a file.
    if (rest.endsWith('/')) rest = rest.slice(0, -1);
  }
  if (rest.includes('/')) return { error: 'a path' };

  let user: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (!USER.test(user)) return { error: 'the user name may hold only letters, digits, ".", "_" and "-"' };
    if (user.startsWith('-')) return { error: 'the user name starts with "-"' };
  }

  let host: string;
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return { error: 'an unclosed "["' };
    host = rest.slice(1, close);
    if (!isIPv6(host)) return { error: 'not an IPv6 address inside "[ ]"' };
    const after = rest.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':')) return { error: 'text after "]"' };
      portText = after.slice(1);
    }
  } else {
    const colon = rest.indexOf(':');
    host = colon < 0 ? rest : rest.slice(0, colon);
    if (colon >= 0) portText = rest.slice(colon + 1);
    if (!isHostName(host) && !isIPv4(host)) return { error: 'not a host name or address' };
  }

  const target: SshTarget = { host };
  if (user !== undefined) target.user = user;
  if (portText !== undefined) {
    const port = Number(portText);
    if (!PORT.test(portText) || port > 65535) return { error: 'the port must be a number from 1 to 65535' };
    target.port = port;
  }
  return target;
}

export function isSshTargetError(result: SshTargetResult): result is { error: string } {
  return 'error' in result;
}

/** `user@host:port` the way ssh users write it (brackets around an IPv6 host that has a port). */
export function formatSshTarget(target: SshTarget): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `${target.user ? `${target.user}@` : ''}${host}${target.port ? `:${target.port}` : ''}`;
}

function isHostName(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  const labels = host.split('.');
  if (!labels.every((l) => LABEL.test(l))) return false;
  // A numeric last label is an IPv4 address (or inet_aton's shorthand), never a name.
  return !/^[0-9]+$/.test(labels[labels.length - 1]!);
}

function isIPv4(host: string): boolean {
  const parts = host.split('.');
  return parts.length === 4 && parts.every((p) => OCTET.test(p) && Number(p) <= 255);
}

function isIPv6(host: string): boolean {
  if (host.length < 2 || host.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(host)) return false;
  let head = host;
  const lastColon = host.lastIndexOf(':');
  if (host.includes('.')) {
    if (!isIPv4(host.slice(lastColon + 1))) return false;
    // The dotted tail stands for two groups.
    head = host.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return false;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const all = halves.flatMap(groups);
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const count = all.length;
  return halves.length === 2 ? count <= 7 : count === 8;
}
