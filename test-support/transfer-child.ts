// A transfer in a process of its own, so a test can SIGKILL it midway (no
// cleanup, no last save: what a crash or a power cut leaves). Prints each
// progress figure on a line of stdout.
// Usage: tsx test-support/transfer-child.ts <port> <user> <key> <upload|download> <from> <to> [stripes]
import { downloadFile, uploadFile } from '../src-main/sftp/transfer';
import { connectSftp } from './sftp-fixture';

const [port, user, key, direction, from, to, stripes] = process.argv.slice(2);
const conn = await connectSftp({ port: Number(port), user: user!, clientKeyPath: key! });
const opts = { stripes: stripes ? Number(stripes) : undefined, onProgress: (done: number) => process.stdout.write(`${done}\n`) };
await (direction === 'upload' ? uploadFile(conn.sftp, from!, to!, opts) : downloadFile(conn.sftp, from!, to!, opts));
conn.close();
process.stdout.write('done\n');
