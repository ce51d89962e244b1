// Starts the configured editor on a file, without a shell (see editor-command).
// The editor runs on its own (detached): `code --wait` or `gedit` may stay
// open for hours and must outlive nothing of ours; Warren watches the file,
// not the process.
import { spawn } from 'node:child_process';
import { AppError } from '../errors/app-error';
import { editorArgv } from './editor-command';

export async function launchEditor(command: string, file: string): Promise<void> {
  const { program, args } = editorArgv(command, file);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(program, args, { detached: true, stdio: 'ignore', shell: false, windowsHide: false });
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ENOENT' ? 'there is no such program' : error.code === 'EACCES' ? 'it is not executable' : error.message;
      reject(new AppError('failed', `Could not start the editor "${program}": ${why}. Check the editor command in Settings › Editor.`));
    });
  });
}
