import type { Tab } from '../store/sessions-slice';
import { useStore } from '../store/store';
import { cancelConnect, closeTab, connectTab } from './tab-actions';
import { HostKeyChangedNotice } from './HostKeyChangedNotice';

/** What the tab is doing when it is not simply showing a live shell. */
export function SessionStatus({ tab }: { tab: Tab }) {
  const host = useStore((s) => s.tree.hosts.find((h) => h.id === tab.hostId) ?? null);
  const showDialog = useStore((s) => s.showDialog);
  if (tab.state === 'connected') return null;
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
      <div className="session-actions">
        <button onClick={() => void connectTab(tab.tabId)}>{failed ? 'Retry' : 'Reconnect'}</button>
        {failed && host && <button onClick={() => showDialog({ kind: 'host-form', host, folderId: host.folderId })}>Edit host</button>}
        <button onClick={() => closeTab(tab.tabId)}>Close tab</button>
      </div>
    </div>
  );
}
