// The SOCKS handshake on its own: a loopback server that runs readSocksRequest
// and reports what it parsed, fed by a raw client in whole, split and
// byte-by-byte pieces. What lands is checked: the parsed request and the
// bytes the client gets back.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipv6Text, readSocksRequest, socks5CodeForOpenFailure, SocksRefused, type SocksRequest } from './socks';
import { bytewise, rawClient } from '../../test-support/net';

let server: Server;
let port: number;
/** What the server made of each connection, in order. */
const outcomes: { resolve: (o: SocksRequest | SocksRefused) => void }[] = [];
const pending: (SocksRequest | SocksRefused)[] = [];

const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    readSocksRequest(socket, 2_000).then(
      (request) => {
        // Echo the early bytes back so the test sees them land; then hang up.
        socket.end(Buffer.concat([Buffer.from('OK:'), request.early]));
        report(request);
      },
      (error: SocksRefused) => {
        // As the forward does: a refusal that owes no reply just hangs up.
        if (!socket.writableEnded) socket.destroy();
        report(error);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function report(outcome: SocksRequest | SocksRefused): void {
  const waiter = outcomes.shift();
  if (waiter) waiter.resolve(outcome);
  else pending.push(outcome);
}
function nextOutcome(): Promise<SocksRequest | SocksRefused> {
  const ready = pending.shift();
  if (ready) return Promise.resolve(ready);
  return new Promise((resolve) => outcomes.push({ resolve }));
}

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const GREETING = hex('05 01 00');
const CONNECT_V4 = hex('05 01 00 01 7f000001 1f90'); // 127.0.0.1:8080

describe('SOCKS5', () => {
  it.each([
    ['whole', [Buffer.concat([GREETING, CONNECT_V4])]],
    ['one byte at a time', bytewise(Buffer.concat([GREETING, CONNECT_V4]))],
  ])('parses CONNECT to an IPv4 address sent %s', async (_, pieces) => {
    const client = await rawClient(port);
    await client.send(pieces);
    expect(await nextOutcome()).toMatchObject({ version: 5, host: '127.0.0.1', port: 8080 });
    await client.closed;
    expect(client.received().toString('hex')).toBe('0500' + Buffer.from('OK:').toString('hex'));
  });

  it('passes a domain name on as text, unresolved', async () => {
    const client = await rawClient(port);
    const name = Buffer.from('db.internal.example');
    await client.send(bytewise(Buffer.concat([GREETING, hex('05 01 00 03'), Buffer.from([name.length]), name, hex('01bb')])));
    expect(await nextOutcome()).toMatchObject({ version: 5, host: 'db.internal.example', port: 443 });
  });

  it('writes IPv6 addresses in RFC 5952 form', async () => {
    const client = await rawClient(port);
    await client.send([GREETING, hex('05 01 00 04 00000000000000000000000000000001 0016')]);
    expect(await nextOutcome()).toMatchObject({ host: '::1', port: 22 });
    expect(ipv6Text(hex('20010db8000000000000ff0000420329'))).toBe('2001:db8::ff00:42:329');
    expect(ipv6Text(hex('20010db8000100000001000100010001'))).toBe('2001:db8:1:0:1:1:1:1');
    expect(ipv6Text(hex('00000000000000000000000000000000'))).toBe('::');
  });

  it('keeps bytes the client sent right after its request', async () => {
    const client = await rawClient(port);
    await client.send([Buffer.concat([GREETING, CONNECT_V4, Buffer.from('GET / HTTP/1.0\r\n\r\n')])]);
    expect(await nextOutcome()).toMatchObject({ early: Buffer.from('GET / HTTP/1.0\r\n\r\n') });
    await client.closed;
    expect(client.received().subarray(2).toString()).toBe('OK:GET / HTTP/1.0\r\n\r\n');
  });

  it('answers 0xFF to a greeting without "no authentication", then closes', async () => {
    const client = await rawClient(port);
    await client.send([hex('05 02 01 02')]); // GSSAPI, username/password
    expect(await nextOutcome()).toBeInstanceOf(SocksRefused);
    await client.closed;
    expect(client.received().toString('hex')).toBe('05ff');
  });

  it.each([
    ['BIND', 2],
    ['UDP ASSOCIATE', 3],
  ])('answers %s with 0x07 (command not supported)', async (name, command) => {
    const client = await rawClient(port);
    await client.send(bytewise(Buffer.concat([GREETING, hex(`05 0${command} 00 01 7f000001 0050`)])));
    const outcome = await nextOutcome();
    expect(outcome).toBeInstanceOf(SocksRefused);
    expect((outcome as Error).message).toContain(name);
    await client.closed;
    expect(client.received().toString('hex')).toBe('0500' + '05070001000000000000');
  });

  it('answers an unknown address type with 0x08', async () => {
    const client = await rawClient(port);
    await client.send([GREETING, hex('05 01 00 09 01 02')]);
    expect(await nextOutcome()).toBeInstanceOf(SocksRefused);
    await client.closed;
    expect(client.received().subarray(2, 4).toString('hex')).toBe('0508');
  });
});

describe('SOCKS4 and 4a', () => {
  it('parses SOCKS4 CONNECT with a user id, one byte at a time', async () => {
    const client = await rawClient(port);
    await client.send(bytewise(hex('04 01 0050 7f000001 616c69636500'))); // user "alice"
    expect(await nextOutcome()).toMatchObject({ version: 4, host: '127.0.0.1', port: 80 });
  });

  it('parses SOCKS4a: 0.0.0.x then a host name after the user id', async () => {
    const client = await rawClient(port);
    await client.send([hex('04 01 0050 00000001 00'), Buffer.from('localhost\0')]);
    expect(await nextOutcome()).toMatchObject({ version: 4, host: 'localhost', port: 80 });
  });

  it('answers BIND with 0x5B', async () => {
    const client = await rawClient(port);
    await client.send([hex('04 02 0050 7f000001 00')]);
    expect(await nextOutcome()).toBeInstanceOf(SocksRefused);
    await client.closed;
    expect(client.received().toString('hex')).toBe('005b000000000000');
  });

  it('gives up on a user id that never ends', async () => {
    const client = await rawClient(port);
    await client.send([hex('04 01 0050 7f000001'), Buffer.alloc(300, 0x41)]);
    expect(await nextOutcome()).toBeInstanceOf(SocksRefused);
  });
});

describe('garbage and silence', () => {
  it('refuses a non-SOCKS first byte without answering', async () => {
    const client = await rawClient(port);
    await client.send([Buffer.from('GET / HTTP/1.1\r\n\r\n')]);
    const outcome = await nextOutcome();
    expect(outcome).toBeInstanceOf(SocksRefused);
    expect((outcome as SocksRefused).silent).toBe(false);
    expect(client.received().length).toBe(0);
  });

  it('gives up on a request cut short by the client, and tells a silent probe apart', async () => {
    const cut = await rawClient(port);
    await cut.send([GREETING, hex('05 01')]);
    cut.socket.end();
    expect(await nextOutcome()).toMatchObject({ silent: false });

    const probe = await rawClient(port);
    probe.socket.end();
    expect(await nextOutcome()).toMatchObject({ silent: true });
  });

  it('times out a client that stops half-way', async () => {
    const client = await rawClient(port);
    await client.send([GREETING]);
    const outcome = await nextOutcome();
    expect((outcome as Error).message).toMatch(/no complete SOCKS request within 2 s/);
    client.socket.destroy();
  });
});

describe('reply codes for a failed channel open', () => {
  it.each([
    [{ reason: 1, message: '(SSH) Channel open failure: open failed' }, 0x02],
    [{ reason: 2, message: '(SSH) Channel open failure: Connection refused' }, 0x05],
    [{ reason: 2, message: '(SSH) Channel open failure: No route to host' }, 0x04],
    [{ reason: 2, message: '(SSH) Channel open failure: Name or service not known' }, 0x04],
    [{ reason: 2, message: '(SSH) Channel open failure: Network is unreachable' }, 0x03],
    [{ reason: 4, message: 'resource shortage' }, 0x01],
    [new Error('No response from server'), 0x01],
  ])('%o → %i', (error, code) => {
    expect(socks5CodeForOpenFailure(error)).toBe(code);
  });
});
