// Finding a terminal's folder on a real OpenSSH sshd (Linux /proc): a pty
// shell on a connection, `cd` typed into it, then the question asked over an
// exec channel of the same connection, as Open files here does.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client, ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { parseShellCwd, shellCwd } from './shell-cwd';
import { startSshd, type Sshd } from '../../test-support/sshd';
import { connectClient } from '../../test-support/ssh-client';
import { until } from '../../test-support/tunnel-fixture';

let sshd: Sshd;
let work: string;
beforeAll(async () => {
  sshd = await startSshd();
  work = mkdtempSync(path.join(os.tmpdir(), 'warren-cwd-'));
});
afterAll(async () => {
  await sshd?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function terminal(): Promise<{ client: Client; shell: ClientChannel; type(line: string): Promise<void> }> {
  const client = await connectClient(sshd);
  const shell = await new Promise<ClientChannel>((resolve, reject) => client.shell({ term: 'xterm', cols: 80, rows: 24 }, (e, ch) => (e ? reject(e) : resolve(ch))));
  let seen = '';
  shell.on('data', (d: Buffer) => (seen += d.toString()));
  let n = 0;
  return {
    client,
    shell,
    // Waits for a marker the line prints, so the shell has run it before the question.
    type: async (line) => {
      const mark = `done-${++n}-mark`;
      shell.write(`${line}; echo ${mark.replace('-mark', '')}"-mark"\n`);
      await until(() => seen.includes(mark), `the shell to run ${line}`);
    },
  };
}

describe('shellCwd', () => {
  it("answers the folder the terminal's shell is in, after cd", async () => {
    const t = await terminal();
    try {
      const dir = path.join(work, 'a folder with spaces');
      mkdirSync(dir);
      await t.type(`cd '${dir}'`);
      expect(await shellCwd(t.client, { ms: 10_000 })).toBe(dir);
      await t.type('cd /tmp');
      expect(await shellCwd(t.client, { ms: 10_000 })).toBe('/tmp');
    } finally {
      t.client.end();
    }
  });

  it('tells two terminals apart: each connection finds its own shell', async () => {
    const [a, b] = [await terminal(), await terminal()];
    try {
      mkdirSync(path.join(work, 'one'));
      mkdirSync(path.join(work, 'two'));
      await a.type(`cd ${path.join(work, 'one')}`);
      await b.type(`cd ${path.join(work, 'two')}`);
      expect(await shellCwd(a.client, { ms: 10_000 })).toBe(path.join(work, 'one'));
      expect(await shellCwd(b.client, { ms: 10_000 })).toBe(path.join(work, 'two'));
    } finally {
      a.client.end();
      b.client.end();
    }
  });

  it('without a terminal on the connection it says why, in words', async () => {
    const client = await connectClient(sshd);
    try {
      await expect(shellCwd(client, { ms: 10_000 })).rejects.toThrow("Could not find the terminal's folder: Warren could not find this terminal's shell among your processes on the server.");
    } finally {
      client.end();
    }
  });
});

describe('parseShellCwd', () => {
  it('reads the folder, and one removed under the shell', () => {
    expect(parseShellCwd('cwd:/home/me/src\n')).toBe('/home/me/src');
    expect(parseShellCwd('motd noise\ncwd:/srv/old (deleted)\n')).toBe('/srv/old');
  });

  it('turns each failure into a sentence with what to do', () => {
    const error = (() => {
      try {
        parseShellCwd('no-proc\n');
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error?.message).toMatch(/no \/proc.*OSC 7/);
    expect(() => parseShellCwd('fish: Unknown command')).toThrow(/not understood \(“fish: Unknown command”\)/);
  });
});
