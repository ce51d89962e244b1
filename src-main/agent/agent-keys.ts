// The keys a running ssh-agent (or Pageant on Windows) offers, for the user to
// see which will be tried. ssh2's createAgent picks the right transport.
import ssh2, { type ParsedKey } from 'ssh2';
import type { AgentStatus } from '../../src-shared/contract';
import { fingerprintSha256 } from '../host-keys/host-key';

/** The agent to use: Pageant on Windows, else SSH_AUTH_SOCK. */
export function defaultAgentSocket(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | null {
  if (platform === 'win32') return env.SSH_AUTH_SOCK ?? 'pageant';
  return env.SSH_AUTH_SOCK || null;
}

export function listAgentKeys(socket: string | null, timeoutMs = 3000): Promise<AgentStatus> {
  if (!socket) return Promise.resolve({ available: false, reason: 'No ssh-agent is running (SSH_AUTH_SOCK is not set).' });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ available: false, reason: `The ssh-agent at ${socket} did not answer.` }), timeoutMs);
    ssh2.createAgent(socket).getIdentities((error, keys) => {
      clearTimeout(timer);
      if (error || !keys) return resolve({ available: false, reason: `Cannot reach the ssh-agent at ${socket}: ${error?.message ?? 'no answer'}.` });
      resolve({
        available: true,
        socket,
        keys: (keys as ParsedKey[]).map((key) => ({ type: key.type, fingerprint: fingerprintSha256(key.getPublicSSH()), comment: key.comment })),
      });
    });
  });
}
