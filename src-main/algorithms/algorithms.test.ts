// Warren's defaults against ssh2's own lists (read from ssh2 at run time), and
// how a host's specs turn into what ssh2 offers.
import { describe, expect, it } from 'vitest';
import { algorithmKinds, legacyAlgorithms } from '../../src-shared/ssh-algorithms';
import { AppError } from '../errors/app-error';
import { algorithmLists, algorithmsField, algorithmsFromConfig, keyTypeAccepted, resolveAlgorithms } from './algorithms';

describe("ssh2's algorithm lists", () => {
  it('are found where ssh2 keeps them (an ssh2 upgrade that moves them fails here)', () => {
    for (const kind of algorithmKinds) {
      expect(algorithmLists[kind].defaults.length, kind).toBeGreaterThan(0);
      for (const name of algorithmLists[kind].defaults) expect(algorithmLists[kind].supported, `${kind} ${name}`).toContain(name);
    }
  });
  it('leave every legacy algorithm out of the defaults and keep the ones a host may ask for supported', () => {
    for (const kind of algorithmKinds) for (const name of legacyAlgorithms[kind]) expect(algorithmLists[kind].defaults, `${kind} ${name}`).not.toContain(name);
    expect(algorithmLists.hostKey.supported).toContain('ssh-rsa');
    expect(algorithmLists.kex.supported).toContain('diffie-hellman-group14-sha1');
    expect(algorithmLists.hostKey.defaults).toEqual(expect.arrayContaining(['ssh-ed25519', 'rsa-sha2-512', 'rsa-sha2-256']));
  });
});

describe('resolveAlgorithms', () => {
  it('gives the defaults for a host that sets nothing, and applies each spec to its own list', () => {
    expect(resolveAlgorithms(undefined).hostKey).toEqual(algorithmLists.hostKey.defaults);
    const lists = resolveAlgorithms({ hostKey: '+ssh-rsa', kex: '^diffie-hellman-group14-sha1', mac: '-hmac-sha1*' });
    expect(lists.hostKey.at(-1)).toBe('ssh-rsa');
    expect(lists.kex[0]).toBe('diffie-hellman-group14-sha1');
    expect(lists.mac.some((m) => m.startsWith('hmac-sha1'))).toBe(false);
    expect(lists.cipher).toEqual(algorithmLists.cipher.defaults);
  });
  it('names the keyword whose spec leaves nothing', () => {
    const error = (() => {
      try {
        resolveAlgorithms({ cipher: 'rot13' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid-input');
    expect((error as AppError).message).toMatch(/^Ciphers: "rot13" leaves no algorithm that Warren supports/);
  });
});

describe('algorithmsField (what a saved host keeps)', () => {
  it('drops empty lists and keeps nothing when none is set', () => {
    expect(algorithmsField({ hostKey: '', kex: '  ' })).toEqual({});
    expect(algorithmsField({ hostKey: '+ssh-rsa', mac: '' })).toEqual({ algorithms: { hostKey: '+ssh-rsa' } });
  });
  it('refuses a list that leaves nothing to offer', () => {
    expect(() => algorithmsField({ kex: '-*' })).toThrow(/KexAlgorithms/);
  });
});

describe('keyTypeAccepted', () => {
  it('accepts an RSA key under any RSA signature algorithm, other keys by their own name', () => {
    expect(keyTypeAccepted('ssh-rsa', algorithmLists.pubkey.defaults)).toBe(true);
    expect(keyTypeAccepted('ssh-rsa', ['ssh-ed25519'])).toBe(false);
    expect(keyTypeAccepted('ssh-ed25519', ['rsa-sha2-512'])).toBe(false);
  });
});

describe('algorithmsFromConfig (the importer)', () => {
  const config = (options: Record<string, string>) => (keyword: string) => options[keyword];
  it('keeps each list as written, the old PubkeyAcceptedKeyTypes name included', () => {
    expect(algorithmsFromConfig(config({ hostkeyalgorithms: '+ssh-rsa', kexalgorithms: '+diffie-hellman-group14-sha1', pubkeyacceptedkeytypes: '+ssh-rsa' }))).toEqual({
      algorithms: { hostKey: '+ssh-rsa', kex: '+diffie-hellman-group14-sha1', pubkey: '+ssh-rsa' },
      notes: [],
    });
  });
  it('notes names Warren cannot use, and drops a list with nothing usable', () => {
    expect(algorithmsFromConfig(config({ kexalgorithms: 'sntrup761x25519-sha512@openssh.com,curve25519-sha256', macs: 'umac-128-etm@openssh.com' }))).toEqual({
      algorithms: { kex: 'sntrup761x25519-sha512@openssh.com,curve25519-sha256' },
      notes: [
        'KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256: Warren does not support sntrup761x25519-sha512@openssh.com and leaves it out',
        'MACs umac-128-etm@openssh.com: Warren supports none of these, so its defaults apply',
      ],
    });
  });
});
