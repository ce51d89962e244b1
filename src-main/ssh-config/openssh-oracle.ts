// Test helper: what the real OpenSSH client makes of a config. `ssh -G` prints
// the options it resolved; `ssh -v` (with a ProxyCommand that exits at once)
// prints IdentityFile paths after ssh's own ~ and % expansion, which -G does not.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SSH = '/usr/bin/ssh';

function run(args: string[], env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(SSH, args, { env, encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Copies the corpus to `dest`, replacing @CORPUS@ (its new place) and @USER@ in every file. */
export function prepareCorpus(source: string, dest: string, vars: Record<string, string>): void {
  cpSync(source, dest, { recursive: true });
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) visit(file);
      else {
        const text = readFileSync(file, 'utf8');
        const replaced = text.replace(/@([A-Z]+)@/g, (whole, key: string) => vars[key] ?? whole);
        if (replaced !== text) writeFileSync(file, replaced);
      }
    }
  };
  visit(dest);
}

/** `ssh -G`: each keyword's values (one per printed line), or null when ssh refused to run. */
export function sshG(config: string, alias: string, env: NodeJS.ProcessEnv): Map<string, string[]> | null {
  const result = run(['-G', '-F', config, '--', alias], env);
  if (result.status !== 0) return null;
  const options = new Map<string, string[]>();
  for (const line of result.stdout.split('\n')) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    const key = line.slice(0, space);
    options.set(key, [...(options.get(key) ?? []), line.slice(space + 1)]);
  }
  return options;
}

/** The identity files ssh tries, as `debug1: identity file <path> type <n>` shows them, without the `-cert` twins. */
export function sshIdentityFiles(config: string, alias: string, env: NodeJS.ProcessEnv): string[] {
  const args = ['-v', '-F', config, '-o', 'ProxyCommand=exit 0', '-o', 'BatchMode=yes', '-o', 'IdentityAgent=none', '--', alias];
  const found = [...run(args, env).stderr.matchAll(/^debug1: identity file (.*) type -?\d+\r?$/gm)].map((m) => m[1] as string);
  return found.filter((file, i) => i === 0 || file !== `${found[i - 1]}-cert`);
}

/** A fatal line error as ssh prints it: `<file> line <n>: ...` or `<file>: line <n>: ...`. */
const LINE_ERROR = /^(.+?):? line (\d+): (.*)$/;

/**
 * Every line ssh refuses, file by file. ssh stops at the end of the first file
 * with a bad line, so each round comments out what it reported (a bad Host/Match
 * line becomes `Match !all`, a block that applies to nothing) and runs again until
 * ssh accepts the config. The files are left sanitised, ready for `ssh -G`.
 */
export function sanitiseUntilAccepted(config: string, probeAlias: string, env: NodeJS.ProcessEnv): Map<string, Set<number>> {
  const refused = new Map<string, Set<number>>();
  for (let round = 0; round < 50; round++) {
    const result = run(['-G', '-F', config, '--', probeAlias], env);
    if (result.status === 0) return refused;
    const errors = result.stderr
      .split(/\r?\n/)
      .map((line) => LINE_ERROR.exec(line))
      .filter((m): m is RegExpExecArray => m !== null && !/^(Unsupported|Deprecated) option "/.test(m[3] as string));
    if (errors.length === 0) throw new Error(`ssh -G failed without a line error:\n${result.stderr}`);
    for (const [, file, line] of errors) {
      const lines = refused.get(file as string) ?? new Set<number>();
      lines.add(Number(line));
      refused.set(file as string, lines);
      const text = readFileSync(file as string, 'utf8').split('\n');
      const index = Number(line) - 1;
      const original = text[index] ?? '';
      // The same test Warren applies: the keyword, as ssh splits it, is Host or Match.
      text[index] = /^[ \t]*"?(host|match)"?([ \t\r=]|$)/i.test(original) ? 'Match !all' : `# refused by ssh: ${original}`;
      writeFileSync(file as string, text.join('\n'));
    }
  }
  throw new Error('ssh -G still refuses the config after 50 rounds');
}

/** `ssh -V`, e.g. "OpenSSH_9.2p1 Debian-2+deb12u10". */
export function sshVersion(): string {
  return run(['-V'], process.env).stderr.split(',')[0]?.trim() ?? 'ssh';
}
