// Writing known_hosts: appending a line and removing one, leaving every other
// byte of the file as it was (it is the user's file, shared with ssh).
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Appends one line, creating the folder (0700) and file (0600) as ssh would. */
export async function appendEntry(file: string, line: string): Promise<void> {
  if (/[\r\n]/.test(line)) throw new Error('A known_hosts entry must be a single line');
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const handle = await open(file, 'a+', 0o600);
  try {
    const { size } = await handle.stat();
    let prefix = '';
    if (size > 0) {
      // A file saved without a final newline would otherwise glue our line onto its last one.
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    // One write in append mode: a concurrent ssh appending too cannot interleave within it.
    await handle.appendFile(`${prefix}${line}\n`);
  } finally {
    await handle.close();
  }
}

/**
 * Removes line `lineNumber` (1-based), but only if it still reads `expectedText`
 * (without its line ending): the file may have changed since it was shown to
 * the user, and removing some other line would silently drop trust in a host.
 */
export async function removeEntry(file: string, lineNumber: number, expectedText: string): Promise<void> {
  // Replace the real file, not a symlink pointing at it.
  const target = await realpath(file);
  const bytes = await readFile(target);
  const { start, end } = lineBounds(bytes, lineNumber);
  const found = start < 0 ? null : bytes.subarray(start, end).toString('utf8').replace(/\r$/, '');
  if (found !== expectedText) {
    throw new Error(`${file} line ${lineNumber} has changed since it was read; nothing was removed`);
  }
  const after = end < bytes.length ? end + 1 : end; // the line's own newline goes with it
  const rest = Buffer.concat([bytes.subarray(0, start), bytes.subarray(after)]);

  const { mode } = await stat(target);
  const temp = `${target}.warren-${randomBytes(6).toString('hex')}`;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(rest);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, mode & 0o777);
    // rename is atomic: readers see the old file or the new one, never half of it.
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Byte range of a 1-based line, without its `\n`; start -1 when there is no such line. */
function lineBounds(bytes: Buffer, lineNumber: number): { start: number; end: number } {
  if (!Number.isInteger(lineNumber) || lineNumber < 1) return { start: -1, end: -1 };
  let start = 0;
  for (let n = 1; n < lineNumber; n++) {
    const newline = bytes.indexOf(0x0a, start);
    if (newline < 0) return { start: -1, end: -1 };
    start = newline + 1;
  }
  // Past the last newline there is no further line, only the end of the file.
  if (start >= bytes.length) return { start: -1, end: -1 };
  const newline = bytes.indexOf(0x0a, start);
  return { start, end: newline < 0 ? bytes.length : newline };
}
