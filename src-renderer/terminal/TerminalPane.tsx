import { useEffect, useRef, useState } from 'react';
import '@xterm/xterm/css/xterm.css';
import { warren } from '../api/warren';
import { useStore } from '../store/store';
import type { Tab } from '../store/sessions-slice';
import { attachWriter } from './output-router';
import { createTerminal, type TerminalKit } from './create-terminal';
import { lastTerminalSize } from './tab-actions';
import { SearchBar } from './SearchBar';
import { SessionStatus } from './SessionStatus';
import { cleanRemoteTitle } from './tab-title';

/** Acks go out at once past this many drawn bytes, so main's window (1 MiB) never stalls a flood. */
const ACK_EVERY = 128 * 1024;

/**
 * Acknowledge drawn bytes in batches: all the write callbacks xterm.js runs
 * in one task (it parses several writes per frame) make one request, and a
 * flood acks every ACK_EVERY bytes.
 */
function ackBatcher(sessionId: string) {
  let pending = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const send = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const bytes = pending;
    pending = 0;
    if (bytes > 0) void warren().session.ack({ sessionId, bytes });
  };
  return (bytes: number) => {
    pending += bytes;
    if (pending >= ACK_EVERY) return send();
    timer ??= setTimeout(send, 0);
  };
}

export function TerminalPane({ tab, active }: { tab: Tab; active: boolean }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const kitRef = useRef<TerminalKit | null>(null);
  const [searching, setSearching] = useState(false);
  const { sessionId, state } = tab;

  useEffect(() => {
    const kit = createTerminal(hostRef.current!, () => setSearching(true));
    kitRef.current = kit;
    return () => {
      kit.dispose();
      kitRef.current = null;
    };
  }, []);

  // The remote's OSC 0/2 title names the tab (beside the host), unless the user renamed it.
  const { tabId } = tab;
  useEffect(() => {
    const titles = kitRef.current?.term.onTitleChange((raw) => {
      const remoteTitle = cleanRemoteTitle(raw);
      const store = useStore.getState();
      if (store.tabs.find((t) => t.tabId === tabId)?.remoteTitle !== remoteTitle) store.updateTab(tabId, { remoteTitle });
    });
    return () => titles?.dispose();
  }, [tabId]);

  // Wire the terminal to the current session; a reconnect brings a new one.
  const previousSession = useRef<string | null>(null);
  useEffect(() => {
    const kit = kitRef.current;
    if (!kit || !sessionId) return;
    if (previousSession.current && previousSession.current !== sessionId) {
      // Mark where the new shell starts, so old output is not mistaken for new.
      kit.term.write(`\r\n\x1b[2m──── reconnected ${new Date().toLocaleTimeString()} ────\x1b[0m\r\n`);
    }
    previousSession.current = sessionId;
    const ack = ackBatcher(sessionId);
    const detach = attachWriter(sessionId, (data) => kit.term.write(data, () => ack(data.length)));
    const input = kit.term.onData((data) => void warren().session.write({ sessionId, data }));
    const resize = kit.term.onResize(({ cols, rows }) => void warren().session.resize({ sessionId, cols, rows }));
    return () => {
      detach();
      input.dispose();
      resize.dispose();
    };
  }, [sessionId]);

  // Once the shell is up, tell the server the real size of this pane.
  useEffect(() => {
    const kit = kitRef.current;
    if (!kit || !sessionId || state !== 'connected') return;
    void warren().session.resize({ sessionId, cols: kit.term.cols, rows: kit.term.rows });
    if (active) kit.term.focus();
  }, [sessionId, state, active]);

  useEffect(() => {
    const kit = kitRef.current;
    const host = hostRef.current;
    if (!kit || !host || !active) return;
    const fit = () => {
      if (host.clientWidth === 0 || host.clientHeight === 0) return;
      kit.fit.fit();
      lastTerminalSize.cols = kit.term.cols;
      lastTerminalSize.rows = kit.term.rows;
    };
    fit();
    kit.term.focus();
    const observer = new ResizeObserver(fit);
    observer.observe(host);
    return () => observer.disconnect();
  }, [active]);

  const hostName = useStore((s) => s.tree.hosts.find((h) => h.id === tab.hostId)?.name ?? tab.title);

  return (
    <section className="terminal-pane" hidden={!active} aria-label={`Terminal: ${hostName}`} data-state={state}>
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
      <SessionStatus tab={tab} />
    </section>
  );
}
