import { describe, expect, it } from 'vitest';
import type { HostView } from '../../src-shared/contract';
import { defaultConnectionSettings } from '../../src-shared/connection-settings';
import { hasAdvancedSettings } from './AdvancedSection';
import { legacyWarnings } from './AlgorithmFields';
import { identityInput } from './IdentityFields';
import { loginInput } from './LoginFields';

const plain = {
  jumpHosts: [],
  agentForward: false,
  recordSessions: 'off',
  exitOnForwardFailure: false,
  keepaliveIntervalSec: 30,
  keepaliveCountMax: 3,
  hostKeyPolicy: 'ask',
} as Partial<HostView> as HostView;

describe('hasAdvancedSettings (the host form opens Advanced when true)', () => {
  it('is false for a host at the Settings defaults', () => {
    expect(hasAdvancedSettings(plain, defaultConnectionSettings)).toBe(false);
    expect(hasAdvancedSettings({ ...plain, keepaliveIntervalSec: 15 }, { ...defaultConnectionSettings, keepaliveIntervalSec: 15 })).toBe(false);
  });
  it('is true when any advanced option differs', () => {
    for (const change of [{ jumpHosts: ['bastion'] }, { agentForward: true }, { recordSessions: 'text' }, { exitOnForwardFailure: true }, { keepaliveIntervalSec: 0 }, { keepaliveCountMax: 9 }, { hostKeyPolicy: 'strict' }, { algorithms: { hostKey: '+ssh-rsa' } }, { identityAgent: 'none' }, { identityFiles: ['~/.ssh/id_work'] }, { identitiesOnly: true }, { preferredAuthentications: ['password'] }, { connectTimeoutSec: 5 }] as Partial<HostView>[]) {
      expect(hasAdvancedSettings({ ...plain, ...change }, defaultConnectionSettings), JSON.stringify(change)).toBe(true);
    }
  });
});

describe('legacyWarnings (the warning under the algorithm fields)', () => {
  it('names each legacy algorithm a host turns on, with its keyword', () => {
    expect(legacyWarnings({ hostKey: '+ssh-rsa', kex: '^diffie-hellman-group14-sha1', mac: '-hmac-sha1' })).toEqual(['ssh-rsa (HostKeyAlgorithms)', 'diffie-hellman-group14-sha1 (KexAlgorithms)']);
    expect(legacyWarnings({ cipher: '^aes256-gcm@openssh.com' })).toEqual([]);
  });
});

describe('loginInput (PreferredAuthentications and ConnectTimeout from the form)', () => {
  it('keeps the order, skips methods Warren lacks, and clears with empty fields', () => {
    expect(loginInput({ methods: 'password, gssapi-with-mic,publickey', timeout: '10' })).toEqual({ preferredAuthentications: ['password', 'publickey'], connectTimeoutSec: 10 });
    expect(loginInput({ methods: '', timeout: ' ' })).toEqual({ preferredAuthentications: [], connectTimeoutSec: null });
  });
  it('says what to fix', () => {
    expect(loginInput({ methods: 'pubkey', timeout: '' })).toEqual({ error: 'Login methods: pubkey is not one of publickey, keyboard-interactive, password.' });
    expect(loginInput({ methods: '', timeout: '0' })).toHaveProperty('error');
  });
});

describe('identityInput', () => {
  it('one key file per line, blanks dropped', () => {
    expect(identityInput({ agent: ' none ', files: '~/.ssh/a\n\n ~/.ssh/b ', only: true, certificates: '' })).toEqual({ identityAgent: 'none', identityFiles: ['~/.ssh/a', '~/.ssh/b'], identitiesOnly: true, certificateFiles: [] });
  });
  it('one certificate file per line, blanks dropped', () => {
    expect(identityInput({ agent: '', files: '', only: false, certificates: ' ~/.ssh/a-cert.pub\n\n/certs/b-cert.pub ' }).certificateFiles).toEqual(['~/.ssh/a-cert.pub', '/certs/b-cert.pub']);
  });
});
