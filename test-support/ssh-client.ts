// A bare ssh2 client on the test sshd, logged in with the fixture's key: the
// reference peer that tests and benchmarks use beside Warren's own services.
import { readFileSync } from 'node:fs';
import ssh2, { type Client } from 'ssh2';
import type { Sshd } from './sshd';

export function connectClient(sshd: Pick<Sshd, 'port' | 'user' | 'clientKeyPath'>): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.once('error', reject);
    client.once('ready', () => {
      client.off('error', reject);
      // Tests drop connections on purpose; the reset is expected.
      client.on('error', () => {});
      resolve(client);
    });
    client.connect({ host: '127.0.0.1', port: sshd.port, username: sshd.user, privateKey: readFileSync(sshd.clientKeyPath), readyTimeout: 10_000 });
    // As SshConnection does, so tests and benchmarks see what the app does.
    client.setNoDelay(true);
  });
}
