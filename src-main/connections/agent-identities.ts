// The agent's key list as the agent sends it, certificates included. ssh2's
// agent client drops every key it cannot parse, and it parses no certificate,
// so a key loaded with `ssh-add` together with its `-cert.pub` would only
// ever be offered as the plain key. This asks the agent itself
// (SSH_AGENTC_REQUEST_IDENTITIES, draft-miller-ssh-agent §4.4) and turns
// each certificate into a key ssh2 can offer.
import type { Duplex } from 'node:stream';
import ssh2, { type ParsedKey } from 'ssh2';
import { certificateKey } from '../ssh2-internals/certificate-auth';
import { parseCertificateBlob } from './user-certificate';

const REQUEST_IDENTITIES = 11;
const IDENTITIES_ANSWER = 12;
const FAILURE = 5;

/** The key blobs and comments an agent holds, in its order. */
export function requestIdentities(stream: Duplex): Promise<{ blob: Buffer; comment: string }[]> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const finish = (error: Error | null, keys?: { blob: Buffer; comment: string }[]) => {
      stream.off('data', onData);
      stream.off('error', onError);
      stream.off('close', onClose);
      stream.end();
      if (error) reject(error);
      else resolve(keys!);
    };
    const onError = (error: Error) => finish(error);
    const onClose = () => finish(new Error('The agent closed the connection before it answered.'));
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4 || received.length < 4 + received.readUInt32BE(0)) return;
      try {
        finish(null, parseAnswer(received.subarray(4, 4 + received.readUInt32BE(0))));
      } catch (error) {
        finish(error as Error);
      }
    };
    stream.on('data', onData);
    stream.on('error', onError);
    stream.on('close', onClose);
    stream.write(Buffer.from([0, 0, 0, 1, REQUEST_IDENTITIES]));
  });
}

function parseAnswer(message: Buffer): { blob: Buffer; comment: string }[] {
  if (message[0] === FAILURE) throw new Error('The agent refused to list its keys.');
  if (message[0] !== IDENTITIES_ANSWER) throw new Error(`The agent answered with message type ${message[0]}.`);
  let p = 1;
  const take = () => {
    if (p + 4 > message.length) throw new Error('The agent sent a malformed key list.');
    const length = message.readUInt32BE(p);
    if (p + 4 + length > message.length) throw new Error('The agent sent a malformed key list.');
    const out = message.subarray(p + 4, p + 4 + length);
    p += 4 + length;
    return out;
  };
  const count = message.readUInt32BE(p);
  p += 4;
  const keys: { blob: Buffer; comment: string }[] = [];
  for (let i = 0; i < count; i++) keys.push({ blob: Buffer.from(take()), comment: take().toString('utf8') });
  return keys;
}

/** ssh2 keys for the agent's blobs: certificates as certificate keys, the rest as ssh2 parses them; what neither can use is left out. */
export function agentKeys(identities: readonly { blob: Buffer; comment: string }[]): ParsedKey[] {
  const out: ParsedKey[] = [];
  for (const { blob, comment } of identities) {
    const cert = parseCertificateBlob(blob);
    const parsed = ssh2.utils.parseKey(cert ? cert.publicKey : blob);
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (!key || key instanceof Error) continue;
    if (cert && cert.kind !== 'user') continue;
    const offered = cert ? certificateKey(key, cert) : key;
    if (!offered.comment) Object.defineProperty(offered, 'comment', { value: comment });
    out.push(offered);
  }
  return out;
}
