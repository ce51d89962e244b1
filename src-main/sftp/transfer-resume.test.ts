// Resume checks that the part still belongs to the source before continuing
// it: a source rewritten since (even at the same size, with its modification
// time put back) starts over, never a mixed file. Real sshd, both directions.
import { randomBytes } from 'node:crypto';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256File, startSftpFixture, type SftpFixture } from '../../test-support/sftp-fixture';
import { OVERLAP_BYTES, PART_SUFFIX, SOURCE_CHANGED, downloadFile, uploadFile, type SourceFacts, type TransferOptions } from './transfer';

const SIZE = 6 * 1024 * 1024;
/** Past the overlap window, so a correct prefix is compared over a full MiB. */
const PART = 3 * 1024 * 1024 + 12_345;
/** A fixed mtime (whole seconds: what SFTP reports) to put back after a rewrite. */
const WHEN = 1_700_000_000;

let fx: SftpFixture;
beforeAll(async () => {
  fx = await startSftpFixture();
}, 30_000);
afterAll(() => fx?.stop());

/** A source, a part holding the first PART bytes of it, and the source's facts then. */
function setUp(dir: string, partAt: string): { source: string; facts: SourceFacts; old: Buffer } {
  const source = path.join(dir, 'source.bin');
  const old = randomBytes(SIZE);
  writeFileSync(source, old);
  utimesSync(source, WHEN, WHEN);
  writeFileSync(partAt + PART_SUFFIX, old.subarray(0, PART));
  return { source, facts: { size: SIZE, mtimeMs: WHEN * 1000 }, old };
}

/** Rewrites the source in place at the same size and puts its mtime back. */
function rewriteKeepingFacts(source: string): void {
  writeFileSync(source, randomBytes(SIZE));
  utimesSync(source, WHEN, WHEN);
}

function watch(opts: TransferOptions = {}) {
  const restarts: string[] = [];
  const sources: SourceFacts[] = [];
  return { restarts, sources, opts: { resume: true, ...opts, onRestart: (why: string) => restarts.push(why), onSource: (f: SourceFacts) => sources.push(f) } };
}

type Direction = 'upload' | 'download';
const copy = (direction: Direction, source: string, target: string, opts: TransferOptions) =>
  direction === 'upload' ? uploadFile(fx.sftp, source, target, opts) : downloadFile(fx.sftp, source, target, opts);

// On this test machine the remote side is a local path too.
describe.each<Direction>(['upload', 'download'])('%s resume', (direction) => {
  it('continues a part that is still a prefix of the unchanged source', async () => {
    const dir = fx.fresh();
    const target = path.join(dir, 'target.bin');
    const { source, facts } = setUp(dir, target);
    const w = watch({ expect: facts });
    const result = await copy(direction, source, target, w.opts);
    expect(result.resumedFrom).toBe(PART);
    expect(w.restarts).toEqual([]);
    expect(w.sources).toEqual([expect.objectContaining({ size: SIZE })]);
    expect(await sha256File(target)).toBe(await sha256File(source));
  });

  it('a source rewritten at the same size with its mtime put back: the overlap differs, so it starts over', async () => {
    const dir = fx.fresh();
    const target = path.join(dir, 'target.bin');
    const { source, facts } = setUp(dir, target);
    rewriteKeepingFacts(source);
    const w = watch({ expect: facts });
    const result = await copy(direction, source, target, w.opts);
    expect(result.resumedFrom).toBe(0);
    expect(w.restarts).toEqual([SOURCE_CHANGED]);
    expect(await sha256File(target)).toBe(await sha256File(source));
  });

  it('a source whose mtime changed starts over, even when the overlap still matches', async () => {
    const dir = fx.fresh();
    const target = path.join(dir, 'target.bin');
    const { source, facts, old } = setUp(dir, target);
    // Only the first byte changes: outside the compared overlap, so only the mtime can tell.
    old[0] = old[0]! ^ 0xff;
    writeFileSync(source, old);
    utimesSync(source, WHEN + 60, WHEN + 60);
    const w = watch({ expect: facts });
    const result = await copy(direction, source, target, w.opts);
    expect(result.resumedFrom).toBe(0);
    expect(w.restarts).toEqual([SOURCE_CHANGED]);
    expect(readFileSync(target).equals(old)).toBe(true);
    expect(w.sources).toEqual([{ size: SIZE, mtimeMs: (WHEN + 60) * 1000 }]);
  });

  it('without recorded facts (a part found by the conflict dialog) the overlap alone decides', async () => {
    const dir = fx.fresh();
    const target = path.join(dir, 'target.bin');
    const { source } = setUp(dir, target);
    rewriteKeepingFacts(source);
    const w = watch();
    expect((await copy(direction, source, target, w.opts)).resumedFrom).toBe(0);
    expect(w.restarts).toEqual([SOURCE_CHANGED]);
    expect(await sha256File(target)).toBe(await sha256File(source));
  });

  it('a part shorter than the overlap window is compared whole', async () => {
    const dir = fx.fresh();
    const target = path.join(dir, 'target.bin');
    const { source, facts, old } = setUp(dir, target);
    writeFileSync(target + PART_SUFFIX, old.subarray(0, OVERLAP_BYTES / 4));
    const w = watch({ expect: facts });
    expect((await copy(direction, source, target, w.opts)).resumedFrom).toBe(OVERLAP_BYTES / 4);
    expect(w.restarts).toEqual([]);
    expect(await sha256File(target)).toBe(await sha256File(source));
  });
});
