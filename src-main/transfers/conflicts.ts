// What to do when a transfer's target already exists, or a partial file from
// an earlier attempt is there: ask the user (once per batch with "apply to
// all"), then overwrite, skip, keep both (a free name), or resume.
import { lstat } from 'node:fs/promises';
import type { SFTPWrapper } from 'ssh2';
import type { Ask } from '../../src-shared/contract/prompts';
import { lstatOrNull } from '../sftp/remote-fs';
import { PART_SUFFIX } from '../sftp/transfer';

export type ConflictChoice = 'overwrite' | 'skip' | 'rename' | 'resume';

interface Facts {
  size: number;
  mtimeMs: number;
}

export interface ConflictInput {
  item: { direction: 'upload' | 'download'; target: string; sourceSize: number; resume: boolean };
  sftp: SFTPWrapper;
  batch: { choice: ConflictChoice | null };
  ask: Ask;
  isFolder: boolean;
}

export async function resolveTarget(input: ConflictInput): Promise<'skip' | { target: string; resume: boolean }> {
  const { item, sftp, batch, ask, isFolder } = input;
  // A retry continues where the last attempt stopped.
  if (item.resume) return { target: item.target, resume: true };
  const facts = (file: string): Promise<Facts | null> =>
    item.direction === 'upload'
      ? lstatOrNull(sftp, file).then((e) => (e ? { size: e.size, mtimeMs: e.mtimeMs } : null))
      : lstat(file).then(
          (s) => ({ size: s.size, mtimeMs: s.mtimeMs }),
          () => null,
        );
  const existing = await facts(item.target);
  const part = isFolder ? null : await facts(item.target + PART_SUFFIX);
  if (!existing && !part) return { target: item.target, resume: false };

  let choice = batch.choice;
  if (!choice) {
    const shown = existing ?? part!;
    const answer = await ask({
      kind: 'conflict',
      target: existing ? item.target : item.target + PART_SUFFIX,
      targetSize: shown.size,
      targetMtimeMs: shown.mtimeMs,
      sourceSize: item.sourceSize,
      canResume: part !== null && part.size <= item.sourceSize,
    });
    if (!answer) return 'skip';
    choice = answer.decision;
    if (answer.applyToAll) batch.choice = choice;
  }
  switch (choice) {
    case 'skip':
      return 'skip';
    case 'resume':
      return part ? { target: item.target, resume: true } : { target: item.target, resume: false };
    case 'overwrite':
      return { target: item.target, resume: false };
    case 'rename':
      return { target: await freeName(item.target, facts), resume: false };
  }
}

/** `name (1).ext`, `name (2).ext`, … the first that does not exist. */
async function freeName(target: string, facts: (file: string) => Promise<Facts | null>): Promise<string> {
  const slash = target.lastIndexOf('/') + 1;
  const dir = target.slice(0, slash);
  const base = target.slice(slash);
  const dot = base.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
  for (let n = 1; n < 10_000; n++) {
    const candidate = `${dir}${stem} (${n})${ext}`;
    if (!(await facts(candidate))) return candidate;
  }
  throw new Error(`No free name for ${target}`);
}
