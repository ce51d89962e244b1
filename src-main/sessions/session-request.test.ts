import { describe, expect, it } from 'vitest';
import { crlfLines, sessionRequest } from './session-request';
import { hostInput } from '../../src-shared/contract';

describe('sessionRequest (what a terminal asks of the server)', () => {
  it('sends SetEnv, and of main\u2019s environment only what SendEnv names; SetEnv wins a clash', () => {
    const env = { LANG: 'en_GB.UTF-8', LC_TIME: 'C', LC_ALL: 'x', SECRET_TOKEN: 'no', EDITOR: 'nano', BAD: 'a\nb' };
    const request = sessionRequest({ setEnv: [{ name: 'EDITOR', value: 'vim' }], sendEnv: ['LANG', 'LC_?IME', 'EDITOR', 'BAD'] }, env);
    expect(request.env).toEqual({ LANG: 'en_GB.UTF-8', LC_TIME: 'C', EDITOR: 'vim' });
    expect(sessionRequest({ sendEnv: ['LC_*'] }, env).env).toEqual({ LC_TIME: 'C', LC_ALL: 'x' });
  });

  it('RequestTTY decides the pty as ssh does: a shell gets one unless no, a command only with yes or force', () => {
    expect(sessionRequest({}, {})).toEqual({ env: {}, command: null, pty: true });
    expect(sessionRequest({ requestTty: 'no' }, {}).pty).toBe(false);
    expect(sessionRequest({ remoteCommand: 'top' }, {})).toEqual({ env: {}, command: 'top', pty: false });
    expect(sessionRequest({ remoteCommand: 'top', requestTty: 'yes' }, {}).pty).toBe(true);
    expect(sessionRequest({ remoteCommand: 'top', requestTty: 'force' }, {}).pty).toBe(true);
  });

  it('crlfLines turns bare LF into CR LF, also across chunks, and leaves CR LF alone', () => {
    const lines = crlfLines();
    const out = [lines(Buffer.from('a\nb\r')), lines(Buffer.from('\nc\n'))].map((b) => b.toString()).join('');
    expect(out).toBe('a\r\nb\r\nc\r\n');
  });
});

describe('hosts:save input for these options (checked in main)', () => {
  const base = { name: 'x', host: 'h', port: 22, username: 'u', auth: { keyPath: null, useAgent: false }, folderId: null };
  it('takes valid values', () => {
    expect(hostInput.strict().safeParse({ ...base, setEnv: [{ name: '_A1', value: 'x = y' }], sendEnv: ['LC_*'], remoteCommand: 'tmux a', requestTty: 'force', userKnownHostsFiles: ['~/kh'], hostKeyAlias: 'kitchen', gatewayPorts: true }).success).toBe(true);
  });
  it('refuses bad env names, line breaks and NULs, and unknown RequestTTY', () => {
    for (const bad of [
      { setEnv: [{ name: '1A', value: 'x' }] },
      { setEnv: [{ name: 'A-B', value: 'x' }] },
      { setEnv: [{ name: 'A', value: 'x\ny' }] },
      { setEnv: [{ name: 'A', value: 'x\0' }] },
      { sendEnv: ['LANG=1'] },
      { remoteCommand: 'ls\nLocalCommand id' },
      { requestTty: 'maybe' },
      { userKnownHostsFiles: ['a\rb'] },
      { hostKeyAlias: 'two words' },
    ]) {
      expect(hostInput.strict().safeParse({ ...base, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
