// Saved hosts and the folders they sit in.
import { z } from 'zod';
import { empty, folderRef, id, port, request } from './common';
import type { LogLine } from './app';
import { recordMode, type RecordMode } from '../logging-settings';
import { hostKeyPolicy, keepaliveCountMax, keepaliveIntervalSec, type HostKeyPolicy } from '../connection-settings';

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
});

export interface HostAuthView {
  keyPath: string | null;
  useAgent: boolean;
  hasSavedPassword: boolean;
  hasSavedPassphrase: boolean;
}

/** A saved host as the renderer sees it: never a secret, only whether one is saved. */
export interface HostView {
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
};

export interface HostEvents {
  /** A terminal, file browser or tunnel connected to the host; main has saved the time (the tree's Recent group). */
  'hosts:connected': { hostId: string; at: number };
}
export const hostEventNames = ['hosts:connected'] as const satisfies ReadonlyArray<keyof HostEvents>;
