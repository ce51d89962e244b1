import { useState } from 'react';
import type { SearchAddon } from '@xterm/addon-search';

export function SearchBar({ search, onClose }: { search: SearchAddon; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [notFound, setNotFound] = useState(false);
  const find = (backwards: boolean) => {
    if (!query) return;
    const found = backwards ? search.findPrevious(query) : search.findNext(query);
    setNotFound(!found);
  };
  return (
    <div className="terminal-search" role="search">
      <input
        autoFocus
        aria-label="Search the terminal"
        placeholder="Search scrollback"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setNotFound(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') find(e.shiftKey);
          if (e.key === 'Escape') {
            search.clearDecorations();
            onClose();
          }
        }}
      />
      <button onClick={() => find(true)} aria-label="Previous match">↑</button>
      <button onClick={() => find(false)} aria-label="Next match">↓</button>
      <button onClick={onClose} aria-label="Close search">✕</button>
      {notFound && <span className="terminal-search-miss">No match</span>}
    </div>
  );
}
