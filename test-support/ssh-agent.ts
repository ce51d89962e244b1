// A private OpenSSH ssh-agent for a test, holding the keys it is given; never
// the developer's agent.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestAgent {
  socket: string;
  stop(): void;
}

export async function startSshAgent(keyPaths: string[]): Promise<TestAgent> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warren-agent-'));
  const socket = path.join(dir, 'agent.sock');
  const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const env = { ...process.env, SSH_AUTH_SOCK: socket };
  const up = () => {
    try {
      execFileSync('ssh-add', ['-l'], { env, stdio: 'pipe' });
      return true;
    } catch (error) {
      // Exit status 1 means "no identities": the agent is up.
      return (error as { status?: number }).status === 1;
    }
  };
  for (let waited = 0; !up(); waited += 20) {
    if (waited > 5000) {
      agent.kill();
      throw new Error('ssh-agent did not start');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  for (const key of keyPaths) execFileSync('ssh-add', [key], { env, stdio: 'pipe' });
  return {
    socket,
    stop() {
      agent.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
