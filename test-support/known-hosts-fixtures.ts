// Test helpers: real keys and real answers from OpenSSH's ssh-keygen, so the
// tests check Warren against ssh itself rather than against our reading of it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keyType } from '../src-main/host-keys/host-key';

export const SSH_KEYGEN = '/usr/bin/ssh-keygen';

export const tempDir = (): string => mkdtempSync(path.join(os.tmpdir(), 'warren-known-hosts-'));

/** A fresh key pair from ssh-keygen; returns the public key blob. */
export function generateKey(dir: string, type: 'ed25519' | 'ecdsa' | 'rsa'): Buffer {
  const file = path.join(dir, `key-${type}-${Math.random().toString(36).slice(2)}`);
  execFileSync(SSH_KEYGEN, ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-C', 'test', '-f', file]);
  const [, base64] = readFileSync(`${file}.pub`, 'utf8').split(' ');
  return Buffer.from(base64 ?? '', 'base64');
}

/** A known_hosts line as a person would type it. */
export function keyLine(hostField: string, key: Buffer, marker = ''): string {
  return `${marker ? `${marker} ` : ''}${hostField} ${keyType(key)} ${key.toString('base64')}`;
}

/** `ssh-keygen -F name -f file`: its exit status and the line numbers it reports. */
export function sshKeygenFind(file: string, name: string): { status: number | null; lines: number[] } {
  const result = spawnSync(SSH_KEYGEN, ['-F', name, '-f', file], { encoding: 'utf8' });
  const lines = [...result.stdout.matchAll(/^# Host .* found: line (\d+)/gm)].map((m) => Number(m[1]));
  return { status: result.status, lines };
}
