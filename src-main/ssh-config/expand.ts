// `~`, `%x` tokens and `${VAR}` in paths, as misc.c tilde_expand and
// percent_expand / percent_dollar_expand do them, with ssh.c's token set.
import { createHash } from 'node:crypto';
import type { Env } from './value-context';

export type Expanded = { ok: true; value: string } | { ok: false; reason: string };

/**
 * `%x` from `tokens` (`%%` is a literal `%`) and, when `env` is given, `${NAME}`.
 * A token not in the set, a dangling `%` or an unset variable is an error, as in ssh.
 */
export function expandTokens(text: string, tokens: Readonly<Record<string, string>>, env: Env | null): Expanded {
  if (!text.includes('%') && (env === null || !text.includes('${'))) return { ok: true, value: text };
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (env !== null && c === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i + 2);
      if (end < 0) return { ok: false, reason: `"\${" without "}" in "${text}"` };
      const name = text.slice(i + 2, end);
      const value = env[name];
      if (name === '' || value === undefined) return { ok: false, reason: `environment variable \${${name}} is not set` };
      out += value;
      i = end;
    } else if (c === '%') {
      const key = text[++i];
      if (key === undefined) return { ok: false, reason: `"%" at the end of "${text}"` };
      if (key === '%') out += '%';
      else if (Object.hasOwn(tokens, key)) out += tokens[key];
      else return { ok: false, reason: `unknown token %${key} in "${text}"` };
    } else {
      out += c;
    }
  }
  return { ok: true, value: out };
}

/**
 * misc.c tilde_expand: `~`, `~/path` and `~me/path` become the home directory;
 * another user's `~name` would need their passwd entry, so it is an error here.
 */
export function expandTilde(path: string, home: string, user: string): Expanded {
  if (!path.startsWith('~')) return { ok: true, value: path };
  const slash = path.indexOf('/');
  const name = slash < 0 ? path.slice(1) : path.slice(1, slash);
  if (name !== '' && name !== user) return { ok: false, reason: `"~${name}" names another user's home directory` };
  const rest = slash < 0 ? '' : path.slice(slash).replace(/^\/+/, '');
  return { ok: true, value: `${home.endsWith('/') ? home : `${home}/`}${rest}` };
}

export interface ConnectionTokens {
  /** %h: the host name after HostName expansion. */
  host: string;
  /** %n: the alias as given on the command line. */
  alias: string;
  /** %p */
  port: number;
  /** %r */
  remoteUser: string;
  /** %k: HostKeyAlias, or the alias. */
  keyAlias: string;
  /** %d, %u, %l, %i */
  home: string;
  localUser: string;
  localHost: string;
  uid: number;
}

/** sshconnect.h DEFAULT_CLIENT_PERCENT_EXPAND_ARGS: the tokens IdentityFile and friends accept. */
export function connectionTokens(c: ConnectionTokens): Record<string, string> {
  const port = String(c.port);
  // %C: ssh.c ssh_connection_hash, SHA-1 over %l%h%p%r.
  const hash = createHash('sha1').update(c.localHost).update(c.host).update(port).update(c.remoteUser).digest('hex');
  return {
    C: hash,
    L: c.localHost.split('.')[0] ?? '',
    i: String(c.uid),
    k: c.keyAlias,
    l: c.localHost,
    n: c.alias,
    p: port,
    d: c.home,
    h: c.host,
    r: c.remoteUser,
    u: c.localUser,
  };
}
