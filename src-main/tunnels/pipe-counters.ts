// Joins one TCP socket to one SSH channel: bytes both ways with backpressure
// (the faster side is paused), half-close carried across (a FIN
// becomes a channel EOF and back, as OpenSSH does), byte counting, and a
// teardown that leaves neither side open when the other is gone.
import type { Socket } from 'node:net';
import type { Channel } from 'ssh2';
import type { SendGate } from './send-gate';

export interface SpliceOptions {
  /** Which end is the program that connected to the tunnel (for the byte directions in ForwardStats). */
  client: 'socket' | 'channel';
  /** Client bytes that arrived before the channel existed (a SOCKS client that did not wait). */
  early?: Buffer;
  /** Called with each chunk's size: `out` = client → destination, `in` = destination → client. */
  onBytes(direction: 'in' | 'out', bytes: number): void;
  /** Called once, when both ends are closed (or were cut). */
  onClosed(): void;
  /** Pauses the socket while the SSH connection has too much queued (shared by all its forwards). */
  gate: SendGate;
}

export interface Splice {
  /** Cuts both ends now (no flushing). */
  kill(): void;
}

export function splice(socket: Socket, channel: Channel, options: SpliceOptions): Splice {
  let socketClosed = socket.destroyed;
  let channelClosed = false;
  let finished = false;
  const finish = () => {
    if (finished || !socketClosed || !channelClosed) return;
    finished = true;
    options.onClosed();
  };

  const closeChannel = () => {
    if (channelClosed) return;
    channelClosed = true;
    try {
      // ssh2's Channel.close sends CHANNEL_CLOSE; resume lets its readable side
      // end, without which ssh2 would hold the channel's 'close' back.
      channel.close();
      channel.resume();
    } catch {
      // The SSH connection is already gone: nothing to tell the server.
    }
  };
  const killSocket = () => {
    socket.destroy();
    socketClosed = true;
  };

  socket.setNoDelay(true);
  const fromSocket = options.client === 'socket' ? 'out' : 'in';
  const fromChannel = options.client === 'socket' ? 'in' : 'out';
  channel.on('data', (chunk: Buffer) => options.onBytes(fromChannel, chunk.length));
  if (options.early && options.early.length > 0) {
    options.onBytes(fromSocket, options.early.length);
    channel.write(options.early);
  }
  pumpIntoChannel(socket, channel, options.gate, () => !channelClosed, (n) => options.onBytes(fromSocket, n));
  // Into the socket, plain pipe: the channel's window already stops the server when the socket is slow.
  channel.pipe(socket);

  socket.on('error', () => {
    // 'close' follows with hadError; the reset is passed on there.
  });
  socket.once('close', (hadError: boolean) => {
    socketClosed = true;
    if (hadError) closeChannel();
    else if (!channelClosed) {
      // The socket ended cleanly: its last bytes may still wait for channel
      // window, so close the channel only once they have been sent.
      channel.end();
      if (channel.writableFinished) closeChannel();
      else channel.once('finish', closeChannel);
      // Nothing can take what the channel still sends; drain it so it can end.
      channel.resume();
    }
    finish();
  });

  channel.on('error', () => {
    closeChannel();
    killSocket();
  });
  channel.once('close', () => {
    channelClosed = true;
    if (!socketClosed) {
      // Flush what the channel delivered, then close: the far side is gone, so
      // anything the client still sends has nowhere to go.
      socket.end();
      socket.resume();
      if (socket.writableFinished) killSocket();
      else socket.once('finish', killSocket);
    }
    finish();
  });

  return {
    kill: () => {
      killSocket();
      closeChannel();
      finish();
    },
  };
}

/**
 * socket → channel, like pipe() (pause on the channel's backpressure, end it
 * on the socket's FIN), but also paused while the SSH socket itself is full.
 */
function pumpIntoChannel(socket: Socket, channel: Channel, gate: SendGate, channelOpen: () => boolean, count: (n: number) => void): void {
  let channelFull = false;
  let gateShut = false;
  const resume = () => {
    if (!channelFull && !gateShut && !socket.destroyed) socket.resume();
  };
  socket.on('data', (chunk: Buffer) => {
    count(chunk.length);
    // The channel may already be closed; what still arrives has nowhere to go.
    if (!channelOpen() || channel.writableEnded) return;
    if (!channel.write(chunk)) {
      channelFull = true;
      socket.pause();
      channel.once('drain', () => ((channelFull = false), resume()));
    }
    if (gate.full() && !gateShut) {
      gateShut = true;
      socket.pause();
      gate.whenOpen(() => ((gateShut = false), resume()));
    }
  });
  const onEnd = () => {
    if (!channel.writableEnded) channel.end();
  };
  // A SOCKS client may have sent its FIN during the handshake, before we got here.
  if (socket.readableEnded) onEnd();
  else socket.once('end', onEnd);
  socket.resume();
}
