// Host keys and the ssh-agent: what the user is shown about either, never a
// private key.
import { z } from 'zod';
import { empty, request } from './common';

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

/** A key an ssh-agent offers: public facts only. */
export interface AgentKey {
  type: string;
  fingerprint: string;
  comment: string;
}

export type AgentStatus = { available: false; reason: string } | { available: true; socket: string; keys: AgentKey[] };

/** The known_hosts files Warren trusts and writes, as Settings shows them. */
export interface KnownHostsView {
  /** Read for trust decisions, as OpenSSH reads them. */
  readFiles: string[];
  /** Warren's own file: new keys are saved here (and it is read too). */
  ownFile: string;
  /** New entries are saved with the host name hashed (OpenSSH's HashKnownHosts). */
  hash: boolean;
  /** Set by whoever started Warren (tests, the e2e harness): these override Settings, which then cannot change them. */
  fixed: boolean;
}

/** A full path: a relative one would depend on where Warren was started (and the host-key check does not expand `~`). */
const knownHostsPath = z
  .string()
  .trim()
  .min(1)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'must be a full path (starting with / or a drive letter)')
  .refine((p) => !p.includes('\0'), 'must not contain a NUL character');

export const hostKeyRequests = {
  'knownHosts:settings': request<KnownHostsView>()(empty),
  'knownHosts:setSettings': request<KnownHostsView>()(
    z.object({ readFiles: z.array(knownHostsPath).max(16), ownFile: knownHostsPath, hash: z.boolean() }).partial().strict(),
  ),
  /** Removes the known_hosts line that vouched for a host's old key, after a change was refused. */
  'knownHosts:removeEntry': request<null>()(
    z.object({ file: z.string().min(1).max(4096), line: z.number().int().min(1), fingerprint: z.string().min(1).max(200) }).strict(),
  ),
  /** The keys the ssh-agent offers (public facts only). */
  'agent:list': request<AgentStatus>()(empty),
};
