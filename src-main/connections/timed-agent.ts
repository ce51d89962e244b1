// An ssh-agent whose every request has a deadline. ssh2's own agent waits
// for an answer for ever: an agent that accepts the connection and then hangs
// (a stuck gpg-agent, a forwarded socket whose far end is gone) would leave
// the login, or the agent's key list, waiting with nothing on screen.
import type { Duplex } from 'node:stream';
import ssh2, { type BaseAgent, type ParsedKey } from 'ssh2';
import { AppError } from '../errors/app-error';
import { seconds, withDeadline } from './deadline';
import { agentKeys, requestIdentities } from './agent-identities';
import { agentSigningKey } from '../ssh2-internals/certificate-auth';

type Key = string | Buffer | ParsedKey;
type StreamCallback = (error: Error | undefined, stream?: Duplex) => void;
interface InnerAgent {
  getIdentities(cb: (error: Error | undefined, keys?: Key[]) => void): void;
  sign(key: Key, data: Buffer, options: object, cb: (error: Error | undefined, signature?: Buffer) => void): void;
  getStream?(cb: StreamCallback): void;
}

/** The error for an agent that did not answer; ssh2 marks agent errors with level 'agent'. */
export function agentTimeout(socket: string, what: string, ms: number): AppError {
  const error = new AppError('timeout', `The ssh-agent at ${socket} did not answer ${what} within ${seconds(ms)}. Check that the agent is running and unlocked (ssh-add -l), or restart it.`);
  return Object.assign(error, { level: 'agent' });
}

export class TimedAgent extends (ssh2.BaseAgent as unknown as new () => BaseAgent) {
  private readonly inner: InnerAgent;
  /** Streams to the agent opened by the request in flight, destroyed when it runs out of time. */
  private readonly streams = new Set<Duplex>();

  constructor(
    readonly socket: string,
    private readonly ms: number,
    /** PubkeyAcceptedAlgorithms and IdentitiesOnly: keys it refuses are not offered. */
    private readonly accepts: (key: ParsedKey) => boolean = () => true,
  ) {
    super();
    this.inner = ssh2.createAgent(socket) as unknown as InnerAgent;
    const getStream = this.inner.getStream?.bind(this.inner);
    // ssh2's agent opens one stream per request through getStream: keep hold of them.
    if (getStream) {
      this.inner.getStream = (cb) =>
        getStream((error, stream) => {
          if (stream) {
            this.streams.add(stream);
            stream.once('close', () => this.streams.delete(stream));
          }
          cb(error, stream);
        });
    }
  }

  getIdentities(cb: (error: Error | undefined, keys?: Key[]) => void): void {
    this.timed<Key[]>('the request for its keys', (done) => this.listKeys(done)).then(
      (keys) => cb(undefined, keys.filter((key) => typeof key !== 'object' || Buffer.isBuffer(key) || this.accepts(key))),
      (error: Error) => cb(error),
    );
  }

  sign(key: Key, data: Buffer, options: object | ((error: Error | undefined, signature?: Buffer) => void), cb?: (error: Error | undefined, signature?: Buffer) => void): void {
    const callback = typeof options === 'function' ? options : cb!;
    const opts = typeof options === 'function' ? {} : options;
    // A certificate is signed for by the key it certifies; the agent finds that key by the certificate.
    const signer = typeof key === 'object' && !Buffer.isBuffer(key) ? agentSigningKey(key) : { key, options: {} };
    this.timed<Buffer>('the request to sign the login', (done) => this.inner.sign(signer.key, data, { ...opts, ...signer.options }, done)).then((signature) => callback(undefined, signature), (error: Error) => callback(error));
  }

  /** The agent's keys with its certificates, which ssh2's own list leaves out; ssh2's list where no stream can be opened. */
  private listKeys(done: (error: unknown, keys?: Key[]) => void): void {
    if (!this.inner.getStream) return this.inner.getIdentities(done);
    this.inner.getStream((error, stream) => {
      // Agents without a stream of their own (Pageant) list their keys ssh2's way.
      if (error || !stream) return this.inner.getIdentities(done);
      requestIdentities(stream).then((identities) => done(undefined, agentKeys(identities)), done);
    });
  }

  /** For agent forwarding: the channel's own user does the waiting, so no deadline here. */
  override getStream(cb: StreamCallback): void {
    if (!this.inner.getStream) return cb(new Error('This agent cannot be forwarded.'));
    this.inner.getStream(cb);
  }

  private timed<T>(what: string, run: (done: (error: unknown, value?: T) => void) => void): Promise<T> {
    return withDeadline<T>(run, {
      ms: this.ms,
      timeout: () => agentTimeout(this.socket, what, this.ms),
      giveUp: () => {
        for (const stream of this.streams) stream.destroy();
        this.streams.clear();
      },
    });
  }
}
