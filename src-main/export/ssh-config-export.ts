// Saved hosts written as an OpenSSH client config snippet that `ssh -G`
// resolves to the same values: one `Host` block per host, the saved jump
// hosts they go through included (so the snippet stands on its own), forwards
// as Local/Remote/DynamicForward. Values are quoted as readconf.c's
// argv_split reads them; a value that could start another line is refused.
import { AppError } from '../errors/app-error';
import type { StoredForward, StoredHost } from '../hosts/hosts-model';
import { parseJumpAddress } from '../connections/jump-hosts';

export interface SshConfigExport {
  text: string;
  /** The Host alias each exported host got, in the order written. */
  aliases: Array<{ hostId: string; alias: string }>;
}

const POLICY = { ask: 'ask', 'accept-new': 'accept-new', strict: 'yes' } as const;

/**
 * `chosen` in the order the user picked them; `findByName` resolves a jump
 * entry to a saved host, as connecting does (jump-hosts.ts).
 */
export function exportSshConfig(chosen: readonly StoredHost[], findByName: (name: string) => StoredHost | undefined): SshConfigExport {
  const ordered = withJumpHosts(chosen, findByName);
  const aliasOf = assignAliases(ordered);
  const blocks = ordered.map((host) => hostBlock(host, aliasOf, findByName));
  const text = ['# Exported from Warren (ssh -F <this file> <alias>)', ...blocks].join('\n\n');
  return { text: `${text}\n`, aliases: ordered.map((h) => ({ hostId: h.id, alias: aliasOf.get(h.id)! })) };
}

/** The chosen hosts, each preceded by the saved jump hosts it needs (once each). */
function withJumpHosts(chosen: readonly StoredHost[], findByName: (name: string) => StoredHost | undefined): StoredHost[] {
  const out: StoredHost[] = [];
  const seen = new Set<string>();
  const visit = (host: StoredHost, path: Set<string>) => {
    if (seen.has(host.id) || path.has(host.id)) return;
    path.add(host.id);
    for (const entry of host.jumpHosts) {
      const hop = findByName(entry);
      if (hop) visit(hop, path);
    }
    path.delete(host.id);
    seen.add(host.id);
    out.push(host);
  };
  for (const host of chosen) visit(host, new Set());
  return out;
}

/**
 * A Host pattern is one word without `* ? ! ,` (those would make it a
 * pattern or a list): the alias an import came from when it is such a word,
 * else the name with everything else turned into `-`, made unique.
 */
function assignAliases(hosts: readonly StoredHost[]): Map<string, string> {
  const taken = new Set<string>();
  const aliases = new Map<string, string>();
  for (const host of hosts) {
    const imported = host.imported?.alias;
    const base = imported && /^[A-Za-z0-9._@:+-]+$/.test(imported) && !imported.startsWith('-') ? imported : slug(host.name);
    let alias = base;
    for (let n = 2; taken.has(alias.toLowerCase()); n++) alias = `${base}-${n}`;
    taken.add(alias.toLowerCase());
    aliases.set(host.id, alias);
  }
  return aliases;
}

function slug(name: string): string {
  return name.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'host';
}

function hostBlock(host: StoredHost, aliasOf: Map<string, string>, findByName: (name: string) => StoredHost | undefined): string {
  const alias = aliasOf.get(host.id)!;
  const lines: string[] = [];
  if (alias !== host.name) lines.push(`# ${host.name.replace(/[\r\n]+/g, ' ')}`);
  lines.push(`Host ${alias}`);
  const put = (keyword: string, value: string) => lines.push(`  ${keyword} ${value}`);
  const arg = (value: string, field: string) => quote(checked(value, field, host));
  // HostName and IdentityFile take %-tokens: a literal % is written %%.
  put('HostName', arg(host.host.replace(/%/g, '%%'), 'host'));
  put('User', arg(host.username, 'user'));
  put('Port', String(host.port));
  if (host.auth.keyPath) put('IdentityFile', arg(host.auth.keyPath.replace(/%/g, '%%'), 'key file'));
  // Warren's "Use keys from ssh-agent" off: only the named key, as IdentitiesOnly says.
  if (!host.auth.useAgent) put('IdentitiesOnly', 'yes');
  // CertificateFile takes %-tokens too; ssh -G prints it unexpanded, so the round trip compares the path as saved.
  for (const cert of host.certificateFiles ?? []) put('CertificateFile', arg(cert.replace(/%/g, '%%'), 'certificate file'));
  if (host.jumpHosts.length > 0) {
    put('ProxyJump', host.jumpHosts.map((entry) => jumpEntry(entry, host, aliasOf, findByName)).join(','));
  } else if (host.proxyCommand) {
    // readconf.c takes the rest of the line as it is, for the shell: no quoting.
    put('ProxyCommand', checked(host.proxyCommand, 'proxy command', host));
  }
  put('ServerAliveInterval', String(host.keepaliveIntervalSec));
  put('ServerAliveCountMax', String(host.keepaliveCountMax));
  put('StrictHostKeyChecking', POLICY[host.hostKeyPolicy]);
  if (host.agentForward) put('ForwardAgent', 'yes');
  if (host.exitOnForwardFailure) put('ExitOnForwardFailure', 'yes');
  sessionLines(host, put, arg);
  for (const forward of host.forwards) {
    const [keyword, value] = forwardLine(forward, host);
    put(keyword, value);
  }
  return lines.join('\n');
}

/** UserKnownHostsFile, HostKeyAlias, SetEnv, SendEnv, RemoteCommand, RequestTTY and GatewayPorts, when the host sets them. */
function sessionLines(host: StoredHost, put: (keyword: string, value: string) => void, arg: (value: string, field: string) => string): void {
  // UserKnownHostsFile and RemoteCommand take %-tokens: a literal % is written %%.
  const files = host.userKnownHostsFiles ?? [];
  if (files.length > 0) put('UserKnownHostsFile', files.map((f) => arg(f.replace(/%/g, '%%'), 'known_hosts file')).join(' '));
  if (host.hostKeyAlias) put('HostKeyAlias', arg(host.hostKeyAlias, 'host key alias'));
  const env = host.setEnv ?? [];
  if (env.length > 0) put('SetEnv', env.map(({ name, value }) => arg(`${name}=${value}`, 'SetEnv value')).join(' '));
  const send = host.sendEnv ?? [];
  if (send.length > 0) put('SendEnv', send.map((p) => arg(p, 'SendEnv name')).join(' '));
  // readconf.c takes the rest of the line as the command: no quoting.
  if (host.remoteCommand) put('RemoteCommand', checked(host.remoteCommand, 'remote command', host).replace(/%/g, '%%'));
  if (host.requestTty && host.requestTty !== 'auto') put('RequestTTY', host.requestTty);
  if (host.gatewayPorts) put('GatewayPorts', 'yes');
}

/** A saved host's alias, or `[user@]host[:port]` as the user wrote it (checked as connecting checks it). */
function jumpEntry(entry: string, host: StoredHost, aliasOf: Map<string, string>, findByName: (name: string) => StoredHost | undefined): string {
  const saved = findByName(entry);
  if (saved) return aliasOf.get(saved.id)!;
  // Refused as connecting refuses it; what passes is one word without commas, written as the user wrote it.
  parseJumpAddress(entry);
  if (/[\s,#"'\\]/.test(entry)) throw unsafe(host, 'jump host');
  return entry;
}

function forwardLine(forward: StoredForward, host: StoredHost): [string, string] {
  const { spec } = forward;
  // '' and '*' both mean every interface; ssh spells it `*`.
  const bind = `${address(spec.bindHost || '*', host)}:${spec.bindPort}`;
  if (spec.kind === 'dynamic') return ['DynamicForward', bind];
  const dest = `${address(spec.destHost, host)}:${spec.destPort}`;
  return [spec.kind === 'local' ? 'LocalForward' : 'RemoteForward', `${bind} ${dest}`];
}

/** A forward's host part: IPv6 in brackets, as parse_forward reads it. */
function address(value: string, host: StoredHost): string {
  checked(value, 'forward address', host);
  if (/[\s\\"'#[\]]/.test(value)) throw unsafe(host, 'forward address');
  return value.includes(':') ? `[${value}]` : value;
}

/** A value with a line break (or NUL) could start a new keyword: never written. */
function checked(value: string, field: string, host: StoredHost): string {
  if (/[\r\n\0]/.test(value)) throw unsafe(host, field);
  return value;
}

function unsafe(host: StoredHost, field: string): AppError {
  return new AppError('invalid-input', `Cannot export ${host.name}: its ${field} has characters an ssh config cannot hold safely (a line break, or a quote in an address). Edit the host and export again.`);
}

/** argv_split's reading: a word as it is; anything with a space, quote, `\` or `#` in double quotes with `\` and `"` escaped. */
export function quote(value: string): string {
  if (value !== '' && !/[\s"'\\#=]/.test(value)) return value;
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
