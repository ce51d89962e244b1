// ProxyJump values (readconf.c parse_jump, misc.c parse_user_host_port and
// parse_uri) and the one ProxyCommand shape Warren can turn into a jump:
// `ssh -W %h:%p [-p port] [-l user] [user@]jump`.
import { NO_PORT_NAMES, type PortNames } from './port-names';
import { a2port } from './scalars';
import { asciiLower } from './patterns';
import type { JumpHop } from './types';

/** misc.c valid_domain (without lowercasing): what an ssh:// URI accepts as a host. */
function validDomain(name: string): boolean {
  return /^[a-z0-9][a-z0-9._-]*$/i.test(name) && !name.includes('..');
}

function urlDecode(text: string): string | null {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '+') out += ' ';
    else if (c === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9a-f]{2}$/i.test(hex)) return null;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    } else out += c;
  }
  return out;
}

/** misc.c hpdelim2: the host part (brackets kept) and what follows its `:` or `/`. */
function splitHost(text: string): { host: string; delim: string; rest: string | null } | null {
  let end: number;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return null;
    end = close + 1;
  } else {
    end = text.search(/[:/]/);
    if (end < 0) end = text.length;
  }
  const delim = text[end] ?? '';
  if (delim === '') return { host: text.slice(0, end), delim, rest: null };
  if (delim !== ':' && delim !== '/') return null;
  return { host: text.slice(0, end), delim, rest: text.slice(end + 1) };
}

const cleanHostname = (host: string): string => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host);

/** misc.c parse_uri for `ssh://[user[;params]@]host[:port][/]`; undefined when not a URI. */
function parseSshUri(text: string, ports: PortNames): JumpHop | null | undefined {
  if (!text.startsWith('ssh://')) return undefined;
  let rest = text.slice('ssh://'.length);
  let user: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const info = rest.slice(0, at).split(';')[0] as string; // connection parameters are ignored
    if (info === '') return null;
    user = urlDecode(info);
    if (user === null) return null;
    rest = rest.slice(at + 1);
  }
  const split = splitHost(rest);
  if (split === null || split.host === '') return null;
  let host = cleanHostname(split.host);
  if (!validDomain(host)) return null;
  if (host.endsWith('.')) host = host.slice(0, -1);
  let port: number | null = null;
  let path = split.rest;
  if (path !== null && path !== '' && split.delim === ':') {
    const slash = path.indexOf('/');
    const portText = slash < 0 ? path : path.slice(0, slash);
    port = a2port(portText, ports);
    if (port <= 0) return null;
    path = slash < 0 ? null : path.slice(slash + 1);
  }
  if (path !== null && path !== '') return null; // a path is not allowed here
  return { user, host, port };
}

/** misc.c parse_user_host_port: `[user@]host[:port]`, `[v6]:port`. */
function parseUserHostPort(text: string, ports: PortNames): JumpHop | null {
  let rest = text;
  let user: string | null = null;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    if (at === 0) return null;
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  const split = splitHost(rest);
  if (split === null || split.host === '' || split.delim === '/') return null;
  let port: number | null = null;
  if (split.rest !== null && split.rest !== '') {
    port = a2port(split.rest, ports);
    if (port <= 0) return null;
  }
  return { user, host: cleanHostname(split.host), port };
}

/** One hop of a ProxyJump list; null when ssh would reject it. */
export function parseJumpHop(text: string, ports: PortNames = NO_PORT_NAMES): JumpHop | null {
  const uri = parseSshUri(text, ports);
  return uri === undefined ? parseUserHostPort(text, ports) : uri;
}

export type JumpSpec = { kind: 'none' } | { kind: 'hops'; hops: JumpHop[] };

/**
 * A ProxyJump value as written after the keyword; null when invalid. Like ssh, only
 * the exact value `none` (trailing comment included) means none, and `#` starts a
 * comment. Blanks around the commas are dropped (ssh would pass them to a shell).
 */
export function parseProxyJump(raw: string, ports: PortNames = NO_PORT_NAMES): JumpSpec | null {
  if (asciiLower(raw) === 'none') return { kind: 'none' };
  const hash = raw.indexOf('#');
  const value = (hash < 0 ? raw : raw.slice(0, hash)).trimEnd();
  const hops: JumpHop[] = [];
  for (const part of value.split(',')) {
    const hop = parseJumpHop(part.trim(), ports);
    if (hop === null) return null;
    hops.push(hop);
  }
  return { kind: 'hops', hops };
}

/** Words of a simple shell command; null when it uses anything beyond quotes (pipes, $, ;). */
function shellWords(command: string): string[] | null {
  const words: string[] = [];
  let word: string | null = null;
  let quote = '';
  for (const c of command) {
    if (quote !== '') {
      if (c === quote) quote = '';
      else word += c;
    } else if (c === ' ' || c === '\t') {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === '#' && word === null) {
      break;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (';|&<>`$()\\{}*?!'.includes(c)) {
      return null;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote !== '') return null;
  if (word !== null) words.push(word);
  return words;
}

/** Flags that do not change where or as whom the jump connects. */
const HARMLESS_FLAGS = new Set(['q', 'T', 'x', 'a', 'C', 'N', 'v']);

/** The destination word of an ssh command line: `[user@]host` or an ssh:// URI. */
function parseDestination(word: string, ports: PortNames): JumpHop | null {
  const uri = parseSshUri(word, ports);
  if (uri !== undefined) return uri;
  const at = word.lastIndexOf('@');
  if (at === 0 || word.slice(at + 1) === '') return null;
  return { user: at > 0 ? word.slice(0, at) : null, host: word.slice(at + 1), port: null };
}

/**
 * `ssh -W %h:%p [-p port] [-l user] [user@]host` (optionally `exec`, a path to ssh, and
 * -q/-T/-x/-a/-C/-N/-v) as the jump it is; null for any other ProxyCommand.
 */
export function proxyCommandAsJump(command: string, ports: PortNames = NO_PORT_NAMES): JumpHop | null {
  const words = shellWords(command);
  if (words === null) return null;
  if (words[0] === 'exec') words.shift();
  const program = words.shift();
  if (program === undefined || !/(^|\/)ssh$/.test(program)) return null;
  // ssh.c takes the first user and port it is given, reading its arguments in order
  // (options after the destination are read after it).
  let target: string | null = null;
  let host: string | null = null;
  let user: string | null = null;
  let port: number | null = null;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (!word.startsWith('-') || word === '-') {
      if (host !== null || word.includes('%')) return null; // a remote command, or tokens: not a plain jump
      const destination = parseDestination(word, ports);
      if (destination === null) return null;
      host = destination.host;
      user ??= destination.user;
      port ??= destination.port;
      continue;
    }
    for (let j = 1; j < word.length; j++) {
      const flag = word[j] as string;
      if (HARMLESS_FLAGS.has(flag)) continue;
      if (flag !== 'W' && flag !== 'p' && flag !== 'l') return null;
      const value = j + 1 < word.length ? word.slice(j + 1) : words[++i];
      if (value === undefined) return null;
      if (flag === 'W') target ??= value;
      if (flag === 'l') user ??= value;
      if (flag === 'p' && port === null) {
        port = a2port(value, ports);
        if (port <= 0) return null;
      }
      break;
    }
  }
  if (host === null || (target !== '%h:%p' && target !== '[%h]:%p')) return null;
  return { user, host, port };
}
