// Bounded parallelism. SFTP requests are cheap to pipeline but each holds a
// server-side slot and some memory, so fan-outs (symlink lookups, deletes,
// files of a tree) run a fixed number at a time.

/** Runs at most `limit` of the functions passed to it at once, in call order. */
export function limiter(limit: number): <T>(run: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(run: () => Promise<T>): Promise<T> => {
    // A finishing run hands its slot straight to the next waiter, so a caller
    // arriving in between cannot push the count past the limit.
    if (active < limit) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await run();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/**
 * Calls `each` for every item, `limit` at a time. Stops starting new ones after
 * the first failure and rejects with it once the running ones have finished,
 * so nothing is still touching files when the caller hears about the error.
 */
export async function forEachLimit<T>(items: readonly T[], limit: number, each: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        await each(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}
