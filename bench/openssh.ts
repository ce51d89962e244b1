// Runs the OpenSSH client as a user would, timing the whole process from
// spawn to exit (connection, authentication, command, teardown).
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { Target } from './target';

/** Children still running, so an aborted run can kill them. */
export const liveChildren = new Set<ChildProcess>();

/**
 * What every OpenSSH client gets here: no ~/.ssh/config (a ControlMaster or
 * ProxyCommand there would skew the numbers), no ssh-agent (its keys would be
 * offered first), only our key, and no host-key checks against a throwaway
 * sshd. ssh takes the port with -p; sftp and scp with -P.
 */
export function clientOptions(target: Target, portFlag: '-p' | '-P' = '-p'): string[] {
  return [
    '-F', '/dev/null',
    '-o', 'IdentityAgent=none',
    '-o', 'IdentitiesOnly=yes',
    '-i', target.keyPath,
    portFlag, String(target.port),
    '-o', 'StrictHostKeyChecking=no',
    '-o', 'UserKnownHostsFile=/dev/null',
    '-o', 'BatchMode=yes',
  ];
}

export function sshArgs(target: Target, command: string): string[] {
  return [...clientOptions(target), '-tt', `${target.user}@127.0.0.1`, command];
}

/**
 * Wall-clock milliseconds for one client process, which must exit 0 within
 * `timeoutMs`. stdout goes to /dev/null ('ignore') so nothing on this side
 * limits how fast the client can write. `stdin: 'pipe'` gives it a pipe we
 * never write to, as an idle terminal would be (an immediate EOF could end a
 * -tt session early).
 */
export function timeCommand(command: string, args: string[], timeoutMs: number, stdin: 'pipe' | 'ignore' = 'ignore'): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { stdio: [stdin, 'ignore', 'pipe'] });
    liveChildren.add(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      liveChildren.delete(child);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      liveChildren.delete(child);
      child.stdin?.destroy();
      if (code === 0) return resolve(ms);
      const why = signal === 'SIGKILL' ? `timed out after ${timeoutMs} ms` : `exited with ${code ?? signal}`;
      reject(new Error(`OpenSSH: ${command} ${why}: ${stderr.trim()}`));
    });
  });
}

/** Wall-clock milliseconds for `ssh ... command`, which must exit 0 within `timeoutMs`. */
export function timeSsh(target: Target, command: string, timeoutMs: number): Promise<number> {
  return timeCommand('ssh', sshArgs(target, command), timeoutMs, 'pipe');
}
