import type { Tab } from '../store/sessions-slice';
import { useStore } from '../store/store';
import { cancelConnect, closeTab, connectTab } from './tab-actions';
import { HostKeyChangedNotice } from './HostKeyChangedNotice';
import { useEffect, useState } from 'react';
import { RECONNECT_BACKOFF_MS } from '../../src-shared/retry';
import { cancelAutoReconnect } from './auto-reconnect';

/** Seconds until `at`, ticking while it is in the future. */
function useCountdown(at: number | undefined): number | null {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!at) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [at]);
  return at ? Math.max(0, Math.ceil((at - now) / 1000)) : null;
}

/** What the tab is doing when it is not simply showing a live shell. */
export function SessionStatus({ tab }: { tab: Tab }) {
  const host = useStore((s) => s.tree.hosts.find((h) => h.id === tab.hostId) ?? null);
  const showDialog = useStore((s) => s.showDialog);
  const countdown = useCountdown(tab.reconnectAt);
  if (tab.state === 'connected') return null;
  if (tab.state === 'connecting' && countdown !== null) {
    // Main logs in again for every tab, Files tab and forward on the dropped connection: one countdown, one login.
    return (
      <div className="session-status ended" role="status">
        <p className="session-message">{tab.message}</p>
        <p className="reconnecting">
          <span className="spinner" aria-hidden="true" /> {countdown > 0 ? `Reconnecting in ${countdown} s` : 'Reconnecting now'} (attempt {tab.reconnectAttempt} of {RECONNECT_BACKOFF_MS.length})…{' '}
          <button onClick={() => cancelConnect(tab.tabId)}>Stop</button>
        </p>
      </div>
    );
  }
  if (tab.state === 'connecting') {
    return (
      <div className="session-status connecting" role="status">
        <span className="spinner" aria-hidden="true" />
        <span>{tab.message ?? 'Connecting…'}</span>
        <button onClick={() => cancelConnect(tab.tabId)}>Cancel</button>
      </div>
    );
  }
  const failed = tab.state === 'failed';
  return (
    <div className={`session-status ${failed ? 'failed' : 'ended'}`} role={failed ? 'alert' : 'status'}>
      <p className="session-message">{failed ? `Could not connect. ${tab.message ?? ''}` : tab.message ?? 'The session ended.'}</p>
      {tab.hostKeyChange && <HostKeyChangedNotice change={tab.hostKeyChange} />}
      {countdown !== null && (
        <p className="reconnecting" role="status">
          <span className="spinner" aria-hidden="true" /> Reconnecting in {countdown} s (attempt {tab.reconnectAttempt} of {RECONNECT_BACKOFF_MS.length})…{' '}
          <button onClick={() => cancelAutoReconnect(tab.tabId)}>Stop</button>
        </p>
      )}
      <div className="session-actions">
        <button
          onClick={() => {
            cancelAutoReconnect(tab.tabId);
            void connectTab(tab.tabId);
          }}
        >
          {failed ? 'Retry' : 'Reconnect'}
        </button>
        {failed && host && <button onClick={() => showDialog({ kind: 'host-form', host, folderId: host.folderId })}>Edit host</button>}
        <button onClick={() => closeTab(tab.tabId)}>Close tab</button>
      </div>
    </div>
  );
}
