// LocalForward / RemoteForward / DynamicForward specs, parsed as readconf.c
// parse_forward does: `[bind:]port host:port`, `[v6]:port`, port-only, and unix
// socket paths (anything with a `/`), with ${VAR} expanded first.
import { a2port } from './scalars';
import type { ForwardRule } from './types';
import type { Env, ValueContext } from './value-context';

/** The listen or connect side is a unix socket path rather than a TCP port. */
const STREAMLOCAL = -2;
const NI_MAXHOST = 1025;
const PATH_MAX_SUN = 108;

export interface ForwardSpec {
  listenHost: string | null;
  listenPort: number;
  listenPath: string | null;
  connectHost: string | null;
  connectPort: number;
  connectPath: string | null;
}

export type ForwardKeyword = 'localforward' | 'remoteforward' | 'dynamicforward';

/** misc.c dollar_expand: `${NAME}` from the environment; null when a name is unset or malformed. */
export function dollarExpand(text: string, env: Env): string | null {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i + 2);
      if (end < 0 || end === i + 2) return null;
      const value = env[text.slice(i + 2, end)];
      if (value === undefined) return null;
      out += value;
      i = end + 1;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

interface Field {
  arg: string;
  isPath: boolean;
}

/** readconf.c parse_fwd_field: one `:`-separated field, `[...]` taken literally, `\` escaping. */
function nextField(text: string, from: number): { field: Field; next: number } | null {
  if (from >= text.length) return null;
  if (text[from] === '[') {
    const close = text.indexOf(']', from + 1);
    if (close < 0) return null;
    const after = text[close + 1];
    if (after !== ':' && after !== undefined) return null;
    const arg = text.slice(from + 1, close);
    return { field: { arg, isPath: arg.includes('/') }, next: after === ':' ? close + 2 : close + 1 };
  }
  let arg = '';
  let isPath = false;
  let i = from;
  for (; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\') {
      i++;
      if (i >= text.length) return null;
      arg += text[i];
      continue;
    }
    if (c === ':') return { field: { arg, isPath }, next: i + 1 };
    if (c === '/') isPath = true;
    arg += c;
  }
  return { field: { arg, isPath }, next: i };
}

function splitFields(text: string): Field[] | null {
  const fields: Field[] = [];
  let at = text.search(/[^ \t\n\v\f\r]/);
  if (at < 0) at = text.length;
  while (fields.length < 4) {
    const parsed = nextField(text, at);
    if (parsed === null) break;
    fields.push(parsed.field);
    at = parsed.next;
  }
  return at < text.length ? null : fields; // trailing garbage
}

/** readconf.c parse_forward; null when ssh would say "Bad forwarding specification". */
export function parseForwardSpec(spec: string, dynamic: boolean, remote: boolean, values: ValueContext): ForwardSpec | null {
  const expanded = dollarExpand(spec, values.env);
  if (expanded === null) return null;
  const fields = splitFields(expanded);
  if (fields === null) return null;
  const f = fields.map((x) => x.arg);
  const port = (text: string) => a2port(text, values.ports);
  const p = fields.map((x) => x.isPath);
  const fwd: ForwardSpec = { listenHost: null, listenPort: 0, listenPath: null, connectHost: null, connectPort: 0, connectPath: null };
  const listenOnPath = (path: string) => {
    fwd.listenPath = path;
    fwd.listenPort = STREAMLOCAL;
  };
  const connectToPath = (path: string) => {
    fwd.connectPath = path;
    fwd.connectPort = STREAMLOCAL;
  };
  const [a = '', b = '', c = '', d = ''] = f;
  switch (fields.length) {
    case 1:
      if (p[0]) listenOnPath(a);
      else fwd.listenPort = port(a);
      fwd.connectHost = 'socks';
      break;
    case 2:
      if (p[0] && p[1]) {
        listenOnPath(a);
        connectToPath(b);
      } else if (p[1]) {
        fwd.listenPort = port(a);
        connectToPath(b);
      } else {
        fwd.listenHost = a;
        fwd.listenPort = port(b);
        fwd.connectHost = 'socks';
      }
      break;
    case 3:
      if (p[0]) {
        listenOnPath(a);
        fwd.connectHost = b;
        fwd.connectPort = port(c);
      } else if (p[2]) {
        fwd.listenHost = a;
        fwd.listenPort = port(b);
        connectToPath(c);
      } else {
        fwd.listenPort = port(a);
        fwd.connectHost = b;
        fwd.connectPort = port(c);
      }
      break;
    case 4:
      fwd.listenHost = a;
      fwd.listenPort = port(b);
      fwd.connectHost = c;
      fwd.connectPort = port(d);
      break;
    default:
      return null;
  }
  const n = fields.length;
  if (dynamic) {
    if (n !== 1 && n !== 2) return null;
  } else {
    if (n !== 3 && n !== 4 && fwd.connectPath === null && fwd.listenPath === null) return null;
    if (fwd.connectPort <= 0 && fwd.connectPath === null) return null;
  }
  if ((fwd.listenPort < 0 && fwd.listenPath === null) || (!remote && fwd.listenPort === 0)) return null;
  if ((fwd.connectHost?.length ?? 0) >= NI_MAXHOST || (fwd.listenHost?.length ?? 0) >= NI_MAXHOST) return null;
  if ((fwd.connectPath?.length ?? 0) >= PATH_MAX_SUN || (fwd.listenPath?.length ?? 0) >= PATH_MAX_SUN) return null;
  return fwd;
}

/** readconf.c forward_equals: ssh drops a forward identical to one it already has. */
export function sameForward(x: ForwardSpec, y: ForwardSpec): boolean {
  return (
    x.listenHost === y.listenHost &&
    x.listenPort === y.listenPort &&
    x.listenPath === y.listenPath &&
    x.connectHost === y.connectHost &&
    x.connectPort === y.connectPort &&
    x.connectPath === y.connectPath
  );
}

const side = (host: string | null, port: number, path: string | null): string =>
  path ?? (host === null ? String(port) : `${host.includes(':') ? `[${host}]` : host}:${port}`);

/** The forward as a config line, for notes. */
export function describeForward(keyword: 'LocalForward' | 'RemoteForward' | 'DynamicForward', fwd: ForwardSpec): string {
  const listen = side(fwd.listenHost, fwd.listenPort, fwd.listenPath);
  const dynamic = fwd.connectPath === null && fwd.connectPort === 0;
  return dynamic ? `${keyword} ${listen}` : `${keyword} ${listen} ${side(fwd.connectHost, fwd.connectPort, fwd.connectPath)}`;
}

/**
 * A forward as Warren models it, or null for a unix-socket forward. In ssh's local
 * list a connect port of 0 is a SOCKS listener (channels.c); in the remote list it is
 * a remote dynamic forward, returned as a `remote` rule with no destination.
 */
export function toForwardRule(fwd: ForwardSpec, remote: boolean): ForwardRule | null {
  if (fwd.listenPath !== null || fwd.connectPath !== null) return null;
  const bind = { bindHost: fwd.listenHost, bindPort: fwd.listenPort };
  if (fwd.connectPort === 0) return remote ? { kind: 'remote', ...bind } : { kind: 'dynamic', ...bind };
  return { kind: remote ? 'remote' : 'local', ...bind, destHost: fwd.connectHost ?? '', destPort: fwd.connectPort };
}
