import { describe, expect, it } from 'vitest';
import type { HostView } from '../../src-shared/contract';
import { defaultConnectionSettings } from '../../src-shared/connection-settings';
import { hasAdvancedSettings } from './AdvancedSection';

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
    for (const change of [{ jumpHosts: ['bastion'] }, { agentForward: true }, { recordSessions: 'text' }, { exitOnForwardFailure: true }, { keepaliveIntervalSec: 0 }, { keepaliveCountMax: 9 }, { hostKeyPolicy: 'strict' }] as Partial<HostView>[]) {
      expect(hasAdvancedSettings({ ...plain, ...change }, defaultConnectionSettings), JSON.stringify(change)).toBe(true);
    }
  });
});
