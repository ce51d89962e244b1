// "Remember" through the whole stack: the password typed at a prompt is kept
// only after it worked, only encrypted, and is used next time without asking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { answeringWindow, saveTestHost, testServices } from '../../test-support/services';
import { startSsh2Server, type Ssh2TestServer } from '../../test-support/ssh2-server';
import type { PromptAnswer } from '../../src-shared/contract';

const SECRET = 'tr0ub4dor&3-remember-me';

describe('remembering a password', () => {
  let server: Ssh2TestServer;
  beforeAll(async () => {
    server = await startSsh2Server({ password: SECRET });
  });
  afterAll(() => server?.close());

  it('saves it encrypted after a successful login, and never writes it in clear', async () => {
    const made = testServices();
    const { services, dir } = made;
    const answers: (PromptAnswer | null)[] = [
      { kind: 'password', password: 'wrong', remember: true },
      { kind: 'password', password: SECRET, remember: true },
    ];
    const { asked, states } = answeringWindow(made, 'win', () => answers.shift() ?? null);
    const host = await saveTestHost(services, 'pw', { port: server.port, user: server.username });
    const connectOnce = async () => {
      const { sessionId } = services.sessions.open('win', host.id, 80, 24);
      await expect.poll(() => states.filter((s) => s.sessionId === sessionId).at(-1)?.state, { timeout: 10_000 }).toMatch(/connected|failed|closed/);
      const reached = states.filter((s) => s.sessionId === sessionId).at(-1)!.state;
      services.sessions.closeFor('win', sessionId);
      return reached;
    };

    expect(await connectOnce()).toBe('connected');
    expect(asked.map((a) => a.question)).toMatchObject([{ kind: 'password', retry: false }, { kind: 'password', retry: true }]);
    await expect.poll(() => services.hosts.list().hosts[0]?.auth.hasSavedPassword).toBe(true);

    // No file Warren wrote holds the password, or the wrong one, in any plain encoding.
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(path.join(dir, file));
      for (const secret of [SECRET, 'wrong']) {
        expect(bytes.includes(Buffer.from(secret))).toBe(false);
        expect(bytes.includes(Buffer.from(Buffer.from(secret).toString('base64')))).toBe(false);
      }
    }
    expect(JSON.stringify(services.hosts.list())).not.toContain(SECRET);

    // Next time: no question.
    expect(await connectOnce()).toBe('connected');
    expect(asked).toHaveLength(2);
  });
});
