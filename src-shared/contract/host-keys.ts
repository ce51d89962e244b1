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

export const hostKeyRequests = {
  /** Removes the known_hosts line that vouched for a host's old key, after a change was refused. */
  'knownHosts:removeEntry': request<null>()(
    z.object({ file: z.string().min(1).max(4096), line: z.number().int().min(1), fingerprint: z.string().min(1).max(200) }).strict(),
  ),
  /** The keys the ssh-agent offers (public facts only). */
  'agent:list': request<AgentStatus>()(empty),
};
