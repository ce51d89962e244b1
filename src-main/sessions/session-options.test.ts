// A host's SetEnv/SendEnv, RemoteCommand/RequestTTY, UserKnownHostsFile and
// HostKeyAlias against a real OpenSSH sshd: what the remote side sees, what
// the terminal shows, and which known_hosts entry decides.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../app/services';
import type { Hub } from '../ipc/hub';
import { fakeWindow, saveTestHost, testServices } from '../../test-support/services';
import { keygen, startSshd, type Sshd } from '../../test-support/sshd';
import { newOpenId } from '../../src-shared/ids';

const ctx = { clientId: 'win' };
const WAIT = { timeout: 20_000 };

describe('session and host-key options of a host (real sshd)', () => {
  let sshd: Sshd;
  let services: Services;
  let hub: Hub;
  let window: ReturnType<typeof fakeWindow>;

  beforeAll(async () => {
    sshd = await startSshd({ config: ['AcceptEnv WARREN_*'] });
    ({ services, hub } = testServices());
    window = fakeWindow(hub, ctx.clientId);
    process.env.WARREN_SENT_FROM_MAIN = 'main value';
    process.env.WARREN_NOT_LISTED = 'must not be sent';
  });
  afterAll(async () => {
    delete process.env.WARREN_SENT_FROM_MAIN;
    delete process.env.WARREN_NOT_LISTED;
    window?.disconnect();
    await services?.dispose();
    await sshd?.stop();
  });

  const open = (hostId: string) => {
    const sessionId = newOpenId('s');
    services.handlers['session:open']({ sessionId, hostId, cols: 100, rows: 30 }, ctx);
    return sessionId;
  };
  const connected = (sessionId: string) => expect.poll(() => window.last(sessionId)?.state, WAIT).toBe('connected');
  const closed = (sessionId: string) => expect.poll(() => window.last(sessionId)?.state, WAIT).toBe('closed');

  it('SetEnv values and the SendEnv-named variables of main reach the remote shell', async () => {
    const host = await saveTestHost(services, 'env', sshd, { setEnv: [{ name: 'WARREN_GREETING', value: 'hello there' }], sendEnv: ['WARREN_SENT_*'] });
    expect(host.setEnv).toEqual([{ name: 'WARREN_GREETING', value: 'hello there' }]);
    const sessionId = open(host.id);
    await connected(sessionId);
    services.handlers['session:write']({ sessionId, data: 'echo "[$WARREN_GREETING|$WARREN_SENT_FROM_MAIN|${WARREN_NOT_LISTED:-unset}]"\r' }, ctx);
    await expect.poll(() => window.output(), WAIT).toContain('[hello there|main value|unset]');
    services.handlers['session:close']({ sessionId }, ctx);
  });

  it('RemoteCommand runs instead of a shell: without a pty by default, its output in the tab line by line', async () => {
    const host = await saveTestHost(services, 'command', sshd, { remoteCommand: 'echo "first $((6*7))"; echo second; tty', setEnv: [{ name: 'WARREN_X', value: '1' }] });
    const before = window.output().length;
    const sessionId = open(host.id);
    await closed(sessionId);
    const shown = window.output().slice(before);
    // Bare newlines from a pty-less command are drawn as CR LF, so each line starts at the left.
    expect(shown).toContain('first 42\r\nsecond\r\nnot a tty\r\n');
    expect(window.last(sessionId)).toMatchObject({ exitCode: 1, message: 'The remote command exited with status 1.' });
  });

  it('RequestTTY yes gives the command a pty; no gives a login shell none', async () => {
    const withTty = await saveTestHost(services, 'tty yes', sshd, { remoteCommand: 'tty; echo cols=$(tput cols 2>/dev/null || stty size)', requestTty: 'yes' });
    let before = window.output().length;
    let sessionId = open(withTty.id);
    await closed(sessionId);
    expect(window.output().slice(before)).toMatch(/\/dev\/pts\/\d+/);

    const noTty = await saveTestHost(services, 'tty no', sshd, { requestTty: 'no' });
    before = window.output().length;
    sessionId = open(noTty.id);
    await connected(sessionId);
    services.handlers['session:write']({ sessionId, data: 'tty; exit\r' }, ctx);
    await closed(sessionId);
    expect(window.output().slice(before)).toContain('not a tty');
  });

  it('without a pty the line is edited and echoed locally, as `ssh -T` in a terminal: typed text shows, Backspace edits, Ctrl+C drops the line and interrupts, Ctrl+D ends', async () => {
    const host = await saveTestHost(services, 'cooked', sshd, { requestTty: 'no' });
    const before = window.output().length;
    const sessionId = open(host.id);
    await connected(sessionId);
    const write = (data: string) => services.handlers['session:write']({ sessionId, data }, ctx);
    write('echo ab\x7f\x7fxy$((40+2))\r');
    // The echo of what was typed (with its erasures), then what the shell ran: `echo xy42`.
    await expect.poll(() => window.output().slice(before), WAIT).toContain('echo ab\b \b\b \bxy$((40+2))\r\nxy42\r\n');
    // Ctrl+C drops the half-typed line (it never runs) and asks the server to interrupt the command.
    write('echo never');
    write('\x03');
    await expect.poll(() => window.output().slice(before), WAIT).toContain('echo never^C\r\n');
    // A non-root sshd (this fixture) cannot deliver signals ("requires privilege separation"); a system sshd does. Either way it got the request.
    await expect.poll(() => sshd.log(), WAIT).toContain('session_signal_req');
    write('echo still here\r');
    await expect.poll(() => window.output().slice(before), WAIT).toContain('\r\nstill here\r\n');
    // Ctrl+D on an empty line ends the shell's input, as in `ssh -T`: the shell exits.
    write('\x04');
    await closed(sessionId);
    expect(window.output().slice(before)).not.toContain('\r\nnever\r\n');
  });

  it('HostKeyAlias in its own UserKnownHostsFile: trusted without a prompt; a changed key there is a hard stop', async () => {
    const knownHosts = path.join(sshd.dir, 'kitchen_known_hosts');
    const hostKey = readFileSync(`${sshd.hostKeyPath}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
    writeFileSync(knownHosts, `kitchen ${hostKey}\n`);
    // Strict: an unknown key would be refused, so connecting proves the alias entry was found.
    const host = await saveTestHost(services, 'aliased', sshd, { hostKeyPolicy: 'strict', hostKeyAlias: 'kitchen', userKnownHostsFiles: [knownHosts] });
    const ok = await services.handlers['hosts:test']({ hostId: host.id }, ctx);
    expect(ok.verdict).toMatch(/^Connected/);

    const other = path.join(sshd.dir, 'other_host_key');
    keygen(other);
    const changed = readFileSync(`${other}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
    writeFileSync(knownHosts, `kitchen ${changed}\n`);
    const logBefore = sshd.log().length;
    const refused = await services.handlers['hosts:test']({ hostId: host.id }, ctx);
    expect(refused.ok).toBe(false);
    expect(refused.verdict).toContain(`the host key of kitchen has changed`);
    expect(refused.verdict).toContain(`${knownHosts} line 1`);
    // No credential went out: sshd saw no login attempt.
    expect(sshd.log().slice(logBefore)).not.toMatch(/Accepted|Failed publickey/);
  });

  it('a new key is saved under the alias to the first UserKnownHostsFile, not to Warren\u2019s own file', async () => {
    const first = path.join(sshd.dir, 'kh_first');
    const second = path.join(sshd.dir, 'kh_second');
    writeFileSync(second, '');
    const host = await saveTestHost(services, 'tofu', sshd, { hostKeyPolicy: 'accept-new', hostKeyAlias: 'pantry', userKnownHostsFiles: [first, second] });
    expect((await services.handlers['hosts:test']({ hostId: host.id }, ctx)).verdict).toMatch(/^Connected/);
    const hostKey = readFileSync(`${sshd.hostKeyPath}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
    expect(readFileSync(first, 'utf8')).toBe(`pantry ${hostKey}\n`);
    expect(readFileSync(second, 'utf8')).toBe('');
  });
});
