// "Open files here" when the shell does not report its folder (OSC 7): asks
// the server, over an exec channel on the terminal's own connection, where
// that connection's interactive shell is. Nothing is installed or changed on
// the server; it needs a Linux-style /proc and GNU grep (stock Debian/Ubuntu).
//
// How: every channel of one SSH connection gets the same SSH_CONNECTION
// (client and server address and port), and each terminal has a connection of
// its own. The user's processes with that SSH_CONNECTION and an SSH_TTY belong
// to the terminal's pty; its session leader is the login shell. The folder is
// that of the tty's foreground job if it can be read (the shell itself, at a
// prompt), else the login shell's.
//
// Limits: a shell that became another user (`su`, `sudo -s`) cannot be read, so
// the login shell's folder is used; a shell inside tmux/screen is not the
// connection's, so the folder where tmux was started is used; servers without
// /proc (macOS, BSD) answer with an error that says to use OSC 7.
import type { Client, ClientChannel } from 'ssh2';
import { AppError } from '../errors/app-error';
import { seconds, withDeadline } from '../connections/deadline';

// One line, no single quotes: it goes through the login shell (bash, zsh, even
// fish or tcsh) as `sh -c '…'`.
const SCRIPT = [
  '[ -d /proc/self ] || { echo no-proc; exit 0; }',
  '[ -n "$SSH_CONNECTION" ] || { echo no-connection; exit 0; }',
  'best=; fg=',
  'for f in $(grep -lzxF -e "SSH_CONNECTION=$SSH_CONNECTION" /proc/[0-9]*/environ 2>/dev/null); do ' +
    'grep -qzx -e "SSH_TTY=.*" "$f" 2>/dev/null || continue; ' +
    'd=${f%/environ}; p=${d#/proc/}; ' +
    's=$(cat "$d/stat" 2>/dev/null) || continue; ' +
    's=${s##*) }; set -- $s; ' +
    // Fields after the command name: state ppid pgrp session tty_nr tpgid. The login shell leads its session.
    '[ "$4" = "$p" ] || continue; ' +
    'if [ -z "$best" ] || [ "$p" -lt "$best" ]; then best=$p; fg=$6; fi; ' +
    'done',
  '[ -n "$best" ] || { echo no-shell; exit 0; }',
  'w=; [ "${fg:-0}" -gt 0 ] 2>/dev/null && w=$(readlink "/proc/$fg/cwd" 2>/dev/null)',
  '[ -n "$w" ] || w=$(readlink "/proc/$best/cwd" 2>/dev/null)',
  '[ -n "$w" ] || { echo no-cwd; exit 0; }',
  'printf "cwd:%s\\n" "$w"',
].join('; ');

export const SHELL_CWD_COMMAND = `sh -c '${SCRIPT}'`;

const WHY: Record<string, string> = {
  'no-proc': 'the server has no /proc (it is not Linux), so Warren cannot see where the shell is',
  'no-connection': 'the server does not set SSH_CONNECTION, so Warren cannot tell which shell is this terminal',
  'no-shell': "Warren could not find this terminal's shell among your processes on the server",
  'no-cwd': "Warren could not read the shell's folder on the server",
};
const HINT = 'Make the shell report its folder (OSC 7; see the README), or go to the folder in the Files tab.';

/** Parses what the script printed: the folder, or an error that says why not. */
export function parseShellCwd(output: string): string {
  const line = output.split('\n').find((l) => l.startsWith('cwd:') || WHY[l.trim()]);
  if (line?.startsWith('cwd:')) {
    // A folder removed under the shell reads as "/path (deleted)".
    const cwd = line.slice(4).replace(/ \(deleted\)$/, '');
    if (cwd.startsWith('/')) return cwd;
  }
  const why = line ? WHY[line.trim()] : `the server's answer was not understood${output.trim() ? ` (“${output.trim().slice(0, 120)}”)` : ''}`;
  throw new AppError('unsupported', `Could not find the terminal's folder: ${why}. ${HINT}`);
}

/** The current folder of the interactive shell on `client`'s connection. */
export async function shellCwd(client: Client, options: { ms: number; signal?: AbortSignal | undefined }): Promise<string> {
  const output = await withDeadline<string>(
    (done) => {
      client.exec(SHELL_CWD_COMMAND, (error: Error | undefined, channel: ClientChannel) => {
        if (error) return done(new AppError('refused', `Could not find the terminal's folder: the server refused to run a command (${error.message}). ${HINT}`));
        const chunks: Buffer[] = [];
        channel.on('data', (chunk: Buffer) => chunks.push(chunk));
        channel.stderr.resume();
        channel.on('close', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
    },
    { ms: options.ms, signal: options.signal, timeout: () => new AppError('timeout', `Could not find the terminal's folder: the server did not answer within ${seconds(options.ms)}. ${HINT}`) },
  );
  return parseShellCwd(output);
}
