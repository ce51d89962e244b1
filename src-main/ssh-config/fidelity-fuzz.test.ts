// Differential check beyond the hand-written corpus: seeded random configs, each
// read by Warren and by ssh -G, must agree on every value and on which lines are
// refused. SSH_CONFIG_FUZZ=<count> and SSH_CONFIG_FUZZ_SEED=<n> run more or other ones.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSshConfig } from './index';
import { fromSsh, fromWarren, KEYS, proxyCommandTarget, sanitiseUntilAccepted, sshG, sshIdentityFiles } from '../../test-support/openssh-oracle';
import { Random, writeRandomConfig } from '../../test-support/random-ssh-config';
import type { SshConfigContext } from './types';

const CONFIGS = Number(process.env.SSH_CONFIG_FUZZ ?? 12);
const SEED = Number(process.env.SSH_CONFIG_FUZZ_SEED ?? 20261124);
const account = os.userInfo();
let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'warren-ssh-config-fuzz-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

it(`agrees with ssh -G on ${CONFIGS} random configs`, async () => {
  const random = new Random(SEED);
  const differences: string[] = [];
  let aliases = 0;
  for (let n = 0; n < CONFIGS; n++) {
    const dir = path.join(root, String(n));
    mkdirSync(dir);
    const top = writeRandomConfig(random, dir, account.username);
    const home = path.join(dir, 'home');
    const env = { ...process.env, HOME: home };
    const ctx: SshConfigContext = { home: account.homedir, user: account.username, localHost: os.hostname(), includeHome: home, env };
    const result = await readSshConfig(top, ctx);

    const refused = sanitiseUntilAccepted(top, result.hosts.map((h) => h.alias), env);
    const sshLines = [...refused].flatMap(([file, lines]) => [...lines].map((line) => `${path.basename(file)}:${line}`)).sort();
    const warrenLines = [
      ...new Set(result.issues.filter((i) => i.kind === 'invalid' || i.kind === 'unknown-keyword').map((i) => `${path.basename(i.file)}:${i.line}`)),
    ].sort();
    if (sshLines.join() !== warrenLines.join()) differences.push(`config ${n}: ssh refuses ${sshLines.join(' ')}; Warren reports ${warrenLines.join(' ')}`);

    for (const host of result.hosts) {
      aliases++;
      const g = sshG(top, host.alias, env);
      if (g === null) {
        differences.push(`config ${n}: ssh refused alias ${host.alias}`);
        continue;
      }
      const ssh = fromSsh(g, sshIdentityFiles(top, host.alias, env));
      const warren = fromWarren(host, ctx);
      for (const key of KEYS) {
        if (ssh.values[key] !== warren.values[key]) differences.push(`config ${n} ${host.alias} ${key}: ssh "${ssh.values[key]}" / warren "${warren.values[key]}"`);
      }
      if (ssh.sockets.join() !== warren.sockets.join()) differences.push(`config ${n} ${host.alias}: unix sockets differ`);
      const [hop] = host.proxyJump;
      if (host.proxyCommand !== null && hop !== undefined) {
        const ours = `${hop.user ?? ctx.user}@${hop.host.toLowerCase()}:${hop.port ?? 22}`;
        const theirs = proxyCommandTarget(host.proxyCommand, env);
        if (ours !== theirs) differences.push(`config ${n} ${host.alias} ProxyCommand jump: ssh "${theirs}" / warren "${ours}"`);
      }
    }
  }
  console.log(`ssh-config fuzz (seed ${SEED}): ${CONFIGS} random configs, ${aliases} aliases × ${KEYS.length} keys = ${aliases * KEYS.length} values, ${differences.length} differences`);
  expect(differences).toEqual([]);
});
