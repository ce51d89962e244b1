// "Session logs" in the Settings dialog: the folder logs go to (typed; empty
// means the default) and the format the Record button offers first. Reads and
// saves through settings:get/set itself.
import { useEffect, useState, type FormEvent } from 'react';
import type { LogFormat } from '../../src-shared/contract';
import { value, warren } from '../api/warren';
import { SaveOutcome } from '../app/Progress';

export function LoggingSettings() {
  const [folder, setFolder] = useState('');
  const [saved, setSaved] = useState<{ folder: string; format: LogFormat } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void value(warren().settings.get({})).then(
      ({ logging }) => {
        setSaved({ folder: logging.folder ?? '', format: logging.format });
        setFolder(logging.folder ?? '');
      },
      (e: Error) => setError(`Warren could not read the logging settings: ${e.message}`),
    );
  }, []);

  const save = async (patch: { folder?: string | null; format?: LogFormat }) => {
    setError(null);
    setStatus('');
    try {
      const { logging } = await value(warren().settings.set({ logging: patch }));
      setSaved({ folder: logging.folder ?? '', format: logging.format });
      setFolder(logging.folder ?? '');
      setStatus('Saved.');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const saveFolder = (event?: FormEvent) => {
    event?.preventDefault();
    const typed = folder.trim();
    if (saved && typed === saved.folder) return;
    void save({ folder: typed === '' ? null : typed });
  };

  return (
    <div className="logging-settings">
      <form onSubmit={saveFolder}>
        <label>
          Log folder
          <input
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            onBlur={() => saveFolder()}
            placeholder="Default: Documents/Warren logs"
            spellCheck={false}
            disabled={!saved}
          />
        </label>
        <p className="muted">A full path (/…, ~/…, C:\…). Leave empty for Documents/Warren logs, or Warren's data folder when there is no Documents folder. Logs are named after the host and the time they start.</p>
      </form>
      <label>
        Record button starts
        <select value={saved?.format ?? 'text'} disabled={!saved} onChange={(e) => void save({ format: e.target.value as LogFormat })}>
          <option value="text">Text log (colours and control codes removed)</option>
          <option value="raw">Raw log (every byte as the server sent it)</option>
        </select>
      </label>
      <SaveOutcome error={error} status={status} />
    </div>
  );
}
