// Public shapes of the ssh-config service: what an OpenSSH client config file
// means for each concrete `Host` alias, with every problem reported, never thrown.

export interface SshConfigContext {
  /** The local user's home directory (passwd entry): `~` and `%d` in IdentityFile / UserKnownHostsFile. */
  home: string;
  /** The local user name: `%u`, and the remote user when the file sets none (`%r`, `Match user`). */
  user: string;
  /** The local host name as gethostname(2) gives it: `%l`, and `%L` up to the first dot. */
  localHost: string;
  /** The local user id for `%i`; defaults to os.userInfo().uid. */
  uid?: number;
  /**
   * The home directory `Include` uses for `~` and for relative paths (`~/.ssh/<path>`).
   * OpenSSH expands those through glob(3), which reads $HOME, while every other `~`
   * comes from the passwd entry; the two differ only when $HOME is changed. Defaults to `home`.
   */
  includeHome?: string;
  /** Environment for `${VAR}` in forward specs, IdentityFile and UserKnownHostsFile; defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

export type ConfigIssueKind =
  /** OpenSSH refuses the file because of this line (bad value, missing value, bad syntax). */
  | 'invalid'
  /** A keyword no OpenSSH knows (OpenSSH refuses the file unless IgnoreUnknown covers it). */
  | 'unknown-keyword'
  /** A Match block Warren cannot evaluate (exec, ...): its options were not applied. */
  | 'skipped-match'
  /** A file that could not be read, or an Include that could not be followed (cycle, too deep, bad permissions). */
  | 'include'
  /** A Host alias that cannot be used as a host name, so it is not offered for import. */
  | 'skipped-host';

export interface ConfigIssue {
  file: string;
  /** 1-based; 0 when the whole file is concerned (e.g. it cannot be read). */
  line: number;
  /** The line as written (without its line ending). */
  text: string;
  reason: string;
  kind: ConfigIssueKind;
}

/**
 * One TCP forward. `bindHost` null means no bind address was written (OpenSSH then
 * binds to loopback unless GatewayPorts); `''` and `'*'` mean all interfaces.
 * A `remote` rule without `destHost`/`destPort` is a remote dynamic (SOCKS) forward,
 * `RemoteForward <port>` alone. Unix-socket forwards are not rules: they are notes.
 */
export interface ForwardRule {
  kind: 'local' | 'remote' | 'dynamic';
  bindHost: string | null;
  bindPort: number;
  destHost?: string;
  destPort?: number;
}

export interface JumpHop {
  user: string | null;
  /** As written: an alias the jump host's own config may rename, or a host name. */
  host: string;
  port: number | null;
}

export interface ResolvedSshHost {
  alias: string;
  /** The host OpenSSH connects to: HostName with `%h` expanded (or the alias), lowercased like ssh does. */
  hostName: string;
  user: string | null;
  port: number | null;
  /** `~`, `%` tokens and `${VAR}` expanded. A literal `none` is kept: it stops OpenSSH's default keys. */
  identityFiles: string[];
  /** CertificateFile lines in order, expanded like identityFiles. */
  certificateFiles: string[];
  identitiesOnly: boolean | null;
  /** First hop first; [] for none. Filled from ProxyJump or from a `ssh -W %h:%p <jump>` ProxyCommand. */
  proxyJump: JumpHop[];
  /** The ProxyCommand in effect, as written; null when unset or `none`. */
  proxyCommand: string | null;
  forwards: ForwardRule[];
  serverAliveInterval: number | null;
  serverAliveCountMax: number | null;
  forwardAgent: boolean | null;
  strictHostKeyChecking: 'yes' | 'no' | 'ask' | 'accept-new' | null;
  /** Expanded like identityFiles; `none` is kept (no known_hosts file is written). */
  userKnownHostsFiles: string[];
  connectTimeout: number | null;
  /** HostKeyAlias, lowercased as ssh does: the name to look up in known_hosts instead of hostName. */
  hostKeyAlias: string | null;
  /**
   * Every option keyword (lowercase) of the lines that apply to this alias, imported or
   * not, with each distinct value in reading order (ssh uses the first for most keywords).
   */
  options: Record<string, string[]>;
  /** where the alias was declared */
  source: { file: string; line: number };
  /** e.g. "ProxyCommand nc ... not supported" */
  notes: string[];
}

export interface SshConfigResult {
  hosts: ResolvedSshHost[];
  issues: ConfigIssue[];
}
