// Which folder a pane shows and what is in it: navigation with a back stack,
// the path being typed, loading and the last error.
import { useCallback, useEffect, useState } from 'react';
import type { FileEntry } from '../../src-shared/contract';
import type { PaneApi } from './pane-api';

export function useDirectory(api: PaneApi, initialPath: string, refreshKey: number) {
  const [path, setPath] = useState(initialPath);
  const [typed, setTyped] = useState(initialPath);
  const [history, setHistory] = useState<string[]>([]);
  const [entries, setEntries] = useState<FileEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (at: string) => {
      setLoading(true);
      try {
        const list = await api.list(at);
        setEntries(list);
        setError(null);
        return true;
      } catch (e) {
        setError((e as Error).message);
        return false;
      } finally {
        setLoading(false);
      }
    },
    [api],
  );

  useEffect(() => {
    void load(path);
    // Reload only when asked to (refreshKey), not on every path change: go() loads those.
  }, [refreshKey, load]);

  /** Resolves true once `to` is listed and shown; on failure the pane stays where it was, the error shown. */
  const go = async (to: string, remember = true): Promise<boolean> => {
    if (await load(to)) {
      if (remember && to !== path) setHistory((h) => [...h, path]);
      setPath(to);
      setTyped(to);
      return true;
    }
    setTyped(path);
    return false;
  };

  const back = async (): Promise<boolean> => {
    if (!history.length) return false;
    const moved = await go(history[history.length - 1]!, false);
    // Popped even when the folder is gone, so Back cannot get stuck on it.
    setHistory((h) => h.slice(0, -1));
    return moved;
  };

  /** Runs a change (mkdir, rename, …), shows its error if any, and lists the folder again either way. */
  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
    await load(path);
  };

  return { path, typed, setTyped, canGoBack: history.length > 0, entries, error, loading, refresh: () => load(path), go, back, run };
}
