// The saved host tree as it lies on disk, its schema version and migrations.
import { z } from 'zod';
import { forwardInput, hostColors } from '../../src-shared/contract';
import { recordModes } from '../../src-shared/logging-settings';
import { authMethods } from '../../src-shared/auth-methods';
import { requestTtyModes } from '../../src-shared/session-options';

export const HOSTS_SCHEMA_VERSION = 4;

export const hostKeyPolicies = ['ask', 'accept-new', 'strict'] as const;

/** Every method a host may use; they are tried in OpenSSH's order. */
const storedAuth = z.object({
  keyPath: z.string().nullable(),
  useAgent: z.boolean(),
  sealedPassword: z.string().optional(),
  sealedPassphrase: z.string().optional(),
});

export const storedForward = z.object({
  id: z.string(),
  name: z.string(),
  autoStart: z.boolean(),
  // "Start when Warren starts": on at launch, with no window open. Absent in files written before it existed.
  startAtLaunch: z.boolean().optional(),
  spec: forwardInput,
});

export const storedHost = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  username: z.string(),
  auth: storedAuth,
  hostKeyPolicy: z.enum(hostKeyPolicies),
  folderId: z.string().nullable(),
  forwards: z.array(storedForward),
  exitOnForwardFailure: z.boolean(),
  /** ProxyJump, in order: saved host names or `user@host:port`. */
  jumpHosts: z.array(z.string()),
  keepaliveIntervalSec: z.number().int(),
  keepaliveCountMax: z.number().int(),
  agentForward: z.boolean(),
  /** Absent (every file from before session logs): off. Optional rather than migrated, so those files stay valid as they are. */
  recordSessions: z.enum(recordModes).optional(),
  // Absent in files from before the tree could colour, tag, pin and remember hosts:
  // optional rather than migrated, so those files load as they are.
  color: z.enum(hostColors).optional(),
  tags: z.array(z.string()).optional(),
  favourite: z.boolean().optional(),
  /** When a terminal, file browser or tunnel last connected (ms since the epoch). */
  lastConnectedAt: z.number().optional(),
  /** OpenSSH's ProxyCommand: run with the user's shell, its stdio is the transport. Absent: connect directly. */
  proxyCommand: z.string().optional(),
  /** Give each terminal, file browser and tunnel its own SSH connection (no ControlMaster-style sharing). Absent: shared. */
  separateConnections: z.boolean().optional(),
  /** HostKeyAlgorithms, KexAlgorithms, Ciphers, MACs, PubkeyAcceptedAlgorithms in ssh_config syntax; only those set. Absent: Warren's defaults. */
  /** IdentityAgent (a socket path or "none"), more IdentityFiles after auth.keyPath, IdentitiesOnly. Absent: SSH_AUTH_SOCK, none, off. */
  identityAgent: z.string().optional(),
  identityFiles: z.array(z.string()).optional(),
  identitiesOnly: z.boolean().optional(),
  /** CertificateFile: user certificates offered before the key each certifies (`<key>-cert.pub` is tried without one). */
  certificateFiles: z.array(z.string()).optional(),
  /** PreferredAuthentications in order, and ConnectTimeout in seconds. Absent: Warren's order and default. */
  preferredAuthentications: z.array(z.enum(authMethods)).optional(),
  connectTimeoutSec: z.number().int().optional(),
  /** UserKnownHostsFile and HostKeyAlias. Absent: Warren's known_hosts files, the address. */
  userKnownHostsFiles: z.array(z.string()).optional(),
  hostKeyAlias: z.string().optional(),
  /** SetEnv pairs and SendEnv patterns; RemoteCommand and RequestTTY; GatewayPorts. Absent: none, a shell, auto, off. */
  setEnv: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  sendEnv: z.array(z.string()).optional(),
  remoteCommand: z.string().optional(),
  requestTty: z.enum(requestTtyModes).optional(),
  gatewayPorts: z.boolean().optional(),
  algorithms: z.object({ hostKey: z.string().optional(), kex: z.string().optional(), cipher: z.string().optional(), mac: z.string().optional(), pubkey: z.string().optional() }).optional(),
  /** Set for hosts imported from an OpenSSH config, so a re-import updates them. */
  imported: z.object({ file: z.string(), alias: z.string() }).optional(),
});

export const storedFolder = z.object({ id: z.string(), name: z.string(), parentId: z.string().nullable() });

export const storedTree = z.object({ folders: z.array(storedFolder), hosts: z.array(storedHost) });

export type StoredHost = z.infer<typeof storedHost>;
export type StoredForward = z.infer<typeof storedForward>;
export type StoredFolder = z.infer<typeof storedFolder>;
export type StoredTree = z.infer<typeof storedTree>;

/**
 * Each entry upgrades the raw value written by version `from` to `from + 1`.
 * Version 0 is "nothing saved yet" (or a file from before versioning).
 */
const migrations: Record<number, (raw: unknown) => unknown> = {
  0: (raw) => (raw && typeof raw === 'object' ? raw : { folders: [], hosts: [] }),
  // v1 had one method per host (password or key file); v2 lets a host use
  // several (agent, key, password) and adds the host-key policy.
  1: (raw) => {
    const tree = raw as { folders: unknown[]; hosts: Array<Record<string, unknown> & { auth: Record<string, unknown> }> };
    return {
      ...tree,
      hosts: tree.hosts.map((host) => {
        const old = host.auth;
        const auth =
          old.type === 'key'
            ? { keyPath: old.keyPath, useAgent: false }
            : { keyPath: null, useAgent: false, ...(old.sealedPassword ? { sealedPassword: old.sealedPassword } : {}) };
        return { ...host, auth, hostKeyPolicy: 'ask' };
      }),
    };
  },
  // v3 adds saved forwards (tunnels) per host.
  2: (raw) => {
    const tree = raw as { folders: unknown[]; hosts: Array<Record<string, unknown>> };
    return { ...tree, hosts: tree.hosts.map((host) => ({ ...host, forwards: [], exitOnForwardFailure: false })) };
  },
  // v4 adds jump hosts, keepalive and agent forwarding, at OpenSSH-like defaults.
  3: (raw) => {
    const tree = raw as { folders: unknown[]; hosts: Array<Record<string, unknown>> };
    return { ...tree, hosts: tree.hosts.map((host) => ({ ...host, ...HOST_DEFAULTS })) };
  },
};

export const HOST_DEFAULTS = { jumpHosts: [] as string[], keepaliveIntervalSec: 30, keepaliveCountMax: 3, agentForward: false };

export type LoadResult =
  | { kind: 'ok'; tree: StoredTree; migratedFrom: number | null }
  | { kind: 'newer'; version: number }
  | { kind: 'invalid'; reason: string };

export function loadTree(version: unknown, raw: unknown): LoadResult {
  let from = typeof version === 'number' && Number.isInteger(version) ? version : 0;
  if (from > HOSTS_SCHEMA_VERSION) return { kind: 'newer', version: from };
  const start = from;
  let value = raw;
  while (from < HOSTS_SCHEMA_VERSION) {
    const step = migrations[from];
    if (!step) return { kind: 'invalid', reason: `no migration from version ${from}` };
    value = step(value);
    from += 1;
  }
  const parsed = storedTree.safeParse(value);
  if (!parsed.success) return { kind: 'invalid', reason: parsed.error.issues[0]?.message ?? 'invalid' };
  return { kind: 'ok', tree: parsed.data, migratedFrom: start === HOSTS_SCHEMA_VERSION ? null : start };
}
