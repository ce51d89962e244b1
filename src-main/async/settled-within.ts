// Waiting on work that should end soon, without letting a hung peer hold the
// caller for ever: the app quitting, a window closing, a session slot wanted.

/** Resolves once every one of `waits` has settled, or after `ms`, whichever is first. */
export async function settledWithin(waits: Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([Promise.allSettled(waits), late]);
  clearTimeout(timer);
}
