// Shared connections against a real sshd: a host whose key has a passphrase
// (a credential the user types) opened as terminals, a Files tab and a
// tunnel is asked for it once and costs the server one connection; a drop
// tells every user, and the pool brings them all back with one login.
import { mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keygen, startSshd, type Sshd } from '../../test-support/sshd';
import { killSessions } from '../../test-support/sftp-fixture';
import { saveTestHost, testServices, type TestServices } from '../../test-support/services';
import { echoRoundTrip, startEchoServer, type TestServer } from '../../test-support/net';
import type { PromptAskEvent } from '../../src-shared/contract/prompts';
import type { EventName, Events } from '../../src-shared/contract';
import { poolKey } from './connection-pool';
import type { StoredHost } from '../hosts/hosts-model';
import { openFiles, toggleTunnel } from '../../test-support/lifecycle';

const PASSPHRASE = 'open sesame';
let sshd: Sshd;
let keyPath: string;
let echo: TestServer;

beforeAll(async () => {
  keyPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'warren-pool-')), 'id_ed25519');
  keygen(keyPath, 'ed25519', PASSPHRASE);
  sshd = await startSshd({ clientKeyPath: keyPath });
  echo = await startEchoServer();
});
afterAll(async () => {
  await echo?.close();
  await sshd?.stop();
});

let t: TestServices | null = null;
afterEach(async () => {
  if (!t) return;
  t.services.sessions.closeAll();
  t.services.files.closeAll();
  await t.services.tunnels.closeAll();
  t = null;
});

/** SSH connections the server has accepted so far. */
const connectionsSeen = () => sshd.log().match(/Connection from 127\.0\.0\.1 port/g)?.length ?? 0;
const disconnectsSeen = () => sshd.log().match(/(Disconnected from|Connection closed by) user/g)?.length ?? 0;

/** A window whose user types the passphrase when asked (a moment later, as a person would); `answers` picks which questions. */
function windowThatAnswers(services: TestServices, answers: (ask: PromptAskEvent) => boolean = () => true, id = 'w1') {
  const prompts: PromptAskEvent[] = [];
  const states = new Map<string, Events['session:state']>();
  const filesClosed: Events['files:closed'][] = [];
  const filesStates: Events['files:state'][] = [];
  const transfers = new Map<string, Events['transfer:update']>();
  const sessionStates: Events['session:state'][] = [];
  const tunnelUpdates: Events['tunnel:update'][] = [];
  let output = '';
  const decoder = new TextDecoder();
  services.hub.connect({
    id,
    send<E extends EventName>(name: E, payload: Events[E]) {
      if (name === 'prompt:ask') {
        const ask = payload as PromptAskEvent;
        prompts.push(ask);
        if (ask.question.kind === 'passphrase' && answers(ask)) setTimeout(() => services.services.handlers['prompt:answer']({ promptId: ask.promptId, answer: { kind: 'passphrase', passphrase: PASSPHRASE, remember: false } }, { clientId: id }), 20);
      }
      if (name === 'session:state') {
        const s = payload as Events['session:state'];
        states.set(s.sessionId, s);
        sessionStates.push(s);
      }
      if (name === 'tunnel:update') tunnelUpdates.push(payload as Events['tunnel:update']);
      if (name === 'files:state') filesStates.push(payload as Events['files:state']);
      if (name === 'transfer:update') transfers.set((payload as Events['transfer:update']).transferId, payload as Events['transfer:update']);
      if (name === 'session:data') output += decoder.decode((payload as Events['session:data']).data, { stream: true });
      if (name === 'files:closed') filesClosed.push(payload as Events['files:closed']);
    },
  });
  return { id, prompts, state: (sessionId: string) => states.get(sessionId)?.state, code: (sessionId: string) => states.get(sessionId)?.code, output: () => output, filesClosed, filesStates, transfers, sessionStates, tunnelUpdates };
}

async function setUp(fields: { separateConnections?: boolean } = {}, answers?: (ask: PromptAskEvent) => boolean) {
  t = testServices({ tunnelBackoffMs: [200, 200, 200] });
  const w = windowThatAnswers(t, answers);
  const host = await saveTestHost(t.services, 'shared', sshd, { keyPath, ...fields });
  const forward = t.services.tunnels.save({ hostId: host.id, name: 'echo', autoStart: false, spec: { kind: 'local', bindHost: '127.0.0.1', bindPort: 0, destHost: '127.0.0.1', destPort: echo.port } });
  return { s: t.services, w, host, forward };
}

async function terminal(s: TestServices['services'], w: ReturnType<typeof windowThatAnswers>, hostId: string): Promise<string> {
  const { sessionId } = s.sessions.open(w.id, hostId, 80, 24);
  await expect.poll(() => w.state(sessionId), { timeout: 45_000 }).toBe('connected');
  return sessionId;
}

// Passphrase checks run the key's bcrypt KDF, slow on a loaded machine.
describe('shared connections', { timeout: 90_000 }, () => {
  it('a terminal, a second terminal, a Files tab and a tunnel opened at once ask for the passphrase once and make one connection', async () => {
    const { s, w, host, forward } = await setUp();
    const before = connectionsSeen();
    // All four start while the first login is still waiting for the passphrase.
    const [first, second, files, tunnel] = await Promise.all([
      terminal(s, w, host.id),
      terminal(s, w, host.id),
      openFiles(s, w.id, 'b1', host.id),
      toggleTunnel(s, w.id, host.id, forward.forwardId, true),
    ]);
    expect(w.prompts.map((p) => p.question.kind)).toEqual(['passphrase']);
    expect(connectionsSeen() - before).toBe(1);
    expect(s.pool.size).toBe(1);

    // Each works on its own channel.
    s.sessions.write(w.id, first, 'echo one-$((40+2))\r');
    s.sessions.write(w.id, second, 'echo two-$((40+3))\r');
    await expect.poll(() => w.output(), { timeout: 10_000 }).toContain('one-42');
    await expect.poll(() => w.output(), { timeout: 10_000 }).toContain('two-43');
    expect(files.home).toMatch(/^\//);
    expect((await s.files.list(w.id, 'b1', sshd.home)).map((e) => e.name)).toContain('.bashrc');
    expect(tunnel.state).toBe('on');
    expect(await echoRoundTrip(tunnel.boundPort!, Buffer.from('through the shared link'))).toMatchObject({ ok: true });

    // Closing one terminal leaves the others on the same connection.
    s.sessions.closeFor(w.id, first);
    expect((await s.files.list(w.id, 'b1', sshd.home)).map((e) => e.name)).toContain('.bashrc');
    s.sessions.write(w.id, second, 'echo still-$((40+4))\r');
    await expect.poll(() => w.output(), { timeout: 10_000 }).toContain('still-44');
    const test = await s.handlers['hosts:test']({ hostId: host.id }, { clientId: w.id });
    expect(test).toMatchObject({ ok: true, verdict: expect.stringContaining('no new login') });
    expect(connectionsSeen() - before).toBe(1);

    // The connection goes with its last user.
    const disconnects = disconnectsSeen();
    s.sessions.closeFor(w.id, second);
    s.files.close(w.id, 'b1');
    expect(s.pool.size).toBe(1); // the tunnel still holds it
    await toggleTunnel(s, w.id, host.id, forward.forwardId, false);
    expect(s.pool.size).toBe(0);
    await expect.poll(() => disconnectsSeen(), { timeout: 10_000 }).toBe(disconnects + 1);
    expect(w.prompts).toHaveLength(1);
  });

  it('a drop tells every user, then one login brings back the terminal, the Files tab with its upload, and the forward', async () => {
    const { s, w, host, forward } = await setUp();
    const term = await terminal(s, w, host.id);
    await openFiles(s, w.id, 'b1', host.id);
    await toggleTunnel(s, w.id, host.id, forward.forwardId, true);
    expect(w.prompts).toHaveLength(1);
    // An upload big enough to be under way when the link goes (sparse: no disk to write).
    const name = `big-${randomUUID()}.bin`; // a retried run must not meet the last one's part file
    const local = path.join(mkdtempSync(path.join(os.tmpdir(), 'warren-pool-up-')), name);
    writeFileSync(local, '');
    truncateSync(local, 256 * 1024 * 1024);
    const { transferIds: [transferId] } = await s.handlers['transfer:start']({ browserId: 'b1', direction: 'upload', sources: [local], targetDir: sshd.home }, { clientId: w.id });
    await expect.poll(() => w.transfers.get(transferId!)?.bytesDone ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(w.transfers.get(transferId!)?.state).toBe('running');
    const before = connectionsSeen();

    expect(killSessions(sshd)).toBeGreaterThan(0);
    // Every user is told, and none is closed: each waits for the pool's one login.
    const lost = (e: { state: string; code?: string }) => e.state === 'connecting' && e.code === 'connection-lost';
    await expect.poll(() => w.sessionStates.some((e) => e.sessionId === term && lost(e)), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => w.filesStates.map((e) => e.state), { timeout: 10_000 }).toContain('connecting');
    await expect.poll(() => w.tunnelUpdates.some((v) => v.forwardId === forward.forwardId && /lost; reconnecting/.test(v.lastError ?? '')), { timeout: 10_000 }).toBe(true);

    // Back by themselves: the terminal on a new shell, the Files tab listing, the forward carrying bytes, the upload finished.
    await expect.poll(() => w.state(term), { timeout: 45_000 }).toBe('connected');
    await expect.poll(() => w.filesStates.at(-1)?.state, { timeout: 45_000 }).toBe('connected');
    await expect.poll(() => s.tunnels.list().find((v) => v.forwardId === forward.forwardId)?.state, { timeout: 45_000 }).toBe('on');
    expect(w.prompts).toHaveLength(2);
    expect(connectionsSeen() - before).toBe(1);
    expect(s.pool.size).toBe(1);
    expect(w.filesClosed).toEqual([]);
    s.sessions.write(w.id, term, 'echo back-$((40+5))\r');
    await expect.poll(() => w.output(), { timeout: 10_000 }).toContain('back-45');
    expect((await s.files.list(w.id, 'b1', sshd.home)).map((e) => e.name)).toContain('.bashrc');
    const tunnelPort = s.tunnels.list().find((v) => v.forwardId === forward.forwardId)!.boundPort!;
    expect(await echoRoundTrip(tunnelPort, Buffer.from('through the new link'))).toMatchObject({ ok: true });
    await expect.poll(() => w.transfers.get(transferId!)?.state, { timeout: 60_000 }).toBe('done');
    expect(statSync(path.join(sshd.home, name)).size).toBe(256 * 1024 * 1024);
    rmSync(path.join(sshd.home, name));
    rmSync(path.dirname(local), { recursive: true });
  });

  it('with Reconnect automatically off, a drop closes each user and nothing logs in again', async () => {
    const { s, w, host } = await setUp();
    await s.handlers['settings:set']({ autoReconnect: false }, { clientId: w.id });
    const term = await terminal(s, w, host.id);
    await openFiles(s, w.id, 'b1', host.id);
    expect(killSessions(sshd)).toBeGreaterThan(0);
    await expect.poll(() => w.state(term), { timeout: 10_000 }).toBe('closed');
    expect(w.code(term)).toBe('connection-lost');
    await expect.poll(() => w.filesClosed, { timeout: 10_000 }).toEqual([expect.objectContaining({ browserId: 'b1', lost: true })]);
    expect(s.pool.size).toBe(0);
    expect(w.prompts).toHaveLength(1);
  });

  it('a tab closed while its login waits hands the question to the tab still waiting', async () => {
    // The user leaves the terminal's question open and closes that tab; the Files tab's question is answered.
    const { s, w, host } = await setUp({}, (ask) => ask.sessionId === 'b1');
    const before = connectionsSeen();
    const { sessionId } = s.sessions.open(w.id, host.id, 80, 24);
    const opening = openFiles(s, w.id, 'b1', host.id);
    await expect.poll(() => w.prompts.length, { timeout: 10_000 }).toBe(1);
    s.sessions.closeFor(w.id, sessionId);
    await opening;
    expect((await s.files.list(w.id, 'b1', sshd.home)).map((e) => e.name)).toContain('.bashrc');
    expect(w.prompts.map((p) => p.sessionId)).toEqual([sessionId, 'b1']);
    expect(connectionsSeen() - before).toBe(1);
    expect(s.pool.size).toBe(1);
  });

  it('"Separate connections" gives each use its own login', async () => {
    const { s, w, host } = await setUp({ separateConnections: true });
    const before = connectionsSeen();
    await terminal(s, w, host.id);
    await terminal(s, w, host.id);
    expect(w.prompts).toHaveLength(2);
    expect(connectionsSeen() - before).toBe(2);
  });
});

describe('poolKey', () => {
  const base: StoredHost = {
    id: 'h1', name: 'web', host: '10.0.0.1', port: 22, username: 'ann', auth: { keyPath: '/k', useAgent: false }, hostKeyPolicy: 'ask', folderId: null,
    forwards: [], exitOnForwardFailure: false, jumpHosts: [], keepaliveIntervalSec: 30, keepaliveCountMax: 3, agentForward: false,
  };
  it('ignores what does not change the login, and tells apart what does', () => {
    const key = poolKey(base, []);
    expect(poolKey({ ...base, name: 'renamed', color: 'red', tags: ['x'], favourite: true, lastConnectedAt: 5, auth: { ...base.auth, sealedPassword: 'zzz' } }, [])).toBe(key);
    expect(poolKey({ ...base, auth: { keyPath: '/other', useAgent: false } }, [])).not.toBe(key);
    expect(poolKey({ ...base, username: 'bob' }, [])).not.toBe(key);
    expect(poolKey({ ...base, proxyCommand: 'nc %h %p' }, [])).not.toBe(key);
    expect(poolKey(base, [{ kind: 'address', name: 'j', user: null, host: 'jump', port: 22 }])).not.toBe(key);
  });
});

describe('shared jump hosts', { timeout: 90_000 }, () => {
  let bastion: Sshd;
  beforeAll(async () => {
    bastion = await startSshd({ clientKeyPath: keyPath });
  });
  afterAll(() => bastion?.stop());

  it('two hosts behind one bastion, and a terminal on the bastion itself, share its one login', async () => {
    t = testServices();
    const w = windowThatAnswers(t);
    const s = t.services;
    const gate = await saveTestHost(s, 'bastion', bastion, { keyPath });
    const a = await saveTestHost(s, 'app a', sshd, { keyPath, jumpHosts: ['bastion'] });
    const b = await saveTestHost(s, 'app b', sshd, { keyPath, jumpHosts: ['bastion'] });
    const bastionSeen = () => bastion.log().match(/Connection from 127\.0\.0\.1 port/g)?.length ?? 0;
    const [bastionBefore, targetBefore] = [bastionSeen(), connectionsSeen()];

    const [ta] = await Promise.all([terminal(s, w, a.id), openFiles(s, w.id, 'fb', b.id)]);
    const onGate = await terminal(s, w, gate.id);
    expect(bastionSeen() - bastionBefore).toBe(1);
    expect(connectionsSeen() - targetBefore).toBe(2);
    // One passphrase for the bastion and one for each of the two hosts behind it.
    expect(w.prompts).toHaveLength(3);
    s.sessions.write(w.id, ta, 'echo via-$((40+6))\r');
    s.sessions.write(w.id, onGate, 'echo gate-$((40+7))\r');
    await expect.poll(() => w.output(), { timeout: 10_000 }).toContain('via-46');
    await expect.poll(() => w.output(), { timeout: 10_000 }).toContain('gate-47');

    // The bastion's link stays while anything rides it, and goes with the last.
    const bastionGone = () => bastion.log().match(/(Disconnected from|Connection closed by) user/g)?.length ?? 0;
    const gone = bastionGone();
    s.sessions.closeFor(w.id, ta);
    s.sessions.closeFor(w.id, onGate);
    expect((await s.files.list(w.id, 'fb', sshd.home)).map((e) => e.name)).toContain('.bashrc');
    s.files.close(w.id, 'fb');
    await expect.poll(() => s.pool.size, { timeout: 5000 }).toBe(0);
    await expect.poll(() => bastionGone(), { timeout: 10_000 }).toBe(gone + 1);
  });
});
