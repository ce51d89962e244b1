// Fidelity against the real OpenSSH client: for every concrete alias of every
// corpus file, the values Warren resolves are compared with what `ssh -G` (and
// `ssh -v` for expanded identity files) prints, with OpenSSH's defaults filled in
// where Warren reports "not set". The lines ssh refuses must be exactly the lines
// Warren reports as invalid. Every remaining difference is a listed exception.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSshConfig } from './index';
import { prepareCorpus, sanitiseUntilAccepted, sshG, sshIdentityFiles, sshVersion } from './openssh-oracle';
import type { ResolvedSshHost, SshConfigContext } from './types';

const CORPUS = path.join(import.meta.dirname, 'corpus');
const TOP_FILES = readdirSync(CORPUS).filter((name) => name.endsWith('.conf')).sort();

const KEYS = [
  'hostname', 'user', 'port', 'identityfile', 'identitiesonly', 'proxyjump', 'proxycommand',
  'localforward', 'remoteforward', 'dynamicforward', 'serveraliveinterval', 'serveralivecountmax',
  'forwardagent', 'stricthostkeychecking', 'userknownhostsfile', 'connecttimeout', 'hostkeyalias',
] as const;
type Key = (typeof KEYS)[number];

/** Known, deliberate differences: each must still occur, or it is stale and fails the test. */
const EXCEPTIONS: Array<{ file: string; alias: string; key: Key; reason: string }> = [
  {
    file: '03-match.conf',
    alias: 'db-main',
    key: 'stricthostkeychecking',
    reason: 'Match exec runs a local command; Warren does not run commands while importing, reports the block as skipped and applies none of it',
  },
];

// OpenSSH resolves `~` and %d from the passwd entry, but Include's `~` and relative
// paths through glob(3), which reads $HOME: ssh runs with HOME in the temp dir so
// that relative Includes find the corpus, and Warren is told the same.
const account = os.userInfo();
let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'warren-ssh-config-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

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

interface Comparable {
  values: Record<Key, string>;
  /** unix socket paths ssh forwards (Warren must mention each in a note) */
  sockets: string[];
}

/** What ssh printed, normalised. */
function fromSsh(g: Map<string, string[]>, identities: string[]): Comparable {
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
function fromWarren(h: ResolvedSshHost, ctx: SshConfigContext): Comparable {
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

interface FileReport {
  file: string;
  aliases: number;
  compared: number;
  mismatches: string[];
  exceptions: string[];
}
const reports: FileReport[] = [];

describe.each(TOP_FILES)('%s against ssh -G', (name) => {
  it('resolves every alias as OpenSSH does and reports exactly the lines ssh refuses', async () => {
    const dir = path.join(root, name.replace(/\.conf$/, ''));
    const home = path.join(dir, 'home');
    prepareCorpus(CORPUS, dir, { CORPUS: dir, USER: account.username });
    const env = { ...process.env, HOME: home, WARREN_TEST_PORT: '7777', LC_ALL: 'C' };
    const ctx: SshConfigContext = { home: account.homedir, user: account.username, localHost: os.hostname(), includeHome: home, env };
    const config = path.join(dir, name);

    const result = await readSshConfig(config, ctx);
    expect(result.hosts.length).toBeGreaterThan(0);

    // Lines: what ssh refuses == what Warren calls invalid or unknown.
    const refused = sanitiseUntilAccepted(config, (result.hosts[0] as ResolvedSshHost).alias, env);
    const sshLines = [...refused].flatMap(([file, lines]) => [...lines].map((line) => `${path.relative(dir, file)}:${line}`)).sort();
    const warrenLines = result.issues
      .filter((issue) => issue.kind === 'invalid' || issue.kind === 'unknown-keyword')
      .map((issue) => `${path.relative(dir, issue.file)}:${issue.line}`)
      .sort();
    expect(warrenLines).toEqual(sshLines);

    const report: FileReport = { file: name, aliases: result.hosts.length, compared: 0, mismatches: [], exceptions: [] };
    for (const host of result.hosts) {
      const g = sshG(config, host.alias, env);
      expect(g, `ssh -G refused alias ${host.alias}`).not.toBeNull();
      const ssh = fromSsh(g as Map<string, string[]>, sshIdentityFiles(config, host.alias, env));
      const warren = fromWarren(host, ctx);
      for (const key of KEYS) {
        report.compared++;
        if (ssh.values[key] === warren.values[key]) continue;
        const line = `${host.alias} ${key}: ssh "${ssh.values[key]}" / warren "${warren.values[key]}"`;
        const known = EXCEPTIONS.find((e) => e.file === name && e.alias === host.alias && e.key === key);
        (known === undefined ? report.mismatches : report.exceptions).push(known === undefined ? line : `${line} (${known.reason})`);
      }
      expect(warren.sockets, `${host.alias}: unix socket forwards`).toEqual(ssh.sockets);
    }
    reports.push(report);
    const stale = EXCEPTIONS.filter((e) => e.file === name && !report.exceptions.some((x) => x.startsWith(`${e.alias} ${e.key}:`)));
    expect(stale, 'exceptions that no longer occur').toEqual([]);
    expect(report.mismatches).toEqual([]);
  });
});

afterAll(() => {
  const total = reports.reduce((sum, r) => ({ aliases: sum.aliases + r.aliases, compared: sum.compared + r.compared, mismatches: sum.mismatches + r.mismatches.length, exceptions: sum.exceptions + r.exceptions.length }), { aliases: 0, compared: 0, mismatches: 0, exceptions: 0 });
  const rows = reports.map((r) => `  ${r.file.padEnd(20)} aliases ${String(r.aliases).padStart(3)}  values ${String(r.compared).padStart(4)}  mismatches ${r.mismatches.length}  exceptions ${r.exceptions.length}`);
  console.log(
    [
      `ssh-config fidelity vs ${sshVersion()}: ${reports.length} files, ${total.aliases} aliases × ${KEYS.length} keys = ${total.compared} values compared, ${total.mismatches} mismatches, ${total.exceptions} documented exceptions`,
      ...rows,
      ...reports.flatMap((r) => [...r.mismatches, ...r.exceptions].map((line) => `    ${r.file}: ${line}`)),
    ].join('\n'),
  );
});
