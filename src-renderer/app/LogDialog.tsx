import { useEffect, useState } from 'react';
import { useStore } from '../store/store';
import type { LogContent } from '../store/ui-slice';
import { ErrorLine, Working } from './Progress';


/** A connection's log (or a test's verdict and log), with times relative to the first line. */
export function LogDialog({ title, load }: { title: string; load(): Promise<LogContent> }) {
  const showDialog = useStore((s) => s.showDialog);
  const [content, setContent] = useState<LogContent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => load().then(setContent, (e: Error) => setError(e.message));
  // Load once when opened; Refresh reloads.
  const [loadOnce] = useState(() => refresh);
  useEffect(() => void loadOnce(), [loadOnce]);
  const start = content?.lines[0]?.at ?? 0;
  const asText = () => (content?.lines ?? []).map((l) => `+${((l.at - start) / 1000).toFixed(3)}s ${l.text}`).join('\n');
  return (
    <div className="dialog log-dialog" aria-label={title}>
      <h2>{title}</h2>
      <Working text={!content && !error ? 'Working…' : null} />
      <ErrorLine error={error} />
      {content?.verdict && (
        <p className={content.verdict.ok ? 'verdict ok' : 'verdict form-error'} role="status" aria-label="Verdict">
          {content.verdict.ok ? '✓ ' : '✗ '}
          {content.verdict.text}
        </p>
      )}
      {content && (
        <ol className="log-lines" aria-label="Log">
          {content.lines.map((l, i) => (
            <li key={i}>
              <span className="muted">+{((l.at - start) / 1000).toFixed(3)}s</span> {l.text}
            </li>
          ))}
        </ol>
      )}
      <div className="dialog-buttons">
        <button onClick={() => void navigator.clipboard?.writeText(asText())} disabled={!content}>
          Copy
        </button>
        {!content?.verdict && <button onClick={() => void refresh()}>Refresh</button>}
        <button className="primary" onClick={() => showDialog(null)} autoFocus>
          Close
        </button>
      </div>
    </div>
  );
}
