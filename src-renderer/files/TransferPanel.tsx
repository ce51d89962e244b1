import { useStore } from '../store/store';
import { warren } from '../api/warren';
import { formatSize } from './file-pane-model';
import { TransferSkipped } from './TransferSkipped';

/** States that still hold work: Cancel applies to them. */
const UNFINISHED = ['queued', 'running', 'paused', 'interrupted'];
/** States Resume continues from the partial file. */
const RESUMABLE = ['failed', 'cancelled', 'interrupted'];

const eta = (left: number, speed: number) => {
  if (speed <= 0 || left <= 0) return '';
  const s = Math.round(left / speed);
  return s < 60 ? `${s}s left` : `${Math.floor(s / 60)}m ${s % 60}s left`;
};

/** The transfer queue of one browser: each item's progress, speed and state, and the total. */
export function TransferPanel({ browserId, earlierIds }: { browserId: string; earlierIds: string[] }) {
  const order = useStore((s) => s.transferOrder);
  const transfers = useStore((s) => s.transfers);
  // This tab's transfers, including those of its earlier connections (to resume them here).
  const mine = order.map((id) => transfers[id]!).filter((t) => t.browserId === browserId || earlierIds.includes(t.browserId));
  if (mine.length === 0) return null;
  const active = mine.filter((t) => UNFINISHED.includes(t.state));
  const total = mine.reduce((n, t) => n + t.bytesTotal, 0);
  const done = mine.reduce((n, t) => n + t.bytesDone, 0);
  return (
    <section className="transfer-panel" aria-label="Transfers">
      <header className="transfer-head">
        <strong>Transfers</strong>
        <progress aria-label="Total progress" max={Math.max(total, 1)} value={done} />
        <span className="muted">
          {formatSize(done)} of {formatSize(total)}
        </span>
        <button disabled={active.length === 0} onClick={() => active.forEach((t) => void warren().transfer.cancel({ transferId: t.transferId }))}>
          Cancel all
        </button>
        <button
          onClick={() => {
            void warren().transfer.clearFinished({});
            useStore.getState().dropFinishedTransfers();
          }}
        >
          Clear finished
        </button>
      </header>
      <ul className="transfer-list">
        {mine.map((t) => (
          <li key={t.transferId} className={`transfer transfer-${t.state}`} aria-label={`${t.direction} ${t.name}`} data-state={t.state}>
            <span className="transfer-name">
              {t.direction === 'upload' ? '↑' : '↓'} {t.name}
            </span>
            <progress aria-label={`Progress of ${t.name}`} max={Math.max(t.bytesTotal, 1)} value={t.bytesDone} />
            <span className="transfer-bytes">
              {formatSize(t.bytesDone)} / {formatSize(t.bytesTotal)}
              {t.filesTotal > 1 ? ` · ${t.filesDone}/${t.filesTotal} files` : ''}
            </span>
            <span className="transfer-speed muted">{t.state === 'running' ? `${formatSize(t.speed)}/s ${eta(t.bytesTotal - t.bytesDone, t.speed)}` : t.state}</span>
            {t.error && <span className="form-error transfer-error">{t.error}</span>}
            <TransferSkipped transfer={t} />
            {UNFINISHED.includes(t.state) && (
              <button aria-label={`Cancel ${t.name}`} onClick={() => void warren().transfer.cancel({ transferId: t.transferId })}>
                Cancel
              </button>
            )}
            {RESUMABLE.includes(t.state) && (
              <button aria-label={`Retry ${t.name}`} onClick={() => void warren().transfer.retry({ transferId: t.transferId, browserId })}>
                Resume
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
