import { describe, expect, it } from 'vitest';
import type { HostView } from '../../src-shared/contract';
import { defaultConnectionSettings } from '../../src-shared/connection-settings';
import { hasAdvancedSettings } from './AdvancedSection';
import { sessionInput, sessionValues } from './SessionFields';

describe('hasAdvancedSettings with these options', () => {
  it('opens Advanced for a host that sets any of them', () => {
    const plain = { jumpHosts: [], agentForward: false, recordSessions: 'off', exitOnForwardFailure: false, keepaliveIntervalSec: 30, keepaliveCountMax: 3, hostKeyPolicy: 'ask' } as Partial<HostView> as HostView;
    expect(hasAdvancedSettings(plain, defaultConnectionSettings)).toBe(false);
    for (const change of [{ setEnv: [{ name: 'A', value: '1' }] }, { sendEnv: ['LANG'] }, { remoteCommand: 'top' }, { requestTty: 'no' }, { userKnownHostsFiles: ['~/kh'] }, { hostKeyAlias: 'k' }, { gatewayPorts: true }] as Partial<HostView>[]) {
      expect(hasAdvancedSettings({ ...plain, ...change }, defaultConnectionSettings), JSON.stringify(change)).toBe(true);
    }
  });
});

describe('sessionInput (the form\u2019s SetEnv, SendEnv, RemoteCommand, RequestTTY, known hosts, alias)', () => {
  it('turns what was typed into what hosts:save takes, and back', () => {
    const typed = { setEnv: 'LANG=en_GB.UTF-8\n\n GREETING=hello = world ', sendEnv: 'LC_*, TZ', remoteCommand: ' tmux a ', requestTty: 'yes' as const, knownHostsFiles: '~/kh1\n\n~/kh2', hostKeyAlias: ' kitchen ', gatewayPorts: true };
    const input = sessionInput(typed);
    expect(input).toEqual({
      setEnv: [{ name: 'LANG', value: 'en_GB.UTF-8' }, { name: 'GREETING', value: 'hello = world' }],
      sendEnv: ['LC_*', 'TZ'],
      remoteCommand: 'tmux a',
      requestTty: 'yes',
      userKnownHostsFiles: ['~/kh1', '~/kh2'],
      hostKeyAlias: 'kitchen',
      gatewayPorts: true,
    });
    expect(sessionValues({ ...(input as object) } as never)).toMatchObject({ setEnv: 'LANG=en_GB.UTF-8\nGREETING=hello = world', sendEnv: 'LC_* TZ', knownHostsFiles: '~/kh1\n~/kh2' });
  });

  it('says what to fix for a line that is not NAME=value or a bad SendEnv name', () => {
    expect(sessionInput({ ...sessionValues(null), setEnv: 'NOEQUALS' })).toEqual({ error: expect.stringMatching(/^Environment \(SetEnv\): "NOEQUALS" is not NAME=value/) });
    expect(sessionInput({ ...sessionValues(null), setEnv: '9X=1' })).toHaveProperty('error');
    expect(sessionInput({ ...sessionValues(null), sendEnv: 'LANG=x' })).toHaveProperty('error');
  });
});
