// Saved hosts and the folders they sit in.
import { z } from 'zod';
import { empty, filePath, folderRef, id, port, request } from './common';
import type { LogLine } from './app';
import { recordMode, type RecordMode } from '../logging-settings';
import { authMethods, type AuthMethod } from '../auth-methods';
import { hostKeyPolicy, keepaliveCountMax, keepaliveIntervalSec, type HostKeyPolicy } from '../connection-settings';
import { envPair, hostKeyAlias, knownHostsPath, remoteCommand, requestTtyModes, sendEnvPattern, type SessionOptions } from '../session-options';

export { hostKeyPolicy, type HostKeyPolicy } from '../connection-settings';

/**
 * The methods a host may use. Warren tries them in OpenSSH's order: agent
 * keys, the key file, keyboard-interactive, then the password.
 */
export const hostAuthInput = z.object({
  keyPath: z.string().trim().max(4096).nullable(),
  useAgent: z.boolean(),
  // Omitted: keep the saved password. Empty string: forget it.
  password: z.string().max(4096).optional(),
  // Passphrases are remembered from their prompt; the form can only forget one.
  forgetPassphrase: z.boolean().optional(),
});

/** A host's colour in the tree: a name the theme maps to a colour, so it reads on dark and light. */
export const hostColors = ['red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink', 'grey'] as const;
export type HostColor = (typeof hostColors)[number];
export const hostColor = z.enum(hostColors);

/** One word, so `tag:prod` in the search finds it and a list of them can be typed with commas or spaces. */
export const hostTag = z.string().trim().min(1).max(40).regex(/^[^\s,]+$/, 'a tag is one word, without spaces or commas');
export const MAX_TAGS = 12;

/** One ssh_config algorithm list: names separated by commas, optionally led by `+` (append), `-` (remove) or `^` (put first). Empty: Warren's default. */
const algorithmSpec = z
  .string()
  .max(2000)
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[+^-]?[\w@.*?,-]*$/, 'algorithms are names separated by commas, optionally starting with +, - or ^'));

/** HostKeyAlgorithms, KexAlgorithms, Ciphers, MACs and PubkeyAcceptedAlgorithms of one host. */
export const hostAlgorithms = z
  .object({ hostKey: algorithmSpec.optional(), kex: algorithmSpec.optional(), cipher: algorithmSpec.optional(), mac: algorithmSpec.optional(), pubkey: algorithmSpec.optional() })
  .strict();

const jumpHost = z.string().trim().min(1).max(300).regex(/^[^,/]+$/, 'a jump host is a saved host name or user@host:port, without commas');

export const hostInput = z.object({
  id: id.optional(),
  name: z.string().trim().min(1, 'name is required').max(200),
  host: z
    .string()
    .trim()
    .min(1, 'host is required')
    .max(255)
    .regex(/^[^\s@/]+$/, 'host must be a name or address, without spaces, "@" or "/"'),
  port,
  username: z.string().trim().min(1, 'user is required').max(255),
  auth: hostAuthInput,
  /** Omitted: unchanged, or for a new host the Settings default. */
  hostKeyPolicy: hostKeyPolicy.optional(),
  folderId: folderRef,
  /** OpenSSH's ExitOnForwardFailure: a forward that cannot start closes the tunnel connection. Omitted: unchanged. */
  exitOnForwardFailure: z.boolean().optional(),
  /** ProxyJump hops in order: a saved host's name, or `[user@]host[:port]`. Omitted: unchanged. */
  jumpHosts: z.array(jumpHost).max(8).optional(),
  /** ServerAliveInterval (0 = off) and ServerAliveCountMax. Omitted: unchanged. */
  keepaliveIntervalSec: keepaliveIntervalSec.optional(),
  keepaliveCountMax: keepaliveCountMax.optional(),
  agentForward: z.boolean().optional(),
  /** Record every terminal to this host from the moment it connects. Omitted: unchanged. */
  recordSessions: recordMode.optional(),
  /** null: no colour. Omitted: unchanged. */
  color: hostColor.nullable().optional(),
  tags: z.array(hostTag).max(MAX_TAGS).optional(),
  favourite: z.boolean().optional(),
  /** OpenSSH's ProxyCommand (one line; `%h %p %r %n %%` expanded on connect). Empty or "none": direct. Omitted: unchanged. */
  proxyCommand: z.string().trim().max(2000).regex(/^[^\r\n\0]*$/, 'a proxy command is one line').optional(),
  /** Each terminal, Files tab and tunnel gets its own SSH connection instead of sharing one. Omitted: unchanged. */
  separateConnections: z.boolean().optional(),
  /** Per-host algorithm lists in ssh_config syntax; an empty one is Warren's default. Omitted: unchanged. */
  algorithms: hostAlgorithms.optional(),
  /** IdentityAgent: the agent socket to use instead of SSH_AUTH_SOCK, or "none". Empty: SSH_AUTH_SOCK. Omitted: unchanged. */
  identityAgent: z.string().trim().max(4096).regex(/^[^\r\n\0]*$/, 'an agent socket is one path').optional(),
  /** More IdentityFiles, tried in order after the key file. Omitted: unchanged. */
  identityFiles: z.array(z.string().trim().min(1).max(4096)).max(16).optional(),
  /** IdentitiesOnly: of the agent's keys, offer only those whose key file the host names. Omitted: unchanged. */
  identitiesOnly: z.boolean().optional(),
  /** CertificateFile: user certificates offered before the key each certifies; `<key>-cert.pub` is tried without naming it. Omitted: unchanged. */
  certificateFiles: z.array(z.string().trim().min(1).max(4096)).max(16).optional(),
  /** PreferredAuthentications, in order; empty: Warren's order (agent, key file, keyboard-interactive, password). Omitted: unchanged. */
  preferredAuthentications: z.array(z.enum(authMethods)).max(3).optional(),
  /** ConnectTimeout in seconds for the network part of connecting; null: Warren's default. Omitted: unchanged. */
  connectTimeoutSec: z.number().int().min(1).max(3600).nullable().optional(),
  /** UserKnownHostsFile: host keys are checked against and saved to these instead of Warren's files; empty: Warren's. Omitted: unchanged. */
  userKnownHostsFiles: z.array(knownHostsPath).max(8).optional(),
  /** HostKeyAlias: the name the host key is looked up and saved under; empty: the address. Omitted: unchanged. */
  hostKeyAlias: hostKeyAlias.optional(),
  /** SetEnv: sent as env requests on every terminal's channel. Omitted: unchanged. */
  setEnv: z.array(envPair).max(64).optional(),
  /** SendEnv: names (or patterns) of main's environment variables whose values are sent. Omitted: unchanged. */
  sendEnv: z.array(sendEnvPattern).max(64).optional(),
  /** RemoteCommand: run instead of a login shell in terminals; empty: a shell. Omitted: unchanged. */
  remoteCommand: remoteCommand.optional(),
  /** RequestTTY. Omitted: unchanged (auto for a new host). */
  requestTty: z.enum(requestTtyModes).optional(),
  /** GatewayPorts: local and SOCKS forwards saved without a listen address listen on every interface. Omitted: unchanged. */
  gatewayPorts: z.boolean().optional(),
});

export interface HostAuthView {
  keyPath: string | null;
  useAgent: boolean;
  hasSavedPassword: boolean;
  hasSavedPassphrase: boolean;
}

/** A saved host as the renderer sees it: never a secret, only whether one is saved. */
/** How a host logs in beyond its address and key: as saved on a host, and as the importer reads them from ssh_config. */
export interface LoginOptions {
  /** IdentityAgent as written: a socket path, "none" or SSH_AUTH_SOCK; null: SSH_AUTH_SOCK's agent. */
  identityAgent: string | null;
  /** Key files tried after the host's key file, in order. */
  identityFiles: string[];
  identitiesOnly: boolean;
  /** CertificateFiles; empty: only `<key>-cert.pub` beside each key file. */
  certificateFiles: string[];
  /** PreferredAuthentications, the methods Warren has, in order; empty: Warren's order. */
  preferredAuthentications: AuthMethod[];
  /** null: Warren's default. */
  connectTimeoutSec: number | null;
}

export interface HostView extends SessionOptions, LoginOptions {
  id: string;
  name: string;
  host: string;
  port: number;
  username: string;
  auth: HostAuthView;
  hostKeyPolicy: HostKeyPolicy;
  folderId: string | null;
  exitOnForwardFailure: boolean;
  jumpHosts: string[];
  keepaliveIntervalSec: number;
  keepaliveCountMax: number;
  agentForward: boolean;
  recordSessions: RecordMode;
  color: HostColor | null;
  tags: string[];
  favourite: boolean;
  /** When a terminal, file browser or tunnel last connected to it (ms since the epoch); null: never. */
  lastConnectedAt: number | null;
  /** OpenSSH's ProxyCommand; null: connect directly. */
  proxyCommand: string | null;
  /** Each use opens its own SSH connection instead of sharing the host's. */
  separateConnections: boolean;
  /** Only the lists the host sets, in ssh_config syntax (`+ssh-rsa`). */
  algorithms: z.infer<typeof hostAlgorithms>;
}

export interface FolderView {
  id: string;
  name: string;
  parentId: string | null;
}

export interface HostTree {
  folders: FolderView[];
  hosts: HostView[];
}

export interface SshConfigExportView {
  /** The ssh_config text: one Host block per host. */
  text: string;
  /** Hosts the user picked (folders counted by their hosts). */
  chosen: number;
  /** Host blocks written: the picked ones and the saved jump hosts they need. */
  written: number;
}

export interface ConnectionTest {
  ok: boolean;
  /** One sentence: connected in N ms as whom, or what failed and what to do. */
  verdict: string;
  log: LogLine[];
}

export const hostRequests = {
  'hosts:list': request<HostTree>()(empty),
  'hosts:save': request<HostView>()(hostInput.strict()),
  'hosts:remove': request<null>()(z.object({ id }).strict()),
  /** Connects, authenticates and disconnects: a verdict and the log, nothing left open. */
  'hosts:test': request<ConnectionTest>()(z.object({ hostId: id }).strict()),
  /** Pins a host to the Favourites group at the top of the tree, or unpins it. */
  'hosts:favourite': request<HostView>()(z.object({ id, on: z.boolean() }).strict()),
  'folders:save': request<FolderView>()(
    z.object({ id: id.optional(), name: z.string().trim().min(1, 'name is required').max(200), parentId: folderRef }).strict(),
  ),
  'folders:remove': request<null>()(z.object({ id }).strict()),
  'tree:move': request<null>()(z.object({ kind: z.enum(['host', 'folder']), id, folderId: folderRef }).strict()),
  /** The hosts (and every host in the folders) as an OpenSSH config snippet; saved jump hosts they use come along. */
  'hosts:exportSshConfig': request<SshConfigExportView>()(z.object({ hostIds: z.array(id).max(10_000), folderIds: z.array(id).max(10_000) }).strict()),
  /**
   * Save… of the same export: main writes its own text (0600) to `path`. An
   * existing file is replaced only with `replace` (the Save dialog asked, or
   * the user pressed Replace); otherwise the answer is an `exists` error.
   */
  'hosts:saveSshConfig': request<{ path: string; written: number }>()(
    z.object({ hostIds: z.array(id).max(10_000), folderIds: z.array(id).max(10_000), path: filePath, replace: z.boolean() }).strict(),
  ),
};

export interface HostEvents {
  /** A terminal, file browser or tunnel connected to the host; main has saved the time (the tree's Recent group). */
  'hosts:connected': { hostId: string; at: number };
}
export const hostEventNames = ['hosts:connected'] as const satisfies ReadonlyArray<keyof HostEvents>;
