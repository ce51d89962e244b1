// Fidelity against the real OpenSSH client: for every concrete alias of every
// corpus file, the values Warren resolves are compared with what `ssh -G` (and
// `ssh -v` for expanded identity files) prints, with OpenSSH's defaults filled in
// where Warren reports "not set". The lines ssh refuses must be exactly the lines
// Warren reports as invalid. Every remaining difference is a listed exception.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSshConfig } from './index';
import {
  fromSsh,
  fromWarren,
  type Key,
  KEYS,
  prepareCorpus,
  proxyCommandTarget,
  sanitiseUntilAccepted,
  sshG,
  sshIdentityFiles,
  sshVersion,
} from '../../test-support/openssh-oracle';
import type { SshConfigContext } from './types';

const CORPUS = path.join(import.meta.dirname, '../../test-support/ssh-config-corpus');
const TOP_FILES = readdirSync(CORPUS).filter((name) => name.endsWith('.conf')).sort();

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

interface FileReport {
  file: string;
  aliases: number;
  compared: number;
  /** ProxyCommands turned into jumps, checked against where ssh itself would go */
  jumps: number;
  mismatches: string[];
  exceptions: string[];
}
const reports: FileReport[] = [];

it('keeps the corpus as nasty as it was written', () => {
  expect(TOP_FILES.length).toBeGreaterThanOrEqual(8);
  expect(readFileSync(path.join(CORPUS, '10-crlf.conf'), 'latin1')).toMatch(/^Host crlf-one\r\n/);
});

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
    const refused = sanitiseUntilAccepted(config, result.hosts.map((h) => h.alias), env);
    const sshLines = [...refused].flatMap(([file, lines]) => [...lines].map((line) => `${path.relative(dir, file)}:${line}`)).sort();
    const warrenLines = result.issues
      .filter((issue) => issue.kind === 'invalid' || issue.kind === 'unknown-keyword')
      .map((issue) => `${path.relative(dir, issue.file)}:${issue.line}`)
      .sort();
    expect(warrenLines).toEqual(sshLines);

    const report: FileReport = { file: name, aliases: result.hosts.length, compared: 0, jumps: 0, mismatches: [], exceptions: [] };
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
      // A ProxyCommand Warren turned into a jump: the ssh it runs must go where the jump goes.
      const [hop] = host.proxyJump;
      if (host.proxyCommand !== null && hop !== undefined) {
        report.jumps++;
        const ours = `${hop.user ?? ctx.user}@${hop.host.toLowerCase()}:${hop.port ?? 22}`;
        const theirs = proxyCommandTarget(host.proxyCommand, env);
        if (ours !== theirs) report.mismatches.push(`${host.alias} ProxyCommand jump: ssh "${theirs}" / warren "${ours}"`);
      }
    }
    reports.push(report);
    const stale = EXCEPTIONS.filter((e) => e.file === name && !report.exceptions.some((x) => x.startsWith(`${e.alias} ${e.key}:`)));
    expect(stale, 'exceptions that no longer occur').toEqual([]);
    expect(report.mismatches).toEqual([]);
  });
});

afterAll(() => {
  const sum = (pick: (r: FileReport) => number) => reports.reduce((total, r) => total + pick(r), 0);
  const [aliases, compared, jumps] = [sum((r) => r.aliases), sum((r) => r.compared), sum((r) => r.jumps)];
  const [mismatches, exceptions] = [sum((r) => r.mismatches.length), sum((r) => r.exceptions.length)];
  const rows = reports.map(
    (r) =>
      `  ${r.file.padEnd(20)} aliases ${String(r.aliases).padStart(3)}  values ${String(r.compared).padStart(4)}  jumps ${r.jumps}  mismatches ${r.mismatches.length}  exceptions ${r.exceptions.length}`,
  );
  console.log(
    [
      `ssh-config fidelity vs ${sshVersion()}: ${reports.length} files, ${aliases} aliases × ${KEYS.length} keys = ${compared} values compared` +
        ` (+ ${jumps} ProxyCommands checked as jumps), ${mismatches} mismatches, ${exceptions} documented exceptions`,
      ...rows,
      ...reports.flatMap((r) => [...r.mismatches, ...r.exceptions].map((line) => `    ${r.file}: ${line}`)),
    ].join('\n'),
  );
});
