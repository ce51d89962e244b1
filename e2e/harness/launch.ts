// Starts and stops the harness as a child process, as a user would restart the app.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server.ts');

export interface RunningHarness {
  url: string;
  /** The services' process (benchmarks read its memory). */
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Added to this process's environment (e.g. WARREN_BRIDGE_CLIENT). */
  env?: Record<string, string>;
  /** Told about the child at once, so a watchdog can kill it. */
  onSpawn?: (child: ChildProcess) => void;
}

export function startHarness(dataDir: string, options: HarnessOptions = {}): Promise<RunningHarness> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', serverScript], {
    env: { ...process.env, ...options.env, WARREN_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  options.onSpawn?.(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`harness did not start: ${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /WARREN_HARNESS_URL=(\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1]!,
        pid: child.pid!,
        output: () => output,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`harness exited with ${code}: ${output}`));
    });
  });
}
