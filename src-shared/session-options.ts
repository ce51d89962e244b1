// A host's session and host-key options from ssh_config: SetEnv, SendEnv,
// RemoteCommand, RequestTTY, UserKnownHostsFile, HostKeyAlias, GatewayPorts.
// Kept here so the contract, main and the form check them the same way.
import { z } from 'zod';

export const requestTtyModes = ['auto', 'yes', 'no', 'force'] as const;
export type RequestTty = (typeof requestTtyModes)[number];

/** An environment variable's name as POSIX shells accept it (sshd passes on nothing else either). */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const oneLine = /^[^\r\n\0]*$/;

export const envName = z.string().regex(ENV_NAME, 'a variable name is letters, digits and _ (not starting with a digit)').max(128);
/** SetEnv: NAME=value, sent as an env request on every session channel. */
export const envPair = z.object({ name: envName, value: z.string().max(4096).regex(oneLine, 'a value is one line') }).strict();
/** SendEnv: a variable name or a `*`/`?` pattern of them. */
export const sendEnvPattern = z
  .string()
  .trim()
  .max(128)
  .regex(/^[A-Za-z0-9_*?]+$/, 'SendEnv takes variable names or patterns with * and ?');
/** A known_hosts file path (one line). */
export const knownHostsPath = z.string().trim().min(1).max(4096).regex(oneLine, 'a file path is one line');
/** HostKeyAlias: the name the host key is looked up and saved under. */
export const hostKeyAlias = z.string().trim().max(255).regex(/^[^\s,#\0]*$/, 'a host key alias is one word, without spaces, commas or #');
export const remoteCommand = z.string().trim().max(4096).regex(oneLine, 'a remote command is one line');

export type EnvPair = z.infer<typeof envPair>;

/** The seven options as a host, an import candidate and the importer carry them. */
export interface SessionOptions {
  /** UserKnownHostsFile, expanded; empty: Warren's known_hosts files (Settings). */
  userKnownHostsFiles: string[];
  /** null: the host's address. */
  hostKeyAlias: string | null;
  setEnv: EnvPair[];
  sendEnv: string[];
  /** null: a login shell. */
  remoteCommand: string | null;
  requestTty: RequestTty;
  gatewayPorts: boolean;
}

/**
 * `NAME=value` lines as a user types them (the form) or ssh_config holds them
 * (SetEnv words): a line without `=` or with a bad name is the error.
 */
export function parseEnvLines(lines: readonly string[]): { pairs: EnvPair[] } | { error: string } {
  const pairs: EnvPair[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf('=');
    const name = at < 0 ? line : line.slice(0, at);
    if (at < 0 || !ENV_NAME.test(name)) return { error: `"${line}" is not NAME=value (a name is letters, digits and _, not starting with a digit).` };
    pairs.push({ name, value: line.slice(at + 1) });
  }
  return { pairs };
}
