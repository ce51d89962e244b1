// Every error code a request can fail with, and which of them are worth
// another try. Codes are stable (the renderer and tests branch on them); the
// sentence that goes with each is written where the error happens.

export const errorCodes = [
  // The boundary
  'unknown-request', 'invalid-input', 'forbidden', 'internal', 'disconnected',
  // Reaching a host
  'host-not-found', 'unreachable', 'connection-refused', 'connection-reset', 'connection-lost', 'timeout', 'connect-failed',
  'jump-failed', 'jump-loop', 'jump-too-long', 'bad-jump-host', 'protocol', 'server-busy',
  'proxy-command-failed', 'bad-proxy-command',
  // Host keys
  'host-key-changed', 'host-key-rejected', 'host-key-revoked', 'host-key-unknown', 'host-key-error',
  'known-hosts-write', 'known-hosts-unreadable', 'known-hosts-stale',
  // Logging in
  'auth-failed', 'credential', 'bad-passphrase', 'key-unreadable', 'key-invalid', 'cancelled', 'prompt-gone', 'secrets-unavailable',
  // Sessions and channels
  'not-connected', 'session-gone', 'shell-refused', 'sftp-unavailable', 'sftp-refused', 'sftp-polluted', 'files-gone',
  // Files
  'not-found', 'exists', 'not-a-file', 'not-a-folder', 'is-a-folder', 'not-empty', 'read-only', 'refused', 'busy', 'no-space',
  'permission-denied', 'disk-full', 'cross-device', 'name-too-long', 'invalid-name', 'unsupported', 'failed', 'sftp-error', 'write-failed',
  'io-error', 'invalid-path', 'bad-path', 'unsafe-path', 'unsafe-name', 'unreadable', 'changed', 'invalid-move',
  'drag-out-too-large', 'drag-out-names', 'drag-out-kind',
  'tree-too-large',
  // Tunnels
  'port-in-use', 'bind-failed', 'bind-denied', 'remote-bind-refused', 'bind-address-unavailable', 'invalid-spec',
  // Keys
  'keygen-failed', 'bad-key-size', 'bad-key-type', 'bad-comment',
  // Import
  'not-ssh-config',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (errorCodes as readonly string[]).includes(code);
}

/**
 * Failures that may well pass on the next attempt: the network, not the user
 * or the server's verdict. A refused password, a changed host key or a
 * cancelled prompt never get better by retrying.
 */
const retryable: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'connection-lost',
  'connection-refused',
  'connection-reset',
  'timeout',
  'unreachable',
  'host-not-found',
  'jump-failed',
  'connect-failed',
  // sshd turning new connections away (MaxStartups) lets them in again shortly.
  'server-busy',
]);

export function isRetryable(code: string | undefined | null): boolean {
  return isErrorCode(code) && retryable.has(code);
}
