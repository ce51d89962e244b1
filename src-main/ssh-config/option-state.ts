// readconf.c's option state for one alias, as the resolver fills it in.
import type { ForwardSpec } from './forwards';
import type { JumpSpec } from './jumps';
import type { Setting } from './settings';

export type StoredForward = { keyword: 'LocalForward' | 'RemoteForward' | 'DynamicForward'; spec: ForwardSpec };

/** readconf.c's Options, for the keywords Warren reads; null is ssh's "unset". */
export interface OptionState {
  hostname: string | null;
  user: string | null;
  port: number | null;
  identityFiles: string[];
  identitiesOnly: boolean | null;
  proxyCommand: string | null;
  jump: JumpSpec | null;
  localForwards: StoredForward[];
  remoteForwards: StoredForward[];
  clearAllForwardings: boolean | null;
  serverAliveInterval: number | null;
  serverAliveCountMax: number | null;
  forwardAgent: boolean | null;
  agentSocket: string | null;
  strictHostKeyChecking: Extract<Setting, { key: 'stricthostkeychecking' }>['value'] | null;
  userKnownHostsFiles: string[];
  connectTimeout: number | null;
  hostKeyAlias: string | null;
  canonicalizeHostname: string | null;
  /** the IgnoreUnknown in force and its reading-order position (see load.ts) */
  ignoreUnknown: { list: string; ordinal: number } | null;
  /** Every option keyword (lowercase) of the lines that applied, with their values in reading order. */
  options: Map<string, string[]>;
}

export const emptyState = (): OptionState => ({
  hostname: null,
  user: null,
  port: null,
  identityFiles: [],
  identitiesOnly: null,
  proxyCommand: null,
  jump: null,
  localForwards: [],
  remoteForwards: [],
  clearAllForwardings: null,
  serverAliveInterval: null,
  serverAliveCountMax: null,
  forwardAgent: null,
  agentSocket: null,
  strictHostKeyChecking: null,
  userKnownHostsFiles: [],
  connectTimeout: null,
  hostKeyAlias: null,
  canonicalizeHostname: null,
  ignoreUnknown: null,
  options: new Map(),
});
