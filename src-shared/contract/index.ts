// The one description of Warren's API. Both transports (Electron IPC and the
// e2e WebSocket bridge) and both ends (main's router, the renderer's
// `window.warren`) are generic loops over this file. No Node or DOM imports.
import { z } from 'zod';
import { promptAnswer, type PromptQuestion } from './prompts';

export type { PromptQuestion, PromptAnswer } from './prompts';


const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be a plain id');
const folderRef = id.nullable();
const port = z.number().int().min(1).max(65535);
const cols = z.number().int().min(2).max(1000);
const rows = z.number().int().min(1).max(500);

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

export const hostKeyPolicy = z.enum(['ask', 'accept-new', 'strict']);
export type HostKeyPolicy = z.infer<typeof hostKeyPolicy>;

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
  hostKeyPolicy: hostKeyPolicy.default('ask'),
  folderId: folderRef,
  /** OpenSSH's ExitOnForwardFailure: a forward that cannot start closes the tunnel connection. Omitted: unchanged. */
  exitOnForwardFailure: z.boolean().optional(),
  /** ProxyJump hops in order: a saved host's name, or `[user@]host[:port]`. Omitted: unchanged. */
  jumpHosts: z.array(jumpHost).max(8).optional(),
  /** ServerAliveInterval (0 = off) and ServerAliveCountMax. Omitted: unchanged. */
  keepaliveIntervalSec: z.number().int().min(0).max(3600).optional(),
  keepaliveCountMax: z.number().int().min(1).max(100).optional(),
  agentForward: z.boolean().optional(),
});

const bindHost = z.string().trim().max(255).regex(/^[^\s/@]*$/, 'address must not contain spaces, "/" or "@"');
const destHost = z.string().trim().min(1, 'destination host is required').max(255).regex(/^[^\s/@]+$/, 'destination must be a name or address');
const anyPort = z.number().int().min(0).max(65535);

/** One saved forward (ssh -L, -R or -D) of a host. */
export const forwardInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local'), bindHost: bindHost.default('127.0.0.1'), bindPort: anyPort, destHost, destPort: port }).strict(),
  // Port 0: the server chooses; '' or '*': all interfaces, if the server's GatewayPorts allows.
  z.object({ kind: z.literal('remote'), bindHost: bindHost.default('localhost'), bindPort: anyPort, destHost, destPort: port }).strict(),
  z.object({ kind: z.literal('dynamic'), bindHost: bindHost.default('127.0.0.1'), bindPort: anyPort }).strict(),
]);
export type ForwardInput = z.output<typeof forwardInput>;

/** One concrete Host alias of an OpenSSH config and what importing it would make. */
export interface ImportCandidate {
  alias: string;
  action: 'new' | 'update' | 'same';
  host: { host: string; port: number; username: string; keyPath: string | null; useAgent: boolean; hostKeyPolicy: HostKeyPolicy; jumpHosts: string[]; keepaliveIntervalSec: number; keepaliveCountMax: number; agentForward: boolean };
  forwards: ForwardInput[];
  /** What could not be carried over, or was changed on the way. */
  notes: string[];
  source: { file: string; line: number };
}

export interface ImportPreview {
  file: string;
  candidates: ImportCandidate[];
  /** Lines not understood or not applied, with file and line. */
  issues: Array<{ file: string; line: number; text: string; reason: string }>;
}

export interface ImportResult {
  created: number;
  updated: number;
  folderName: string;
}

/** A key pair just written (its files, the .pub line, and how ssh-keygen -l would name it). */
export interface GeneratedKeyView {
  privateKeyPath: string;
  publicKeyPath: string;
  /** The .pub line, without the newline. */
  publicKey: string;
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  fingerprint: string;
  /** The SSH type name, e.g. 'ssh-ed25519'. */
  keyType: string;
  bits: number;
}

export interface CopyIdView {
  added: boolean;
  path: string;
  /** True once a fresh login offering only the new key worked. */
  verified: boolean;
  message: string;
  warnings: string[];
}

export interface AppSettings {
  /** Reconnect lost terminals and file tabs by themselves, with backoff. */
  autoReconnect: boolean;
}

export interface LogLine {
  at: number;
  text: string;
}

export interface ConnectionTest {
  ok: boolean;
  /** One sentence: connected in N ms as whom, or what failed and what to do. */
  verdict: string;
  log: LogLine[];
}

export type TunnelState = 'off' | 'connecting' | 'on' | 'error';

/** A saved forward with its live state, as the Tunnels panel shows it. */
export interface TunnelView {
  hostId: string;
  forwardId: string;
  name: string;
  spec: ForwardInput;
  autoStart: boolean;
  state: TunnelState;
  /** The connection it rides on, e.g. `alice@db.example:22`. */
  via: string;
  /** The port actually bound (differs from spec when it asked for 0). */
  boundPort: number | null;
  open: number;
  total: number;
  failed: number;
  bytesIn: number;
  bytesOut: number;
  /** Bytes per second, smoothed. */
  rateIn: number;
  rateOut: number;
  lastError: string | null;
}

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

export interface AppInfo {
  version: string;
  /** Things the user must be told at start-up, e.g. a settings file that was moved aside. */
  notices: string[];
  /** Whether saved passwords can be encrypted at rest on this machine. */
  canStoreSecrets: boolean;
}

/** One entry of a folder listing, local or remote. */
export interface FileEntry {
  name: string;
  path: string;
  kind: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
  mtimeMs: number;
  /** Permission bits only (e.g. 0o644), without the file-type bits. */
  mode: number;
  uid: number;
  gid: number;
  /** For symlinks: what the link says, verbatim. */
  linkTarget?: string;
  /** For symlinks: what it leads to ('file' covers anything that is not a folder); 'missing' when broken or looping. */
  targetKind?: 'file' | 'dir' | 'missing';
}

/** A key an ssh-agent offers: public facts only. */
export interface AgentKey {
  type: string;
  fingerprint: string;
  comment: string;
}

export type AgentStatus = { available: false; reason: string } | { available: true; socket: string; keys: AgentKey[] };

export type SessionState = 'connecting' | 'connected' | 'failed' | 'closed';

export interface SessionStateEvent {
  sessionId: string;
  state: SessionState;
  /** Human text: what happened and what to do (failed), or how it ended (closed). */
  message?: string;
  code?: string;
  exitCode?: number | null;
  signal?: string | null;
  hostKeyChange?: HostKeyChange;
}

/** Details of a refused, changed host key, so the user can see and act on them. */
export interface HostKeyChange {
  host: string;
  port: number;
  keyType: string;
  newFingerprint: string;
  oldFingerprint: string;
  file: string;
  line: number;
}

export interface PromptAskEvent {
  promptId: string;
  sessionId: string;
  question: PromptQuestion;
}

export interface SessionDataEvent {
  sessionId: string;
  data: string;
}

/** Phantom carrier for a request's result type; the input is a runtime schema. */
const request =
  <Output>() =>
  <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output });

const empty = z.object({}).strict();
// Paths travel as text; each side checks them (absolute, no NUL) before use.
const filePath = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'path must not contain NUL');
const fileMode = z.number().int().min(0).max(0o7777);

export const requests = {
  'app:info': request<AppInfo>()(empty),
  'hosts:list': request<HostTree>()(empty),
  'hosts:save': request<HostView>()(hostInput.strict()),
  'hosts:remove': request<null>()(z.object({ id }).strict()),
  'folders:save': request<FolderView>()(
    z.object({ id: id.optional(), name: z.string().trim().min(1, 'name is required').max(200), parentId: folderRef }).strict(),
  ),
  'folders:remove': request<null>()(z.object({ id }).strict()),
  'tree:move': request<null>()(
    z.object({ kind: z.enum(['host', 'folder']), id, folderId: folderRef }).strict(),
  ),
  'session:open': request<{ sessionId: string }>()(z.object({ hostId: id, cols, rows }).strict()),
  'session:write': request<null>()(z.object({ sessionId: id, data: z.string().min(1).max(1 << 20) }).strict()),
  'session:resize': request<null>()(z.object({ sessionId: id, cols, rows }).strict()),
  /** The renderer tells main how much terminal output it has drawn (flow control). */
  'session:ack': request<null>()(z.object({ sessionId: id, chars: z.number().int().min(0).max(1 << 30) }).strict()),
  'session:close': request<null>()(z.object({ sessionId: id }).strict()),
  /** The user's answer to a prompt:ask; null cancels. */
  'prompt:answer': request<null>()(z.object({ promptId: id, answer: promptAnswer.nullable() }).strict()),
  /** The keys the ssh-agent offers (public facts only). */
  'agent:list': request<AgentStatus>()(empty),
  // The local side of the file browser.
  'local:home': request<string>()(empty),
  'local:list': request<FileEntry[]>()(z.object({ path: filePath }).strict()),
  'local:mkdir': request<null>()(z.object({ path: filePath }).strict()),
  'local:rename': request<null>()(z.object({ from: filePath, to: filePath }).strict()),
  'local:remove': request<null>()(z.object({ path: filePath }).strict()),
  'local:chmod': request<null>()(z.object({ path: filePath, mode: fileMode }).strict()),
  // The remote side: one SFTP connection per browser, id chosen by the renderer so it can cancel while connecting.
  /** `replaces`: the browser this one reconnects (same tab); its paused transfers continue here. */
  'files:open': request<{ home: string }>()(z.object({ browserId: id, hostId: id, replaces: id.optional() }).strict()),
  'files:close': request<null>()(z.object({ browserId: id }).strict()),
  /** Downloads remote files to a staging folder for a drag to the desktop; the shell then starts the OS drag. */
  'files:dragOut': request<{ files: string[] }>()(z.object({ browserId: id, paths: z.array(filePath).min(1).max(100) }).strict()),
  'files:list': request<FileEntry[]>()(z.object({ browserId: id, path: filePath }).strict()),
  'files:stat': request<FileEntry>()(z.object({ browserId: id, path: filePath }).strict()),
  'files:mkdir': request<null>()(z.object({ browserId: id, path: filePath }).strict()),
  'files:rename': request<null>()(z.object({ browserId: id, from: filePath, to: filePath }).strict()),
  'files:remove': request<null>()(z.object({ browserId: id, path: filePath }).strict()),
  'files:chmod': request<null>()(z.object({ browserId: id, path: filePath, mode: fileMode }).strict()),
  // Transfers between this machine and a browser's host.
  'transfer:start': request<{ transferIds: string[] }>()(
    z
      .object({
        browserId: id,
        direction: z.enum(['upload', 'download']),
        sources: z.array(filePath).min(1).max(10_000),
        targetDir: filePath,
      })
      .strict(),
  ),
  'transfer:cancel': request<null>()(z.object({ transferId: id }).strict()),
  /** Resumes a failed or cancelled transfer, on `browserId` when given (after a reconnect the browser is a new one). */
  'transfer:retry': request<null>()(z.object({ transferId: id, browserId: id.optional() }).strict()),
  'transfer:clearFinished': request<null>()(empty),
  /** Removes the known_hosts line that vouched for a host's old key, after a change was refused. */
  /** A connection's log by the id the renderer knows: a session, a browser, or `tunnels-<hostId>`. */
  'log:get': request<LogLine[]>()(z.object({ id: z.string().min(1).max(80).regex(/^[A-Za-z0-9_-]+$/) }).strict()),
  /** Connects, authenticates and disconnects: a verdict and the log, nothing left open. */
  'hosts:test': request<ConnectionTest>()(z.object({ hostId: id }).strict()),
  /** Reads an OpenSSH config (default ~/.ssh/config) and shows what importing it would do; changes nothing. */
  'import:preview': request<ImportPreview>()(z.object({ file: filePath.optional() }).strict()),
  'import:apply': request<ImportResult>()(z.object({ file: filePath, aliases: z.array(z.string().min(1).max(300)).min(1).max(5000) }).strict()),
  /** Writes a new key pair (never over an existing file unless `overwrite`). */
  'keys:generate': request<GeneratedKeyView>()(
    z
      .object({
        file: filePath,
        type: z.enum(['ed25519', 'ecdsa', 'rsa']).default('ed25519'),
        bits: z.number().int().optional(),
        comment: z.string().max(1024).optional(),
        passphrase: z.string().max(1024).optional(),
        overwrite: z.boolean().optional(),
      })
      .strict(),
  ),
  /** ssh-copy-id: appends the public key to the host's authorized_keys, then logs in with that key alone. */
  'keys:copyToHost': request<CopyIdView>()(z.object({ hostId: id, publicKeyPath: filePath }).strict()),
  'settings:get': request<AppSettings>()(empty),
  'settings:set': request<AppSettings>()(z.object({ autoReconnect: z.boolean() }).partial().strict()),
  'tunnels:list': request<TunnelView[]>()(empty),
  'tunnels:save': request<TunnelView>()(
    z.object({ hostId: id, forwardId: id.optional(), name: z.string().trim().min(1, 'name is required').max(200), autoStart: z.boolean().default(false), spec: forwardInput }).strict(),
  ),
  'tunnels:remove': request<null>()(z.object({ hostId: id, forwardId: id }).strict()),
  /** Switches a forward on (connecting the host if needed) or off. Resolves once it is on, or with why not. */
  'tunnels:toggle': request<TunnelView>()(z.object({ hostId: id, forwardId: id, on: z.boolean() }).strict()),
  'knownHosts:removeEntry': request<null>()(
    z.object({ file: z.string().min(1).max(4096), line: z.number().int().min(1), fingerprint: z.string().min(1).max(200) }).strict(),
  ),
} as const;

/** Events flow main → renderer only; main builds them, so they carry types, not schemas. */
/** `paused`: the connection was lost; it goes on by itself when the browser reconnects. */
/** `paused`: its connection was lost and it goes on when the tab reconnects; `interrupted`: Warren closed, Resume continues it. */
export type TransferState = 'queued' | 'running' | 'paused' | 'interrupted' | 'done' | 'failed' | 'cancelled' | 'skipped';

/** A transfer as the queue panel shows it. */
export interface TransferView {
  transferId: string;
  browserId: string;
  direction: 'upload' | 'download';
  name: string;
  source: string;
  target: string;
  state: TransferState;
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
  /** Bytes per second, smoothed. */
  speed: number;
  error?: string;
}

export interface Events {
  'session:data': SessionDataEvent;
  'session:state': SessionStateEvent;
  'prompt:ask': PromptAskEvent;
  'prompt:closed': { promptId: string };
  /** `lost`: the link went away (not closed by the user); auto-reconnect may try again. */
  'files:closed': { browserId: string; message: string; lost: boolean };
  'transfer:update': TransferView;
  'tunnel:update': TunnelView;
  'tunnel:removed': { hostId: string; forwardId: string };
}
export const eventNames = ['session:data', 'session:state', 'prompt:ask', 'prompt:closed', 'files:closed', 'transfer:update', 'tunnel:update', 'tunnel:removed'] as const satisfies readonly (keyof Events)[];

export type RequestName = keyof typeof requests;
export type EventName = keyof Events;
export type RequestInput<N extends RequestName> = z.input<(typeof requests)[N]['input']>;
export type ParsedInput<N extends RequestName> = z.output<(typeof requests)[N]['input']>;
export type RequestOutput<N extends RequestName> = (typeof requests)[N]['output'];

export interface ApiError {
  code: string;
  message: string;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const requestNames = Object.keys(requests) as RequestName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}
