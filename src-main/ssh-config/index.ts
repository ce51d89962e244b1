// Reading OpenSSH client config files the way ssh does (issue 6, "Import from
// ~/.ssh/config"): every concrete Host alias with the values `ssh <alias>` would
// use, and every line ssh would refuse or Warren cannot honour, as issues.
import path from 'node:path';
import { loadConfigTree, type LoadedSshConfig } from './load';
import { resolveHost } from './resolve';
import type { SshConfigContext, SshConfigResult } from './types';
import { unknownKeywordIssues } from './unknown-keywords';

export type { ConfigIssue, ConfigIssueKind, ForwardRule, JumpHop, ResolvedSshHost, SshConfigContext, SshConfigResult } from './types';
export type { LoadedSshConfig } from './load';
export { resolveHost } from './resolve';

/**
 * Reads `file` and everything it includes, once; `resolveHost(alias, config)` then
 * answers for any alias. Never throws. Issues come sorted by file (in reading order) and line.
 */
export async function loadSshConfig(file: string, ctx: SshConfigContext): Promise<LoadedSshConfig> {
  const config = await loadConfigTree(path.resolve(file), ctx);
  config.issues.push(...unknownKeywordIssues(config));
  const rank = new Map(config.files.map((name, index) => [name, index]));
  config.issues.sort((a, b) => (rank.get(a.file) ?? -1) - (rank.get(b.file) ?? -1) || a.line - b.line);
  return config;
}

/**
 * Every concrete alias of `file` (and the files it includes), resolved. Never
 * throws: an unreadable or malformed file gives issues and whatever hosts it has.
 */
export async function readSshConfig(file: string, ctx: SshConfigContext): Promise<SshConfigResult> {
  try {
    const config = await loadSshConfig(file, ctx);
    return { hosts: config.aliases.map((a) => resolveHost(a.alias, config, a)), issues: config.issues };
  } catch (error) {
    // Not expected (every step reports instead of throwing); kept so that an import never crashes.
    const reason = `could not be read: ${error instanceof Error ? error.message : String(error)}`;
    return { hosts: [], issues: [{ file, line: 0, text: '', reason, kind: 'include' }] };
  }
}
