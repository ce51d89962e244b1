// The e2e harness: serves the built renderer over http on 127.0.0.1 and gives
// it `window.warren` through the WebSocket bridge to the real services. Run:
//   WARREN_DATA_DIR=/tmp/some-dir tsx e2e/harness/server.ts
// It prints `WARREN_HARNESS_URL=<url>` once ready; the URL carries the token.
// The page's `window.warren` comes from bridge-client.ts, built for tests only
// (bridge-build.ts) and served under /__harness/: out/renderer has no bridge.
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServices } from '../../src-main/app/services';
import { Hub } from '../../src-main/ipc/hub';
import { createRouter } from '../../src-main/ipc/router';
import { attachWsBridge, newBridgeToken } from '../../src-main/ipc/ws-bridge';
import { keyFileSecretBox } from '../../src-main/secrets/secret-box';
import { openConfStore } from '../../src-main/settings/settings-store';
import { buildBridgeClient } from './bridge-build';

const root = process.env.WARREN_RENDERER_OUT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out/renderer');
const dataDir = process.env.WARREN_DATA_DIR;
if (!dataDir) {
  console.error('Set WARREN_DATA_DIR to a folder for this run’s settings.');
  process.exit(2);
}

// Playwright's global setup builds the client once per run; a harness started by hand builds its own.
const bridgeClient = process.env.WARREN_BRIDGE_CLIENT ?? (await buildBridgeClient('standalone'));
const bridgeFiles: Record<string, string> = {
  '/__harness/bridge-client.js': bridgeClient,
  '/__harness/bridge-client.js.map': `${bridgeClient}.map`,
};

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

const { store, notices } = openConfStore(dataDir);
const hub = new Hub();
const services = createServices({
  store,
  secrets: keyFileSecretBox(dataDir),
  hub,
  version: 'e2e',
  notices,
  readyTimeoutMs: 10_000,
  // The harness never reads or writes the developer's ~/.ssh or ssh-agent.
  knownHosts: { readFiles: [], ownFile: path.join(dataDir, 'known_hosts') },
  agentSocket: process.env.WARREN_AGENT_SOCK ?? null,
  log: (line) => console.error(line),
});
const router = createRouter(services.handlers, (line) => console.error(line));
const token = newBridgeToken();

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  try {
    if (url.pathname === '/' || url.pathname === '/index.html') {
      if (url.searchParams.get('t') !== token) return send(res, 403, 'token required');
      let html = await readFile(path.join(root, 'index.html'), 'utf8');
      const bridge = `ws://127.0.0.1:${port()}/bridge?token=${token}`;
      // The page's own CSP allows no sockets; the harness page may reach its bridge only.
      html = html.replace("connect-src 'self'", `connect-src 'self' ws://127.0.0.1:${port()}`);
      html = html.replace(
        '<title>',
        `<meta name="warren-bridge" content="${bridge}" />\n    <script type="module" src="./__harness/bridge-client.js"></script>\n    <title>`,
      );
      return send(res, 200, html, types['.html']);
    }
    const harnessFile = bridgeFiles[url.pathname];
    if (harnessFile) return send(res, 200, await readFile(harnessFile), types[path.extname(harnessFile)]);
    const file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
    if (!file.startsWith(root + path.sep)) return send(res, 404, 'not found');
    const body = await readFile(file);
    return send(res, 200, body, types[path.extname(file)] ?? 'application/octet-stream');
  } catch {
    return send(res, 404, 'not found');
  }
});

const port = () => (server.address() as { port: number }).port;

server.listen(Number(process.env.WARREN_HARNESS_PORT ?? 0), '127.0.0.1', () => {
  attachWsBridge({ server, router, hub, token, origin: `http://127.0.0.1:${port()}`, log: (line) => console.error(line) });
  console.log(`WARREN_HARNESS_URL=http://127.0.0.1:${port()}/?t=${token}`);
});

const shutdown = () => {
  server.close();
  server.closeAllConnections();
  void services.dispose().finally(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
