// A local forward's listen address: a name listens on every address it
// resolves to (as ssh does for `localhost` = 127.0.0.1 and ::1), on one port.
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { canBind } from '../../test-support/net';
import { listenLocal } from './listen';

const open: Server[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => new Promise((r) => s.close(r))));
});
/** Keeps the servers for closing; accepted sockets (paused, half-open) are dropped so close() can finish. */
const keep = (servers: Server[]) => {
  for (const server of servers) server.on('connection', (socket) => socket.destroy());
  open.push(...servers);
  return servers;
};
const portOf = (server: Server) => (server.address() as AddressInfo).port;
const accepts = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port }).once('connect', () => (socket.destroy(), resolve(true))).once('error', () => resolve(false));
  });
const hasIpv6 = await canBind(0, '::1');
const names = (...addresses: string[]) => async () => addresses;

describe('listenLocal', () => {
  it.skipIf(!hasIpv6)('"localhost" listens on 127.0.0.1 and ::1 as ssh does, even where /etc/hosts lists only one (skipped without ::1)', async () => {
    const servers = keep(await listenLocal('localhost', 0, () => {}, names('127.0.0.1')));
    const port = portOf(servers[0]!);
    expect([await accepts('127.0.0.1', port), await accepts('::1', port)]).toEqual([true, true]);
  });

  it.skipIf(!hasIpv6)('a name with an IPv4 and an IPv6 address listens on both, on the port the first one got (skipped without ::1)', async () => {
    const servers = keep(await listenLocal('dual-loopback', 0, () => {}, names('127.0.0.1', '::1')));
    expect(servers).toHaveLength(2);
    const port = portOf(servers[0]!);
    expect(servers.map(portOf)).toEqual([port, port]);
    expect([await accepts('127.0.0.1', port), await accepts('::1', port)]).toEqual([true, true]);
  });

  it.skipIf(!hasIpv6)('the port in use on the second address fails the whole listen and frees the first (skipped without ::1)', async () => {
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '::1', r));
    open.push(holder);
    const port = portOf(holder);
    const error = await listenLocal('dual-loopback', port, () => {}, names('127.0.0.1', '::1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('port-in-use');
    expect(await canBind(port, '127.0.0.1')).toBe(true);
  });

  it('an address this machine does not have is passed over with a note, as long as another listens', async () => {
    const notes: string[] = [];
    // 192.0.2.1 is TEST-NET-1: never an address of this machine, so binding it fails with EADDRNOTAVAIL.
    const servers = keep(await listenLocal('half-here', 0, (m) => notes.push(m), names('127.0.0.1', '192.0.2.1')));
    expect(servers).toHaveLength(1);
    expect(await accepts('127.0.0.1', portOf(servers[0]!))).toBe(true);
    expect(notes).toEqual([expect.stringContaining(`Not listening on 192.0.2.1:${portOf(servers[0]!)}: this machine cannot bind that address`)]);
  });

  it('a name that resolves to no address of this machine says so', async () => {
    const error = await listenLocal('elsewhere', 0, () => {}, names('192.0.2.1')).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('bind-address-unavailable');
    expect((error as AppError).message).toContain('elsewhere is not an address of this machine');
  });
});
