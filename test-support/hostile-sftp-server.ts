// Test fixture: ssh2's own Server with an SFTP subsystem over an in-memory
// tree, playing a hostile or broken server that a real sshd cannot: a folder
// that lists itself, names with '/' or '..', a listing that answers slowly,
// and a connection that drops in the middle of a listing. It is a real SSH
// server (ssh2's Server class), not a mock of the client.
import type { Server as NetServer, Socket } from 'node:net';
import ssh2, { type Client, type Connection, type SFTPWrapper } from 'ssh2';
import { generateHostKey } from './ssh2-server';

const { STATUS_CODE } = ssh2.utils.sftp;

export type VNode = { kind: 'dir'; entries: Map<string, VNode>; real: string } | { kind: 'file'; data: Buffer };

export interface HostileOptions {
  /** Delay before each READDIR answer, in ms. */
  readdirDelayMs?: number;
  /** Destroy the TCP connection when a folder at this path is read. */
  dropOnReaddir?: string;
  /** REALPATH answers the path it was given (a server that does not resolve), instead of the folder's real path. */
  lyingRealpath?: boolean;
}

export interface HostileServer {
  port: number;
  root: VNode & { kind: 'dir' };
  /** Folders listed (OPENDIR) so far, by path. */
  opened: string[];
  connect(): Promise<{ client: Client; sftp: SFTPWrapper }>;
  close(): Promise<void>;
}

export function dir(real: string, entries: Record<string, VNode> = {}): VNode & { kind: 'dir' } {
  return { kind: 'dir', real, entries: new Map(Object.entries(entries)) };
}

export function file(data: Buffer | string): VNode {
  return { kind: 'file', data: Buffer.from(data) };
}

/** Resolves a path by its '/'-separated parts; a name with '/' in it is therefore reachable only by listing. */
function lookup(root: VNode, path: string): VNode | undefined {
  let node: VNode | undefined = root;
  for (const part of path.split('/').filter((p) => p && p !== '.')) {
    if (node?.kind !== 'dir') return undefined;
    node = node.entries.get(part);
  }
  return node;
}

function attrsOf(node: VNode) {
  const now = Math.floor(Date.now() / 1000);
  return node.kind === 'dir'
    ? { mode: 0o040755, uid: 1000, gid: 1000, size: 4096, atime: now, mtime: now }
    : { mode: 0o100644, uid: 1000, gid: 1000, size: node.data.length, atime: now, mtime: now };
}

export async function startHostileServer(root: VNode & { kind: 'dir' }, options: HostileOptions = {}): Promise<HostileServer> {
  const clients = new Set<Connection>();
  const opened: string[] = [];
  const server = new ssh2.Server({ hostKeys: [generateHostKey()] }, (conn) => {
    clients.add(conn);
    conn.on('close', () => clients.delete(conn));
    conn.on('error', () => {});
    conn.on('authentication', (ctx) => ctx.accept());
    conn.on('ready', () => {
      conn.on('session', (acceptSession) => {
        acceptSession().on('sftp', (accept) => serveSftp(conn, accept(), root, options, opened));
      });
    });
  });
  // OpenSSH's sshd sets TCP_NODELAY; ssh2's Server leaves Nagle on, which holds a pipelined answer until the client's delayed ACK.
  (server as unknown as { _srv: NetServer })._srv.on('connection', (socket: Socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    root,
    opened,
    connect: () =>
      new Promise((resolve, reject) => {
        const client = new ssh2.Client();
        client.once('error', reject);
        client.once('ready', () => {
          client.off('error', reject);
          client.on('error', () => {});
          client.sftp((error, sftp) => (error ? reject(error) : resolve({ client, sftp })));
        });
        client.connect({ host: '127.0.0.1', port, username: 'tester', readyTimeout: 10_000 });
        // As Warren's own connections do (ssh-connection.ts): with Nagle on, pipelined requests wait for the server's delayed ACK.
        client.setNoDelay(true);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.end();
        server.close(() => resolve());
      }),
  };
}

function serveSftp(conn: Connection, s: SFTPWrapper, root: VNode, options: HostileOptions, opened: string[]): void {
  const handles = new Map<number, { node: VNode; path: string; listed: boolean }>();
  let nextHandle = 0;
  const handleOf = (buf: Buffer) => handles.get(buf.readUInt32BE(0));
  const newHandle = (node: VNode, path: string) => {
    const buf = Buffer.alloc(4);
    buf.writeUInt32BE(++nextHandle);
    handles.set(nextHandle, { node, path, listed: false });
    return buf;
  };
  s.on('REALPATH', (reqid: number, path: string) => {
    const node = lookup(root, path);
    const real = !options.lyingRealpath && node?.kind === 'dir' ? node.real : path.startsWith('/') ? path : `/${path}`;
    s.name(reqid, [{ filename: real, longname: real, attrs: attrsOf(dir(real)) }]);
  });
  const statOf = (reqid: number, path: string) => {
    const node = lookup(root, path);
    if (!node) return s.status(reqid, STATUS_CODE.NO_SUCH_FILE);
    s.attrs(reqid, attrsOf(node));
  };
  s.on('STAT', statOf);
  s.on('LSTAT', statOf);
  s.on('OPENDIR', (reqid: number, path: string) => {
    const node = lookup(root, path);
    if (node?.kind !== 'dir') return s.status(reqid, STATUS_CODE.NO_SUCH_FILE);
    opened.push(path);
    s.handle(reqid, newHandle(node, path));
  });
  s.on('READDIR', (reqid: number, buf: Buffer) => {
    const h = handleOf(buf);
    if (!h || h.node.kind !== 'dir') return s.status(reqid, STATUS_CODE.FAILURE);
    if (options.dropOnReaddir === h.path) {
      // As a network failure or a crashed server would: no SSH disconnect, the TCP connection just goes.
      (conn as unknown as { _sock: Socket })._sock.destroy();
      return;
    }
    const answer = () => {
      if (h.listed) return s.status(reqid, STATUS_CODE.EOF);
      h.listed = true;
      const names = [...h.node.kind === 'dir' ? h.node.entries : []].map(([filename, node]) => ({ filename, longname: filename, attrs: attrsOf(node) }));
      s.name(reqid, names);
    };
    if (options.readdirDelayMs) setTimeout(answer, options.readdirDelayMs);
    else answer();
  });
  s.on('OPEN', (reqid: number, path: string) => {
    const node = lookup(root, path);
    if (node?.kind !== 'file') return s.status(reqid, STATUS_CODE.NO_SUCH_FILE);
    s.handle(reqid, newHandle(node, path));
  });
  s.on('FSTAT', (reqid: number, buf: Buffer) => {
    const h = handleOf(buf);
    if (!h) return s.status(reqid, STATUS_CODE.FAILURE);
    s.attrs(reqid, attrsOf(h.node));
  });
  s.on('READ', (reqid: number, buf: Buffer, offset: number, length: number) => {
    const h = handleOf(buf);
    if (h?.node.kind !== 'file') return s.status(reqid, STATUS_CODE.FAILURE);
    if (offset >= h.node.data.length) return s.status(reqid, STATUS_CODE.EOF);
    s.data(reqid, h.node.data.subarray(offset, offset + length));
  });
  s.on('CLOSE', (reqid: number, buf: Buffer) => {
    handles.delete(buf.readUInt32BE(0));
    s.status(reqid, STATUS_CODE.OK);
  });
}
