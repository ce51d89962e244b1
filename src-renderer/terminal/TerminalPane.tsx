import { useEffect, useRef, useState, type CSSProperties } from 'react';
import '@xterm/xterm/css/xterm.css';
import { warren } from '../api/warren';
import { useStore } from '../store/store';
import type { Tab } from '../store/sessions-slice';
import { attachWriter } from './output-router';
import { OutputWriter } from './output-writer';
import { pacedWriter, type PacedWriter } from './paced-writer';
import { streamingMark } from './streaming-mark';
import { createTerminal, type TerminalKit } from './create-terminal';
import { lastTerminalSize } from './tab-actions';
import { SearchBar } from './SearchBar';
import { SessionStatus } from './SessionStatus';
import { RecordingMark } from './RecordingMark';
import { cleanRemoteTitle, tabLabel } from './tab-title';
import { broadcastSet, sendInput } from './input-targets';
import { forgetShellFolder, rememberShellFolder } from './osc7';

interface PaneProps {
  tab: Tab;
  /** Its tab is the one on show. */
  visible: boolean;
  /** The pane keys go to. */
  focused: boolean;
  /** It shares its tab with other panes. */
  split: boolean;
  /** Where in the tab's area it sits. */
  style?: CSSProperties | undefined;
}

export function TerminalPane({ tab, visible, focused, split, style }: PaneProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const kitRef = useRef<TerminalKit | null>(null);
  const [searching, setSearching] = useState(false);
  const { sessionId, state, tabId } = tab;

  useEffect(() => {
    const kit = createTerminal(hostRef.current!, () => setSearching(true));
    kitRef.current = kit;
    // Clicking into a pane (or tabbing into it) makes it the focused one.
    const onFocus = () => useStore.getState().activeTabId !== tabId && useStore.getState().activateTab(tabId);
    kit.term.textarea?.addEventListener('focus', onFocus);
    return () => {
      kit.term.textarea?.removeEventListener('focus', onFocus);
      kit.dispose();
      kitRef.current = null;
    };
  }, []);

  // The remote's OSC 0/2 title names the tab (beside the host), unless the user renamed it.
  useEffect(() => {
    const titles = kitRef.current?.term.onTitleChange((raw) => {
      const remoteTitle = cleanRemoteTitle(raw);
      const store = useStore.getState();
      if (store.tabs.find((t) => t.tabId === tabId)?.remoteTitle !== remoteTitle) store.updateTab(tabId, { remoteTitle });
    });
    return () => titles?.dispose();
  }, [tabId]);

  // A shell that reports its folder (OSC 7) tells Open files here where to go.
  useEffect(() => {
    if (!sessionId) return;
    const osc = kitRef.current?.term.parser.registerOscHandler(7, (data) => (rememberShellFolder(sessionId, data), true));
    return () => {
      osc?.dispose();
      forgetShellFolder(sessionId);
    };
  }, [sessionId]);

  // Main carried this session over a drop: the new shell starts below the same mark as a new session's.
  const lostAt = useRef(false);
  useEffect(() => {
    if (tab.state === 'connecting' && tab.code === 'connection-lost') lostAt.current = true;
    else if (tab.state === 'connected' && lostAt.current) {
      lostAt.current = false;
      kitRef.current?.term.write(`\r\n\x1b[2m──── reconnected ${new Date().toLocaleTimeString()} ────\x1b[0m\r\n`);
    } else if (tab.state !== 'connecting') lostAt.current = false;
  }, [tab.state, tab.code]);

  // Wire the terminal to the current session; a reconnect brings a new one.
  const previousSession = useRef<string | null>(null);
  const visibleRef = useRef(visible);
  const pacedRef = useRef<PacedWriter | null>(null);
  useEffect(() => {
    const kit = kitRef.current;
    if (!kit || !sessionId) return;
    if (previousSession.current && previousSession.current !== sessionId) {
      // Mark where the new shell starts, so old output is not mistaken for new.
      kit.term.write(`\r\n\x1b[2m──── reconnected ${new Date().toLocaleTimeString()} ────\x1b[0m\r\n`);
    }
    previousSession.current = sessionId;
    // Slices go to xterm.js a few ms of parsing per task (less while hidden), so a flood never holds a click or a frame for long.
    const paced = pacedWriter({ write: (data, parsed) => kitRef.current === kit && kit.term.write(data, parsed) });
    paced.setShown(visibleRef.current);
    pacedRef.current = paced;
    const writer = new OutputWriter({
      write: (data, parsed) => paced.push(data, parsed),
      ack: (bytes, rate) => void warren().session.ack({ sessionId, bytes, ...(rate !== undefined ? { rate } : {}) }),
      now: () => performance.now(),
      defer: (task) => setTimeout(task, 0),
    });
    // The cursor does not blink while output streams (streaming-mark.ts).
    const streaming = streamingMark(hostRef.current!);
    const detach = attachWriter(sessionId, (data) => {
      streaming.output();
      writer.push(data);
    });
    const input = kit.term.onData((data) => sendInput(tabId, sessionId, data));
    const resize = kit.term.onResize(({ cols, rows }) => void warren().session.resize({ sessionId, cols, rows }));
    return () => {
      detach();
      streaming.dispose();
      paced.close();
      if (pacedRef.current === paced) pacedRef.current = null;
      input.dispose();
      resize.dispose();
    };
  }, [sessionId, tabId]);

  // A hidden terminal keeps parsing (nothing is dropped) but leaves the page to the one on show.
  useEffect(() => {
    visibleRef.current = visible;
    pacedRef.current?.setShown(visible);
  }, [visible]);

  // Once the shell is up, tell the server the real size of this pane.
  useEffect(() => {
    const kit = kitRef.current;
    if (!kit || !sessionId || state !== 'connected') return;
    void warren().session.resize({ sessionId, cols: kit.term.cols, rows: kit.term.rows });
  }, [sessionId, state]);

  useEffect(() => {
    if (visible && focused) kitRef.current?.term.focus();
  }, [visible, focused, state]);

  // Fit to the pane whenever it is on show and its size changes (window, divider, split).
  useEffect(() => {
    const kit = kitRef.current;
    const host = hostRef.current;
    if (!kit || !host || !visible) return;
    const fit = () => {
      if (host.clientWidth === 0 || host.clientHeight === 0) return;
      kit.fit.fit();
      lastTerminalSize.cols = kit.term.cols;
      lastTerminalSize.rows = kit.term.rows;
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(host);
    return () => observer.disconnect();
  }, [visible]);

  const hostName = useStore((s) => s.tree.hosts.find((h) => h.id === tab.hostId)?.name ?? tab.title);
  const broadcasting = useStore((s) => broadcastSet(s).some((t) => t.tabId === tabId));
  const picking = useStore((s) => s.broadcast === 'selected');
  const picked = useStore((s) => s.broadcastPicks.includes(tabId));
  const name = tabLabel({ ...tab, title: hostName, remoteTitle: undefined }).name;
  const classes = ['terminal-pane', split && focused ? 'pane-focused' : '', broadcasting ? 'pane-broadcast' : ''].filter(Boolean).join(' ');

  return (
    <section className={classes} hidden={!visible} style={style} aria-label={`Terminal: ${name}`} data-state={state} data-tab-id={tabId} data-focused={focused}>
      {picking && (
        <label className="pane-pick">
          <input type="checkbox" checked={picked} onChange={() => useStore.getState().toggleBroadcastPick(tabId)} />
          Broadcast
        </label>
      )}
      {searching && kitRef.current && (
        <SearchBar
          search={kitRef.current.search}
          onClose={() => {
            setSearching(false);
            kitRef.current?.term.focus();
          }}
        />
      )}
      <div className="terminal-host" ref={hostRef} />
      {/* Which of a split tab's panes records: the tab's own mark cannot tell. */}
      {split && (
        <span className="pane-rec">
          <RecordingMark sessionId={sessionId} />
        </span>
      )}
      <SessionStatus tab={tab} />
    </section>
  );
}
