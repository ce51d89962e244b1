import { useEffect, useMemo, useRef, useState } from 'react';
import type { Tab } from '../store/sessions-slice';
import { useStore } from '../store/store';
import { SessionStatus } from '../terminal/SessionStatus';
import { FilePane } from './FilePane';
import { TransferPanel } from './TransferPanel';
import { localApi, remoteApi } from './pane-api';
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
  return (
    <section className="files-view" hidden={!active} aria-label={`Files: ${tab.title}`} data-state={tab.state}>
      {connected ? (
        <>
          <div className="panes">
            <FilePane key={`local-${browserId}`} api={localApi} browserId={browserId} initialPath={home} refreshKey={refresh.local} onTransfer={(d, dir) => void startTransfer(browserId, d, dir)} />
            <FilePane key={`remote-${browserId}`} api={remote} browserId={browserId} initialPath={tab.message ?? '/'} refreshKey={refresh.remote} onTransfer={(d, dir) => void startTransfer(browserId, d, dir)} />
          </div>
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
