// What src-main/ssh2-internals assumes about ssh2's private fields, by name,
// and which of them an accessor found broken in this process so far. Shared by
// the accessors (ssh2-internals.ts) and direct SFTP reads (sftp-direct-reads.ts).

/** What we assume about ssh2, by name; the text is what the test reports when one breaks. */
export const ASSUMPTIONS = {
  clientSocket: 'Client._sock is the connection stream (writable, writableLength, once, cork, uncork)',
  socketEnded: "Client._sock._readableState.ended is a boolean (ssh2's isWritable check)",
  sftpLimits: 'SFTP._maxReadLen and SFTP._maxWriteLen are positive numbers',
  sftpSocket: 'SFTP._client is its Client, whose _sock is the connection stream',
  sftpReadable: 'SFTP.readable is a boolean that turns false when the channel ends',
  channelCounters: 'channel.incoming.window is a number and channel.outgoing has a numeric id and a state',
  windowAdjust: 'channel._client._protocol.channelWindowAdjust(id, amount) is a function',
  channelPush: 'channel.push(data) is a function ssh2 calls for each CHANNEL_DATA',
  sftpParser: "SFTP.push on the prototype parses replies that arrive in any chunking, and SFTP._requests maps a request id to { cb, buffer }, a read's buffer being where ssh2 copies its DATA reply before cb(undefined, buffer, bytes)",
  readBuffer: "a channel's stream keeps its highWaterMark in _readableState.highWaterMark (ssh2 stops window adjusts while push returns false)",
  sessionOpen: 'client._protocol.session(localChannel, window, packetSize) sends a session channel open, called at once by client.shell and client.exec',
} as const;

export type Ssh2Assumption = keyof typeof ASSUMPTIONS;

const missed = new Set<Ssh2Assumption>();

/** Assumptions an accessor found broken in this process so far (each is being worked around). */
export function missedSsh2Internals(): string[] {
  return [...missed].map((name) => ASSUMPTIONS[name]);
}

/** Records that an accessor found `name` broken and fell back. */
export function miss(name: Ssh2Assumption): undefined {
  missed.add(name);
  return undefined;
}

export function field(owner: unknown, name: string): unknown {
  return typeof owner === 'object' && owner !== null ? (owner as Record<string, unknown>)[name] : undefined;
}
