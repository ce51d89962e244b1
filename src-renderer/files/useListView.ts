// How a pane shows its listing: sort column and order, hidden files, the filter.
import { useMemo, useState } from 'react';
import type { FileEntry } from '../../src-shared/contract';
import { nextSort, visibleEntries, type SortKey } from './file-pane-model';

export function useListView(entries: FileEntry[]) {
  const [sort, setSort] = useState<{ sortKey: SortKey; descending: boolean }>({ sortKey: 'name', descending: false });
  const [showHidden, setShowHidden] = useState(false);
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => visibleEntries(entries, { showHidden, filter, ...sort }), [entries, showHidden, filter, sort]);
  return { shown, ...sort, sortBy: (key: SortKey) => setSort((s) => nextSort(s, key)), showHidden, setShowHidden, filter, setFilter };
}
