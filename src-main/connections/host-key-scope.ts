// A saved host's UserKnownHostsFile and HostKeyAlias as the host-key check
// takes them: paths with `~` expanded, resolved against home as ssh does.
import os from 'node:os';
import path from 'node:path';
import type { HostKeyScope } from '../host-keys/known-hosts-service';
import { expandHome } from './credentials';

export function hostKeyScope(host: { userKnownHostsFiles?: string[] | undefined; hostKeyAlias?: string | null | undefined }, home = os.homedir()): HostKeyScope {
  const files = (host.userKnownHostsFiles ?? []).filter((f) => f.toLowerCase() !== 'none').map((f) => path.resolve(home, expandHome(f, home)));
  return { ...(files.length > 0 ? { files } : {}), ...(host.hostKeyAlias ? { alias: host.hostKeyAlias } : {}) };
}

/** Every saved host's own known_hosts files (the ones a changed-key entry may be removed from). */
export function hostKnownHostsFiles(hosts: ReadonlyArray<{ userKnownHostsFiles?: string[] | undefined }>, home = os.homedir()): string[] {
  return [...new Set(hosts.flatMap((h) => hostKeyScope(h, home).files ?? []))];
}
