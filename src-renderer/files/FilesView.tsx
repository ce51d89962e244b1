import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Tab } from '../store/sessions-slice';
import { useStore } from '../store/store';
import { SessionStatus } from '../terminal/SessionStatus';
import { FilePane } from './FilePane';
import { TransferPanel } from './TransferPanel';
import { EditingPanel } from './EditingPanel';
import { localApi, remoteApi, type FilesDrag } from './pane-api';
import { getLocalHome, startTransfer } from './files-actions';

/** A two-pane browser: this computer on the left, the host on the right. */
export function FilesView({ tab, active }: { tab: Tab; active: boolean }) {
  const browserId = tab.sessionId;
  const [home, setHome] = useState<string | null>(null);
  useEffect(() => void getLocalHome().then(setHome), []);
  const remote = useMemo(() => (browserId ? remoteApi(browserId) : null), [browserId]);
  const refresh = useRefreshOnFinishedTransfers(browserId);
  // Browsers this tab had before a reconnect: their failed transfers can resume on the new one.
  const earlier = useRef<string[]>([]);
  useEffect(() => () => void (browserId && earlier.current.push(browserId)), [browserId]);
  const connected = tab.state === 'connected' && browserId && remote && home;
  const hostName = useStore((s) => s.tree.hosts.find((h) => h.id === tab.hostId)?.name) ?? tab.title;
  // Where each pane is: the other pane's folder is where Upload/Download and F5 copy to; after a reconnect the remote pane opens there again.
  const [dirs, setDirs] = useState<{ local: string | null; remote: string | null }>({ local: null, remote: null });
  const localAt = useCallback((local: string) => setDirs((d) => ({ ...d, local })), []);
  const remoteAt = useCallback((remote: string) => setDirs((d) => ({ ...d, remote })), []);
  const transfer = (drag: FilesDrag, dir: string) => void (browserId && startTransfer(browserId, drag, dir));
  return (
    <section className="files-view" hidden={!active} aria-label={`Files: ${tab.title}`} data-state={tab.state}>
      {connected ? (
        <>
          <div className="panes">
            <FilePane key={`local-${browserId}`} api={localApi} browserId={browserId} title="This computer" initialPath={home} otherDir={dirs.remote} refreshKey={refresh.local} onTransfer={transfer} onPathChange={localAt} />
            <FilePane key={`remote-${browserId}`} api={remote} browserId={browserId} title={hostName} initialPath={dirs.remote ?? tab.message ?? '/'} otherDir={dirs.local} refreshKey={refresh.remote} onTransfer={transfer} onPathChange={remoteAt} />
          </div>
          <EditingPanel browserId={browserId} />
          <TransferPanel browserId={browserId} earlierIds={earlier.current} />
        </>
      ) : (
        <SessionStatus tab={tab} />
      )}
    </section>
  );
}

/** Bumps a side's refresh key whenever a transfer into that side finishes. */
function useRefreshOnFinishedTransfers(browserId: string | null) {
  const [keys, setKeys] = useState({ local: 0, remote: 0 });
  const seen = useRef(new Set<string>());
  const transfers = useStore((s) => s.transfers);
  useEffect(() => {
    let local = 0;
    let remote = 0;
    for (const t of Object.values(transfers)) {
      if (t.browserId !== browserId || seen.current.has(t.transferId)) continue;
      if (t.state === 'done' || t.state === 'failed' || t.state === 'cancelled') {
        seen.current.add(t.transferId);
        if (t.direction === 'upload') remote++;
        else local++;
      }
    }
    if (local || remote) setKeys((k) => ({ local: k.local + local, remote: k.remote + remote }));
  }, [transfers, browserId]);
  return keys;
}
