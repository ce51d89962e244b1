// Until known_hosts and the fingerprint prompt arrive (issue 3), Warren pins a
// host's key the first time it connects and refuses any different key after,
// like OpenSSH's StrictHostKeyChecking=accept-new. A changed key is a hard stop.
import type { SettingsStore } from '../settings/settings-store';
import type { HostKeyCheck } from '../sessions/terminal-session';
import { AppError } from '../app/app-error';
import { fingerprintSha256, hostPortName, keyType } from './host-key';

const KEY = 'pinnedHostKeys';

interface Pin {
  type: string;
  fingerprint: string;
  firstSeen: string;
}

export class FirstUseTrust implements HostKeyCheck {
  constructor(private readonly store: SettingsStore) {}

  async check(host: string, port: number, key: Buffer): Promise<AppError | null> {
    const name = hostPortName(host.toLowerCase(), port);
    const pins = this.pins();
    const seen = { type: keyType(key), fingerprint: fingerprintSha256(key) };
    const pinned = pins[name];
    if (!pinned) {
      this.store.set(KEY, { ...pins, [name]: { ...seen, firstSeen: new Date().toISOString() } });
      return null;
    }
    if (pinned.fingerprint === seen.fingerprint) return null;
    return new AppError(
      'host-key-changed',
      `WARNING: the host key of ${name} has changed. Someone may be intercepting this connection, or the server was reinstalled. ` +
        `Warren refused to connect and sent no credentials. Saved key: ${pinned.type} ${pinned.fingerprint} (first seen ${pinned.firstSeen}). ` +
        `Key offered now: ${seen.type} ${seen.fingerprint}. Check the new fingerprint with the server's administrator before trusting it.`,
    );
  }

  private pins(): Record<string, Pin> {
    const value = this.store.get(KEY);
    return value && typeof value === 'object' ? (value as Record<string, Pin>) : {};
  }
}
