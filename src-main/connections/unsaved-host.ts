// Quick connect (`user@host:port` typed in the palette): a host that is not in
// the tree, dressed as one so it meets the same host-key check, auth plan and
// prompts as a saved host. Nothing here is written to disk.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatSshTarget, isSshTargetError, parseSshTarget, type SshTarget } from '../../src-shared/ssh-target';
import { AppError } from '../errors/app-error';
import type { ConnectionSettings } from '../../src-shared/connection-settings';
import { HOST_DEFAULTS, type StoredHost } from '../hosts/hosts-model';

/** Ids of unsaved hosts start with this, so nothing offers to remember a password for a host that will not exist. */
const UNSAVED = 'unsaved-';

export interface UnsavedHostContext {
  /** The remote user when the address names none, as `ssh host` uses the local one. */
  localUser: string;
  /** Whose ~/.ssh default keys to offer, as `ssh host` does; null offers none (tests, the e2e harness). */
  home: string | null;
  defaults: ConnectionSettings;
}

export function unsavedHost(target: SshTarget, ctx: UnsavedHostContext): StoredHost {
  const username = target.user ?? ctx.localUser;
  const port = target.port ?? 22;
  return {
    ...HOST_DEFAULTS,
    id: `${UNSAVED}${randomUUID()}`,
    name: formatSshTarget({ user: username, host: target.host, port }),
    host: target.host,
    port,
    username,
    auth: { keyPath: defaultKey(ctx.home), useAgent: true },
    hostKeyPolicy: ctx.defaults.hostKeyPolicy,
    folderId: null,
    forwards: [],
    exitOnForwardFailure: false,
    keepaliveIntervalSec: ctx.defaults.keepaliveIntervalSec,
    keepaliveCountMax: ctx.defaults.keepaliveCountMax,
  };
}

/** The contract has checked the address already; parsing again here keeps this safe for any other caller. */
export function unsavedHostAt(address: string, ctx: UnsavedHostContext): StoredHost {
  const target = parseSshTarget(address);
  if (isSshTargetError(target)) throw new AppError('invalid-input', `"${address.slice(0, 80)}" is not an address to connect to (${target.error}). Type user@host:port.`);
  return unsavedHost(target, ctx);
}

export function isUnsavedHost(host: Pick<StoredHost, 'id'>): boolean {
  return host.id.startsWith(UNSAVED);
}

/** OpenSSH's first default identity that exists (Warren offers one key file per host). */
function defaultKey(home: string | null): string | null {
  if (!home) return null;
  return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((n) => path.join(home, '.ssh', n)).find((f) => existsSync(f)) ?? null;
}
