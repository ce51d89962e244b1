// UserKnownHostsFile, HostKeyAlias, SetEnv, SendEnv, RemoteCommand,
// RequestTTY and GatewayPorts from ssh_config, as `ssh -G` resolves them, with
// a note for what Warren cannot carry over.
import os from 'node:os';
import path from 'node:path';
import type { ResolvedSshHost, SshConfigContext } from '../ssh-config';
import { argvSplit } from '../ssh-config/line-tokens';
import { connectionTokens, expandTokens } from '../ssh-config/expand';
import { parseFlag } from '../ssh-config/scalars';
import { ENV_NAME, type EnvPair, type RequestTty, type SessionOptions } from '../../src-shared/session-options';

export type ImportedSessionOptions = SessionOptions;

const TTY: Record<string, RequestTty> = { yes: 'yes', true: 'yes', no: 'no', false: 'no', force: 'force', auto: 'auto' };

export function sessionFromConfig(r: ResolvedSshHost, ctx: SshConfigContext): ImportedSessionOptions & { notes: string[] } {
  const notes: string[] = [];
  const first = (keyword: string) => r.options[keyword]?.[0];
  return {
    userKnownHostsFiles: knownHostsFiles(r, ctx, notes),
    hostKeyAlias: r.hostKeyAlias,
    setEnv: setEnv(first('setenv'), notes),
    sendEnv: sendEnv(r.options.sendenv ?? [], notes),
    remoteCommand: remoteCommand(r, ctx, notes),
    requestTty: TTY[(first('requesttty') ?? 'auto').toLowerCase()] ?? 'auto',
    gatewayPorts: parseFlag(first('gatewayports') ?? 'no') === true,
    notes,
  };
}

/** ssh's default files (~/.ssh/known_hosts, known_hosts2) are among those Warren reads anyway: nothing to store. */
function knownHostsFiles(r: ResolvedSshHost, ctx: SshConfigContext, notes: string[]): string[] {
  const files = r.userKnownHostsFiles;
  if (files.every((f) => f.startsWith(path.join(ctx.home, '.ssh', 'known_hosts')))) return [];
  if (files[0]?.toLowerCase() === 'none') {
    notes.push('UserKnownHostsFile none: not supported: Warren keeps the host key in its own known_hosts file instead');
    return [];
  }
  return files;
}

/** readconf.c: the first SetEnv line applies, all its words. */
function setEnv(line: string | undefined, notes: string[]): EnvPair[] {
  if (line === undefined) return [];
  const pairs: EnvPair[] = [];
  for (const word of argvSplit(line) ?? []) {
    const at = word.indexOf('=');
    const name = word.slice(0, at);
    if (at > 0 && ENV_NAME.test(name) && !/[\r\n\0]/.test(word)) pairs.push({ name, value: word.slice(at + 1) });
    else notes.push(`SetEnv ${word}: not supported: Warren sends only NAME=value with a name of letters, digits and _`);
  }
  return pairs;
}

/** SendEnv lines add up; a `-pattern` drops the names given before it that match (readconf.c rm_env). */
function sendEnv(lines: readonly string[], notes: string[]): string[] {
  let patterns: string[] = [];
  for (const word of lines.flatMap((line) => argvSplit(line) ?? [])) {
    if (word.startsWith('-')) {
      const gone = new RegExp(`^${word.slice(1).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
      patterns = patterns.filter((p) => !gone.test(p));
    } else if (/^[A-Za-z0-9_*?]+$/.test(word)) {
      if (!patterns.includes(word)) patterns.push(word);
    } else {
      notes.push(`SendEnv ${word}: not supported: Warren sends variables named with letters, digits, _ and the wildcards * and ?`);
    }
  }
  return patterns;
}

/** As `ssh -G` shows it: the connection's %-tokens expanded (ssh.c percent_expand of remote_command). */
function remoteCommand(r: ResolvedSshHost, ctx: SshConfigContext, notes: string[]): string | null {
  const raw = r.options.remotecommand?.[0];
  if (raw === undefined || raw.toLowerCase() === 'none') return null;
  const tokens = connectionTokens({
    host: r.hostName,
    alias: r.alias,
    port: r.port ?? 22,
    remoteUser: r.user ?? ctx.user,
    keyAlias: r.hostKeyAlias ?? r.alias,
    home: ctx.home,
    localUser: ctx.user,
    localHost: ctx.localHost,
    uid: ctx.uid ?? os.userInfo().uid,
  });
  const expanded = expandTokens(raw, tokens, null);
  if (expanded.ok) return expanded.value;
  notes.push(`RemoteCommand ${raw}: ${expanded.reason}; imported as written`);
  return raw;
}
