// A ProxyCommand for tests, like `nc %h %p`: pipes its stdin and stdout to
// host:port. It says where it connects on stderr (which proves %h and %p were
// expanded) and writes its pid to the file given third, so a test can see it
// is gone once the connection closed.
// Usage: node pipe-proxy.mjs <host> <port> [pidfile]
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';

const [host, port, pidFile] = process.argv.slice(2);
if (pidFile) writeFileSync(pidFile, String(process.pid));
process.stderr.write(`pipe-proxy: connecting to ${host}:${port}\n`);
const socket = connect(Number(port), host);
socket.on('error', (error) => {
  process.stderr.write(`pipe-proxy: ${error.message}\n`);
  process.exit(2);
});
process.stdin.pipe(socket);
socket.pipe(process.stdout);
socket.on('close', () => process.exit(0));
