// Certificates read as ssh-keygen -L reads them, from files ssh-keygen -s made.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ssh2 from 'ssh2';
import { keygen, signKey } from '../../test-support/sshd';
import { describeValidity, loadCertificates, parseCertificateText, readCertificateFile, validityProblem } from './user-certificate';

let dir: string;
let ca: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'warren-usercert-'));
  ca = path.join(dir, 'ca');
  keygen(ca);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function signed(name: string, type: string, args: string[]): string {
  const key = path.join(dir, name);
  keygen(key, type);
  signKey(ca, key, args);
  return key;
}

describe('OpenSSH certificates', () => {
  it.each([['ed25519'], ['ecdsa'], ['rsa']])('a %s user certificate: its fields as ssh-keygen -L prints them, and the key it certifies', async (type) => {
    const key = signed(`id_${type}`, type, ['-I', 'alice@laptop', '-n', 'alice,deploy', '-z', '42', '-V', '20300101000000:20300102000000']);
    const cert = await readCertificateFile(`${key}-cert.pub`);
    const listing = execFileSync('ssh-keygen', ['-L', '-f', `${key}-cert.pub`], { env: { ...process.env, TZ: 'UTC' } }).toString();
    expect(listing).toContain(`Type: ${cert.type} user certificate`);
    expect(listing).toContain(`Key ID: "${cert.keyId}"`);
    expect(listing).toContain(`Serial: ${cert.serial}`);
    expect(cert).toMatchObject({ kind: 'user', keyId: 'alice@laptop', serial: 42n, principals: ['alice', 'deploy'] });
    expect(listing).toMatch(/Valid: from 2030-01-01T00:00:00 to 2030-01-02T00:00:00/);
    // The certified key is the private key's public half.
    const parsed = ssh2.utils.parseKey(readFileSync(key));
    expect(cert.publicKey.equals((Array.isArray(parsed) ? parsed[0] : parsed as ssh2.ParsedKey).getPublicSSH())).toBe(true);
  });

  it('says when a certificate is expired or not valid yet, by this computer clock', async () => {
    const cert = (await readCertificateFile(`${signed('id_window', 'ed25519', ['-I', 'w', '-n', 'u', '-V', '20300101000000:20300102000000'])}-cert.pub`))!;
    expect(describeValidity(cert)).toBe('valid from 2030-01-01 00:00:00Z to 2030-01-02 00:00:00Z');
    expect(validityProblem(cert, Date.UTC(2029, 11, 31))).toBe('not valid yet: valid from 2030-01-01 00:00:00Z to 2030-01-02 00:00:00Z');
    expect(validityProblem(cert, Date.UTC(2030, 0, 1, 12))).toBeNull();
    expect(validityProblem(cert, Date.UTC(2030, 0, 2))).toBe('expired: valid from 2030-01-01 00:00:00Z to 2030-01-02 00:00:00Z');
    const forever = (await readCertificateFile(`${signed('id_forever', 'ed25519', ['-I', 'f', '-n', 'u'])}-cert.pub`))!;
    expect(describeValidity(forever)).toBe('valid forever');
    expect(validityProblem(forever)).toBeNull();
  });

  it('refuses a host certificate, a plain public key and garbage, naming the file', async () => {
    const host = signed('host_key', 'ed25519', ['-h', '-I', 'h', '-n', 'example.net']);
    await expect(readCertificateFile(`${host}-cert.pub`)).rejects.toThrow(`${host}-cert.pub is a host certificate, not a user certificate.`);
    await expect(readCertificateFile(`${host}.pub`)).rejects.toThrow(/is not an OpenSSH certificate Warren can use/);
    expect(parseCertificateText('ssh-ed25519-cert-v01@openssh.com AAAA')).toBeNull();
    await expect(readCertificateFile(path.join(dir, 'absent-cert.pub'))).rejects.toThrow(`Cannot read the certificate ${path.join(dir, 'absent-cert.pub')}: there is no such file.`);
  });

  it('loads CertificateFiles (a missing one is a problem to report) and <key>-cert.pub beside each key (a missing one is not)', async () => {
    const key = signed('id_beside', 'ed25519', ['-I', 'b', '-n', 'u']);
    const bare = path.join(dir, 'id_bare');
    keygen(bare);
    const broken = path.join(dir, 'broken-cert.pub');
    writeFileSync(broken, 'not a certificate\n');
    const { certificates, problems } = await loadCertificates([broken, path.join(dir, 'gone-cert.pub')], [key, bare]);
    expect(certificates.map((c) => c.path)).toEqual([`${key}-cert.pub`]);
    expect(problems).toEqual([
      `the certificate was not offered: ${broken} is not an OpenSSH certificate Warren can use (Ed25519, ECDSA or RSA, made with ssh-keygen -s)`,
      `the certificate was not offered: Cannot read the certificate ${path.join(dir, 'gone-cert.pub')}: there is no such file`,
    ]);
  });
});
