// Opens the SFTP channel of a file browser and reads the login folder, with
// the connection's reply deadline on each wait. Once the login is accepted,
// ssh2 has no timer of its own: a server that never answers the subsystem
// request (keepalives are still answered) would leave the tab loading for
// ever. Closing the connection (the tab, files:close) ends the wait at once.
import type { SFTPWrapper } from 'ssh2';
import { AppError } from '../errors/app-error';
import { seconds, withDeadline } from '../connections/deadline';
import type { SshConnection } from '../connections/ssh-connection';
import { sftpOpenError } from '../sftp/sftp-errors';
import { realpath } from '../sftp/remote-fs';

export async function openSftp(connection: SshConnection, host: string): Promise<{ sftp: SFTPWrapper; home: string }> {
  const ms = connection.replyTimeoutMs;
  const lost = () => (connection.closed ? (connection.signal.reason instanceof AppError ? connection.signal.reason.message : null) : null);
  let sftp: SFTPWrapper;
  try {
    sftp = await withDeadline<SFTPWrapper>((done) => connection.client.sftp(done), {
      ms,
      signal: connection.signal,
      timeout: () =>
        new AppError(
          'timeout',
          `${host} accepted the login but did not start the file transfer (SFTP) subsystem within ${seconds(ms)}. The server may be overloaded or its SFTP server stuck; try again, and if it keeps happening check the server's "Subsystem sftp" setting.`,
        ),
      late: (channel) => channel.end(),
    });
  } catch (error) {
    throw sftpOpenError(error, host, lost());
  }
  try {
    const home = await withDeadline<string>((done) => realpath(sftp, '.').then((path) => done(null, path), done), {
      ms,
      signal: connection.signal,
      timeout: () => new AppError('timeout', `${host} started SFTP but did not say which folder to open (its answer to "where am I?") within ${seconds(ms)}. Try again; the server may be overloaded.`),
    });
    return { sftp, home };
  } catch (error) {
    sftp.end();
    if (error instanceof AppError && error.code === 'connection-lost') throw sftpOpenError(error, host, lost());
    throw error;
  }
}
