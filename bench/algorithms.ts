// Which key exchange and cipher each client ends up with. Each side runs on
// its own defaults, and throughput depends a lot on the cipher (AES-GCM with
// AES-NI vs ChaCha20), so the table is only readable next to this line.
import { spawn } from 'node:child_process';
import ssh2 from 'ssh2';
import type { Target } from './target';

const PROBE_TIMEOUT_MS = 10_000;

/** ssh2 with no `algorithms` option, which is how TerminalSession connects. */
export function warrenAlgorithms(target: Target): Promise<string> {
  return new Promise((resolve) => {
    const client = new ssh2.Client();
    const done = (text: string) => {
      clearTimeout(timer);
      client.removeAllListeners('error');
      client.on('error', () => {}); // errors after the answer do not matter
      client.end();
      resolve(text);
    };
    const timer = setTimeout(() => done('unknown (probe timed out)'), PROBE_TIMEOUT_MS);
    // The handshake finishes before authentication, so no key is needed.
    client.once('handshake', (n) => done(`kex ${n.kex}, cipher ${n.sc.cipher}`));
    client.on('error', (error) => done(`unknown (${error.message})`));
    client.connect({ host: '127.0.0.1', port: target.port, username: target.user, hostVerifier: () => true });
  });
}

/** Parsed from `ssh -v`, with the same options as the timed runs. */
export function opensshAlgorithms(target: Target, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('ssh', ['-v', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), PROBE_TIMEOUT_MS);
    child.once('close', () => {
      clearTimeout(timer);
      const kex = /kex: algorithm: (\S+)/.exec(log)?.[1] ?? '?';
      const cipher = /kex: server->client cipher: (\S+)/.exec(log)?.[1] ?? '?';
      resolve(`kex ${kex}, cipher ${cipher}`);
    });
  });
}
