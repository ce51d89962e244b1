import type { TransferView } from '../../src-shared/contract';

/**
 * What a folder transfer left out (symlinks, unsafe names, loops, too deep),
 * folded under a count so a finished row stays one line until asked.
 */
export function TransferSkipped({ transfer }: { transfer: TransferView }) {
  const shown = transfer.skipped ?? [];
  const count = transfer.skippedCount ?? shown.length;
  if (count === 0) return null;
  const more = count - shown.length;
  return (
    <details className="transfer-skipped">
      <summary>
        {count} {count === 1 ? 'entry' : 'entries'} skipped
      </summary>
      <ul aria-label={`Skipped in ${transfer.name}`}>
        {shown.map((s) => (
          <li key={s.rel}>
            <code>{s.rel}</code>: {s.why}
          </li>
        ))}
        {more > 0 && <li>…and {more} more</li>}
      </ul>
    </details>
  );
}
