// The command palette (Ctrl+K): a search box over saved hosts, recent
// connections and every action, and quick connect to a typed address. It sits
// in the app's dialog frame, which closes it on Esc and gives the focus back.
import { Fragment, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  ArrowLeftRight,
  Columns2,
  FileInput,
  FolderOpen,
  History,
  KeyRound,
  Plus,
  RadioTower,
  Rows2,
  Search,
  Server,
  Settings,
  SquareCode,
  Zap,
  type LucideIcon,
} from 'lucide-react';
import { useStore } from '../store/store';
import { FilterCombobox } from '../ui/FilterCombobox';
import { paletteCandidates, rankPalette, type PaletteIcon, type PaletteItem } from './palette-items';
import { recentHostIds } from './recent';
import { runPaletteCommand } from './palette-actions';

const icons: Record<PaletteIcon, LucideIcon> = {
  quick: Zap,
  host: Server,
  recent: History,
  files: FolderOpen,
  tunnel: ArrowLeftRight,
  'new-host': Plus,
  import: FileInput,
  keys: KeyRound,
  settings: Settings,
  'split-right': Columns2,
  'split-down': Rows2,
  broadcast: RadioTower,
  snippets: SquareCode,
};

const LIST_ID = 'command-palette-results';
const optionId = (i: number) => `command-palette-option-${i}`;

export function CommandPalette() {
  const tree = useStore((s) => s.tree);
  const tunnels = useStore((s) => s.tunnels);
  const terminalFocused = useStore((s) => s.tabs.find((t) => t.tabId === s.activeTabId)?.kind === 'terminal');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);

  const recent = useMemo(() => recentHostIds(tree.hosts), [tree]);
  const candidates = useMemo(
    () => paletteCandidates({ hosts: tree.hosts, folders: tree.folders, recent, tunnels: Object.values(tunnels), terminalFocused }),
    [tree, recent, tunnels, terminalFocused],
  );
  const items = useMemo(() => rankPalette(query, candidates, recent), [query, candidates, recent]);
  const current = items.length === 0 ? -1 : Math.min(active, items.length - 1);

  useEffect(() => {
    if (current >= 0) document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  // A click outside dismisses it, as in VS Code.
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) useStore.getState().showDialog(null);
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, []);

  const run = (item: PaletteItem | undefined) => item && runPaletteCommand(item.command);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const n = items.length;
    const move = (to: number) => {
      e.preventDefault();
      if (n > 0) setActive(((to % n) + n) % n);
    };
    if (e.key === 'ArrowDown') move(current + 1);
    else if (e.key === 'ArrowUp') move(current - 1);
    else if (e.key === 'PageDown') move(Math.min(n - 1, current + 8));
    else if (e.key === 'PageUp') move(Math.max(0, current - 8));
    else if (e.key === 'Enter') {
      e.preventDefault();
      run(items[current]);
    } else if (e.key === 'Tab') e.preventDefault(); // the box is the palette's one control: focus stays in it
  };

  return (
    <div className="palette" ref={root}>
      <div className="palette-input">
        <Search size={16} aria-hidden className="palette-search-icon" />
        <FilterCombobox
          label="Search hosts and actions"
          placeholder="Search hosts and actions, or type user@host:port"
          listId={LIST_ID}
          activeId={current >= 0 ? optionId(current) : undefined}
          expanded={items.length > 0}
          value={query}
          onQuery={(q) => {
            setQuery(q);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <div className="palette-list" id={LIST_ID} role="listbox" aria-label="Hosts and actions">
        {groupRuns(items, query.trim() === '').map((run_) => {
          const options = run_.items.map(({ item, index }) => (
            <Option key={item.key} item={item} index={index} active={index === current} onHover={() => setActive(index)} onPick={() => run(item)} />
          ));
          return run_.group ? (
            <div role="group" aria-labelledby={`${LIST_ID}-${run_.group}`} key={run_.group}>
              <div className="palette-group" id={`${LIST_ID}-${run_.group}`} aria-hidden>
                {run_.group}
              </div>
              {options}
            </div>
          ) : (
            <Fragment key="results">{options}</Fragment>
          );
        })}
      </div>
      {items.length === 0 && <p className="palette-empty">No host or action matches “{query.trim()}”.</p>}
      <div className="palette-footer" aria-hidden>
        <span>
          <kbd>↑</kbd>
          <kbd>↓</kbd> to move
        </span>
        <span>
          <kbd>Enter</kbd> to open
        </span>
        <span>
          <kbd>Esc</kbd> to close
        </span>
      </div>
    </div>
  );
}

interface OptionProps {
  item: PaletteItem;
  index: number;
  active: boolean;
  onHover: () => void;
  onPick: () => void;
}

function Option({ item, index, active, onHover, onPick }: OptionProps) {
  const Icon = icons[item.icon];
  return (
    <div
      id={optionId(index)}
      role="option"
      aria-selected={active}
      className={`palette-option${active ? ' active' : ''}`}
      onMouseMove={() => !active && onHover()}
      // Keep the focus in the search box; the click still runs the item.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onPick}
    >
      <Icon size={16} aria-hidden className="palette-option-icon" />
      <span className="palette-option-label">{highlight(item.label, item.positions)}</span>
      {item.detail && <span className="palette-option-detail">{item.detail}</span>}
      {item.hint && <kbd className="palette-option-hint">{item.hint}</kbd>}
    </div>
  );
}

/** The label with its matched letters in <mark>, one element per run. */
function highlight(label: string, positions: number[]): ReactNode {
  if (positions.length === 0) return label;
  const marked = new Set(positions);
  const parts: ReactNode[] = [];
  let i = 0;
  while (i < label.length) {
    const on = marked.has(i);
    let j = i;
    while (j < label.length && marked.has(j) === on) j++;
    parts.push(on ? <mark key={i}>{label.slice(i, j)}</mark> : label.slice(i, j));
    i = j;
  }
  return parts;
}

/** With no query the list reads in groups (Recent, Actions…); a search is one ranked list. */
function groupRuns(items: PaletteItem[], grouped: boolean): Array<{ group: string | null; items: Array<{ item: PaletteItem; index: number }> }> {
  const indexed = items.map((item, index) => ({ item, index }));
  if (!grouped) return [{ group: null, items: indexed }];
  const runs: Array<{ group: string; items: typeof indexed }> = [];
  for (const entry of indexed) {
    const last = runs.at(-1);
    if (last && last.group === entry.item.group) last.items.push(entry);
    else runs.push({ group: entry.item.group, items: [entry] });
  }
  return runs;
}
