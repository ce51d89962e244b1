// The snippet picker: type to filter, arrows to choose, Enter to run into the
// focused terminal. Offers the snippets for every host and the focused host's
// own; new, edit and delete are here too, so the list is managed where it is used.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Snippet } from '../../src-shared/contract';
import { ErrorLine } from '../app/Progress';
import { FilterCombobox } from '../ui/FilterCombobox';
import { useStore } from '../store/store';
import { focusedHostId, loadSnippets, removeSnippet, runSnippet } from './snippet-actions';
import { matchSnippets, snippetsFor } from './snippet-list';

const optionId = (snippet: Snippet) => `snippet-option-${snippet.id}`;

export function SnippetPicker() {
  const showDialog = useStore((s) => s.showDialog);
  const hostId = useStore(focusedHostId);
  const hosts = useStore((s) => s.tree.hosts);
  const all = useStore((s) => s.snippets);
  const loaded = useStore((s) => s.snippetsLoaded);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Snippet | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    loadSnippets().catch((e: Error) => setError(`Warren could not load the snippets: ${e.message}`));
  }, []);

  const hostName = hosts.find((h) => h.id === hostId)?.name ?? null;
  const offered = useMemo(() => snippetsFor(all, hostId, hosts.map((h) => h.id)), [all, hostId, hosts]);
  const shown = useMemo(() => matchSnippets(offered, query), [offered, query]);
  const at = Math.min(active, shown.length - 1);
  const current = at >= 0 ? shown[at] : undefined;

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [at, shown]);

  const run = (snippet: Snippet | undefined) => snippet && setError(runSnippet(snippet));
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (shown.length > 0) setActive((at + (e.key === 'ArrowDown' ? 1 : -1) + shown.length) % shown.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(current);
    }
  };
  const confirmDelete = async (snippet: Snippet) => {
    try {
      await removeSnippet(snippet.id);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
    setDeleting(null);
    searchRef.current?.focus();
  };

  return (
    <div className="dialog snippet-picker" aria-label="Snippets">
      <h2>
        Snippets
        <span className="snippet-for">{hostName ? `for ${hostName} and all hosts` : 'for all hosts'}</span>
      </h2>
      <FilterCombobox
        inputRef={searchRef}
        type="search"
        label="Search snippets"
        placeholder="Search by name or command"
        listId="snippet-list"
        activeId={current ? optionId(current) : undefined}
        expanded
        value={query}
        onQuery={(q) => {
          setQuery(q);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="snippet-list" id="snippet-list" role="listbox" aria-label="Snippets" ref={listRef}>
        {shown.map((snippet, i) => (
          <li
            key={snippet.id}
            id={optionId(snippet)}
            role="option"
            aria-selected={i === at}
            aria-label={snippet.name}
            className={i === at ? 'snippet-option active' : 'snippet-option'}
            onMouseDown={(e) => e.preventDefault() /* the search field keeps the focus, so typing still filters */}
            onClick={() => setActive(i)}
            onDoubleClick={() => run(snippet)}
            title="Double-click or Enter to run"
          >
            <span className="snippet-name">{snippet.name}</span>
            <span className={snippet.hostId === null ? 'snippet-scope' : 'snippet-scope own-host'}>{snippet.hostId === null ? 'All hosts' : (hostName ?? 'This host')}</span>
            <code className="snippet-command">{preview(snippet)}</code>
          </li>
        ))}
      </ul>
      {loaded && shown.length === 0 && (
        <p className="snippet-empty">{offered.length === 0 ? 'No snippets yet. "New snippet" saves a command to run here with two keys.' : `No snippet matches "${query.trim()}".`}</p>
      )}
      <ErrorLine error={error} />
      {deleting ? (
        <div className="snippet-confirm" role="group" aria-label="Delete snippet">
          <span>
            Delete the snippet <strong>{deleting.name}</strong>? This cannot be undone.
          </span>
          <button
            onClick={() => {
              setDeleting(null);
              searchRef.current?.focus();
            }}
            autoFocus
          >
            Cancel
          </button>
          <button className="danger" onClick={() => void confirmDelete(deleting)}>
            Delete
          </button>
        </div>
      ) : (
        <div className="dialog-buttons snippet-buttons">
          <button onClick={() => showDialog({ kind: 'snippet-form', snippet: null })}>New snippet</button>
          <button disabled={!current} onClick={() => current && showDialog({ kind: 'snippet-form', snippet: current })}>
            Edit
          </button>
          <button disabled={!current} onClick={() => current && setDeleting(current)}>
            Delete
          </button>
          <span className="grow" />
          <span className="snippet-keys" aria-hidden>
            ↑↓ choose · Enter run · Esc close
          </span>
          <button onClick={() => showDialog(null)}>Close</button>
          <button className="primary" disabled={!current} onClick={() => run(current)}>
            Run
          </button>
        </div>
      )}
    </div>
  );
}

/** The command on one line: its first line, and how many more follow. */
function preview(snippet: Snippet): string {
  const lines = snippet.command.split(/\r\n|\r|\n/);
  return lines.length > 1 ? `${lines[0]}  (+${lines.length - 1} more line${lines.length > 2 ? 's' : ''})` : lines[0]!;
}
