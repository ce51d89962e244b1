import { describe, expect, it } from 'vitest';
import { applyAlgorithmSpec, legacyNamed, matchesPattern } from '../../src-shared/ssh-algorithms';

const defaults = ['curve25519-sha256', 'ecdh-sha2-nistp256', 'diffie-hellman-group14-sha256'];
const supported = [...defaults, 'diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1', 'diffie-hellman-group-exchange-sha1'];

describe('applyAlgorithmSpec (OpenSSH kex_assemble_names)', () => {
  it('keeps the default list for an empty or absent spec', () => {
    expect(applyAlgorithmSpec(undefined, defaults, supported)).toEqual({ list: defaults, unsupported: [] });
    expect(applyAlgorithmSpec('  ', defaults, supported).list).toEqual(defaults);
  });
  it('+ appends after the defaults, once', () => {
    expect(applyAlgorithmSpec('+diffie-hellman-group14-sha1,curve25519-sha256', defaults, supported).list).toEqual([...defaults, 'diffie-hellman-group14-sha1']);
  });
  it('- removes from the defaults, with wildcards', () => {
    expect(applyAlgorithmSpec('-ecdh-*', defaults, supported).list).toEqual(['curve25519-sha256', 'diffie-hellman-group14-sha256']);
  });
  it('^ puts names first and drops their later copies', () => {
    expect(applyAlgorithmSpec('^diffie-hellman-group14-sha256,diffie-hellman-group1-sha1', defaults, supported).list).toEqual([
      'diffie-hellman-group14-sha256',
      'diffie-hellman-group1-sha1',
      'curve25519-sha256',
      'ecdh-sha2-nistp256',
    ]);
  });
  it('a plain list replaces the defaults, in its own order, a wildcard expanding in the supported list\'s order (as match_filter_allowlist)', () => {
    expect(applyAlgorithmSpec('diffie-hellman-group1*,curve25519-sha256', defaults, supported).list).toEqual(['diffie-hellman-group14-sha256', 'diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1', 'curve25519-sha256']);
  });
  it('reports names it cannot use and drops them, as OpenSSH does for names it does not know', () => {
    expect(applyAlgorithmSpec('sntrup761x25519-sha512@openssh.com,curve25519-sha256', defaults, supported)).toEqual({ list: ['curve25519-sha256'], unsupported: ['sntrup761x25519-sha512@openssh.com'] });
  });
  it('refuses a spec that leaves nothing to offer', () => {
    expect(() => applyAlgorithmSpec('-*', defaults, supported)).toThrow(/leaves no algorithm/);
    expect(() => applyAlgorithmSpec('made-up', defaults, supported)).toThrow(/leaves no algorithm/);
  });
});

describe('matchesPattern', () => {
  it('treats * and ? as OpenSSH does and everything else literally', () => {
    expect(matchesPattern('aes128-cbc', '*-cbc')).toBe(true);
    expect(matchesPattern('aes128-ctr', 'aes12?-ctr')).toBe(true);
    expect(matchesPattern('hmac-sha1', 'hmac.sha1')).toBe(false);
  });
});

describe('legacyNamed (the host form warns about these)', () => {
  it('names the legacy algorithms a spec turns on', () => {
    expect(legacyNamed('hostKey', '+ssh-rsa')).toEqual(['ssh-rsa']);
    expect(legacyNamed('kex', '^diffie-hellman-group14-sha1')).toEqual(['diffie-hellman-group14-sha1']);
    expect(legacyNamed('cipher', 'aes128-ctr,*-cbc')).toContain('3des-cbc');
  });
  it('is empty for removals and modern lists', () => {
    expect(legacyNamed('hostKey', '-ssh-rsa')).toEqual([]);
    expect(legacyNamed('mac', '+hmac-sha2-512')).toEqual([]);
    expect(legacyNamed('kex', undefined)).toEqual([]);
  });
});
