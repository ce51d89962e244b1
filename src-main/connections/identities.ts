// Which agent and which keys a host logs in with: IdentityAgent, more
// IdentityFiles and IdentitiesOnly, read as OpenSSH reads them.
import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import type { StoredHost } from '../hosts/hosts-model';
import { expandHome, readKeyFile, type KeyFile } from './credentials';

/** The agent socket a host uses: its IdentityAgent, else SSH_AUTH_SOCK's; null for "none" or a host that does not use the agent. */
export function agentSocketFor(host: Pick<StoredHost, 'auth' | 'identityAgent'>, environmentSocket: string | null): string | null {
  if (!host.auth.useAgent) return null;
  const agent = host.identityAgent;
  if (!agent || agent === 'SSH_AUTH_SOCK' || agent === '$SSH_AUTH_SOCK') return environmentSocket;
  if (agent === 'none') return null;
  // ssh_config allows an environment variable here (IdentityAgent $MY_AGENT).
  if (agent.startsWith('$')) return process.env[agent.slice(1)] || null;
  return expandHome(agent);
}

/** The extra key files that can be read; as ssh does, one that is missing or unreadable is skipped rather than failing the login. */
export async function readExtraKeyFiles(paths: readonly string[]): Promise<KeyFile[]> {
  const files = await Promise.all(paths.map((p) => readKeyFile(p).catch(() => null)));
  return files.filter((f): f is KeyFile => f !== null);
}

/**
 * The agent keys IdentitiesOnly lets through, as OpenSSH decides: an agent
 * key must equal a configured identity, and a configured certificate
 * (CertificateFile, or `<key>-cert.pub`) is one, so the agent's copy of that
 * certificate is offered while its other certificates are not.
 */
export async function identitiesOnlyAgentKeys(files: readonly KeyFile[], certificates: readonly { blob: Buffer }[]): Promise<Buffer[]> {
  return [...(await publicKeysOf(files)), ...certificates.map((c) => c.blob)];
}

/** The public keys (wire format) of key files, for IdentitiesOnly: from the file, or from the .pub beside an encrypted one. */
export async function publicKeysOf(files: readonly KeyFile[]): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const file of files) {
    let parsed = file.encrypted ? null : ssh2.utils.parseKey(file.data);
    if (!parsed || parsed instanceof Error) parsed = await readFile(`${file.path}.pub`).then((pub) => ssh2.utils.parseKey(pub), () => null);
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (key && !(key instanceof Error)) out.push(key.getPublicSSH());
  }
  return out;
}
