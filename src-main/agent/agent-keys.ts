// The keys a running ssh-agent (or Pageant on Windows) offers, for the user to
// see which will be tried. ssh2's createAgent picks the right transport.
import type { ParsedKey } from 'ssh2';
import type { AgentStatus } from '../../src-shared/contract';
import { fingerprintSha256 } from '../host-keys/host-key';
import { AppError } from '../errors/app-error';
import { TimedAgent } from '../connections/timed-agent';

/** The agent to use: Pageant on Windows, else SSH_AUTH_SOCK. */
export function defaultAgentSocket(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | null {
  if (platform === 'win32') return env.SSH_AUTH_SOCK ?? 'pageant';
  return env.SSH_AUTH_SOCK || null;
}

export function listAgentKeys(socket: string | null, timeoutMs = 3000): Promise<AgentStatus> {
  if (!socket) return Promise.resolve({ available: false, reason: 'No ssh-agent is running (SSH_AUTH_SOCK is not set).' });
  return new Promise((resolve) => {
    // The deadline also closes the socket to an agent that never answers.
    new TimedAgent(socket, timeoutMs).getIdentities((error, keys) => {
      if (error instanceof AppError) return resolve({ available: false, reason: error.message });
      if (error || !keys) return resolve({ available: false, reason: `Cannot reach the ssh-agent at ${socket}: ${error?.message ?? 'no answer'}.` });
      resolve({
        available: true,
        socket,
        keys: (keys as ParsedKey[]).map((key) => ({ type: key.type, fingerprint: fingerprintSha256(key.getPublicSSH()), comment: key.comment })),
      });
    });
  });
}
