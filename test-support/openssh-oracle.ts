// Test helper: what the real OpenSSH client makes of a config. `ssh -G` prints
// the options it resolved; `ssh -v` (with a ProxyCommand that exits at once)
// prints IdentityFile paths after ssh's own ~ and % expansion, which -G does not.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ResolvedSshHost, SshConfigContext } from '../src-main/ssh-config/types';

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
  // `true`, not `exit 0`: ssh runs `exec <command>`, bash cannot exec `exit` and
  // prints so, in several writes that can land inside ssh's own debug lines.
  const args = ['-v', '-F', config, '-o', 'ProxyCommand=true', '-o', 'BatchMode=yes', '-o', 'IdentityAgent=none', '--', alias];
  const found = [...run(args, env).stderr.matchAll(/debug1: identity file (.*) type -?\d+\r?$/gm)].map((m) => m[1] as string);
  return found.filter((file, i) => i === 0 || file !== `${found[i - 1]}-cert`);
}

/** A fatal line error as ssh prints it: `<file> line <n>: ...` or `<file>: line <n>: ...`. */
const LINE_ERROR = /^(.+?):? line (\d+): (.*)$/;

/**
 * Every line ssh refuses for any of `aliases`, file by file. ssh stops at the end
 * of the first file with a bad line, and which lines are bad can depend on the host
 * (IgnoreUnknown), so each round comments out what ssh reported (a bad Host/Match
 * line becomes `Match !all`, a block that applies to nothing) and runs again until
 * ssh accepts the config for every alias. The files are left ready for `ssh -G`.
 */
export function sanitiseUntilAccepted(config: string, aliases: readonly string[], env: NodeJS.ProcessEnv): Map<string, Set<number>> {
  const refused = new Map<string, Set<number>>();
  for (const alias of aliases) sanitiseFor(config, alias, env, refused);
  return refused;
}

function sanitiseFor(config: string, alias: string, env: NodeJS.ProcessEnv, refused: Map<string, Set<number>>): void {
  for (let round = 0; round < 50; round++) {
    const result = run(['-G', '-F', config, '--', alias], env);
    if (result.status === 0) return;
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

/**
 * Where the ssh a ProxyCommand starts would connect, as `user@host:port`: the
 * command is run by /bin/sh with %h/%p filled in, and `ssh` on its PATH replaced by
 * `ssh -G -F /dev/null`, so ssh's own option parsing (-l, -p, user@, URIs) answers.
 */
export function proxyCommandTarget(command: string, env: NodeJS.ProcessEnv): string | null {
  const bin = mkdtempSync(path.join(os.tmpdir(), 'warren-fake-ssh-'));
  try {
    writeFileSync(path.join(bin, 'ssh'), `#!/bin/sh\nexec ${SSH} -G -F /dev/null "$@"\n`);
    chmodSync(path.join(bin, 'ssh'), 0o755);
    const script = command.replace(/%h/g, 'target.invalid').replace(/%p/g, '22').replace(/^(exec\s+)?\S*\/ssh(?=\s)/, '$1ssh');
    const result = spawnSync('/bin/sh', ['-c', script], { env: { ...env, PATH: `${bin}:${env.PATH ?? ''}` }, encoding: 'utf8' });
    const value = (key: string) => new RegExp(`^${key} (.*)$`, 'm').exec(result.stdout)?.[1];
    const [user, host, port] = [value('user'), value('hostname'), value('port')];
    return result.status === 0 && user !== undefined && host !== undefined ? `${user}@${host}:${port}` : null;
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

/** `ssh -V`, e.g. "OpenSSH_9.2p1 Debian-2+deb12u10". */
export function sshVersion(): string {
  return run(['-V'], process.env).stderr.split(',')[0]?.trim() ?? 'ssh';
}

/** The ssh -G keys compared, one value each after normalising. */
export const KEYS = [
  'hostname', 'user', 'port', 'identityfile', 'identitiesonly', 'proxyjump', 'proxycommand',
  'localforward', 'remoteforward', 'dynamicforward', 'serveraliveinterval', 'serveralivecountmax',
  'forwardagent', 'stricthostkeychecking', 'userknownhostsfile', 'connecttimeout', 'hostkeyalias',
] as const;
export type Key = (typeof KEYS)[number];

const OPENSSH_DEFAULT_IDENTITIES = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_xmss', 'id_dsa'];

const bracket = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/** ssh -G's proxyjump: the extra hops as written, then the last one reformatted. */
function hopsFromSsh(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value.split(',').map((raw) => {
    let rest = raw.startsWith('ssh://') ? raw.slice('ssh://'.length).replace(/\/$/, '') : raw;
    let user = '';
    const at = rest.lastIndexOf('@');
    if (at >= 0) {
      user = `${rest.slice(0, at)}@`;
      rest = rest.slice(at + 1);
    }
    const match = /^\[(.*)\](?::(\d+))?$/.exec(rest) ?? /^([^:]*)(?::(\d+))?$/.exec(rest);
    return `${user}${bracket(match?.[1] ?? rest)}${match?.[2] === undefined ? '' : `:${match[2]}`}`;
  });
}

export interface Comparable {
  values: Record<Key, string>;
  /** unix socket paths ssh forwards (Warren must mention each in a note) */
  sockets: string[];
}

/** What ssh printed, normalised. */
export function fromSsh(g: Map<string, string[]>, identities: string[]): Comparable {
  const all = (key: string) => g.get(key) ?? [];
  const one = (key: string) => all(key)[0] ?? '';
  const sockets: string[] = [];
  const socketListens = new Set<string>();
  const tcp = (key: string) =>
    all(key)
      .filter((line) => {
        const parts = line.split(' ');
        if (!parts.some((p) => p.startsWith('/'))) return true;
        sockets.push(...parts.filter((p) => p.startsWith('/')));
        socketListens.add(parts[0] as string);
        return false;
      })
      .map((line) => line.replace(/ \[socks\]:0$/, ''));
  const local = tcp('localforward');
  const remote = tcp('remoteforward');
  // -G lists a local forward to a socket under dynamicforward too (its connect host is unset).
  const dynamic = all('dynamicforward').filter((listen) => !socketListens.has(listen));
  const agent = one('forwardagent');
  const strict = one('stricthostkeychecking');
  return {
    sockets,
    values: {
      hostname: one('hostname'),
      user: one('user'),
      port: one('port'),
      identityfile: identities.join(' | '),
      identitiesonly: one('identitiesonly'),
      proxyjump: hopsFromSsh(g.get('proxyjump')?.[0]).join(','),
      proxycommand: one('proxycommand'),
      localforward: local.join(' | '),
      remoteforward: remote.join(' | '),
      dynamicforward: dynamic.join(' | '),
      serveraliveinterval: one('serveraliveinterval'),
      serveralivecountmax: one('serveralivecountmax'),
      forwardagent: agent === 'yes' || agent === 'no' ? agent : `socket ${agent}`,
      stricthostkeychecking: strict === 'true' ? 'yes' : strict === 'false' ? 'no' : strict,
      userknownhostsfile: one('userknownhostsfile'),
      connecttimeout: one('connecttimeout'),
      hostkeyalias: one('hostkeyalias'),
    },
  };
}

/** What Warren resolved, with OpenSSH's default wherever Warren says "not set". */
export function fromWarren(h: ResolvedSshHost, ctx: SshConfigContext): Comparable {
  const yesNo = (value: boolean | null, fallback: boolean) => ((value ?? fallback) ? 'yes' : 'no');
  const side = (host: string | null | undefined, port: number | undefined) => (host === null || host === undefined ? `${port}` : `[${host}]:${port}`);
  const forwards = (kind: string) =>
    h.forwards
      .filter((f) => f.kind === kind)
      .map((f) => `${side(f.bindHost, f.bindPort)}${f.destHost === undefined ? '' : ` ${side(f.destHost, f.destPort)}`}`)
      .join(' | ');
  const home = `${ctx.home.replace(/\/$/, '')}/`;
  const identities = h.identityFiles.length === 0 ? OPENSSH_DEFAULT_IDENTITIES.map((id) => `${home}.ssh/${id}`) : h.identityFiles.filter((f) => f !== 'none');
  const knownHosts = h.userKnownHostsFiles.length === 0 ? [`${home}.ssh/known_hosts`, `${home}.ssh/known_hosts2`] : h.userKnownHostsFiles;
  const agentNote = h.notes.find((note) => note.startsWith('ForwardAgent '));
  const hops = h.proxyCommand === null ? h.proxyJump : [];
  return {
    sockets: h.notes.filter((note) => note.includes('unix socket')).flatMap((note) => note.split(/[ :]/).filter((p) => p.startsWith('/'))),
    values: {
      hostname: h.hostName,
      user: h.user ?? ctx.user,
      port: String(h.port ?? 22),
      identityfile: identities.join(' | '),
      identitiesonly: yesNo(h.identitiesOnly, false),
      proxyjump: hops.map((j) => `${j.user === null ? '' : `${j.user}@`}${bracket(j.host)}${j.port === null ? '' : `:${j.port}`}`).join(','),
      proxycommand: h.proxyCommand ?? '',
      localforward: forwards('local'),
      remoteforward: forwards('remote'),
      dynamicforward: forwards('dynamic'),
      serveraliveinterval: String(h.serverAliveInterval ?? 0),
      serveralivecountmax: String(h.serverAliveCountMax ?? 3),
      forwardagent: agentNote === undefined ? yesNo(h.forwardAgent, false) : `socket ${agentNote.slice('ForwardAgent '.length).split(':')[0]}`,
      stricthostkeychecking: h.strictHostKeyChecking ?? 'ask',
      userknownhostsfile: knownHosts.join(' '),
      connecttimeout: h.connectTimeout === null ? 'none' : String(h.connectTimeout),
      hostkeyalias: h.hostKeyAlias ?? '',
    },
  };
}

