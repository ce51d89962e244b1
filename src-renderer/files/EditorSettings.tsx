// "Editor" in the Settings dialog: the command Edit locally opens files with.
// Empty means the OS's default app for the file's type.
import { useEffect, useState, type FormEvent } from 'react';
import { value, warren } from '../api/warren';
import { SaveOutcome } from '../app/Progress';

export function EditorSettings() {
  const [command, setCommand] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void value(warren().edit.getEditor({})).then(
      (s) => {
        setSaved(s.command);
        setCommand(s.command);
      },
      (e: Error) => setError(`Warren could not read the editor setting: ${e.message}`),
    );
  }, []);

  const save = (event?: FormEvent) => {
    event?.preventDefault();
    if (saved === null || command.trim() === saved) return;
    setError(null);
    setStatus('');
    void value(warren().edit.setEditor({ command })).then(
      (s) => {
        setSaved(s.command);
        setCommand(s.command);
        setStatus('Saved.');
      },
      (e: Error) => setError(e.message),
    );
  };

  return (
    <form className="editor-settings" onSubmit={save}>
      <label>
        Editor command
        <input value={command} onChange={(e) => setCommand(e.target.value)} onBlur={() => save()} placeholder="Default: the system's app for the file" spellCheck={false} disabled={saved === null} />
      </label>
      <p className="muted">Used by Edit locally (F4). {'{file}'} stands for the file, e.g. <code>code --wait {'{file}'}</code> or <code>gedit</code> (the file goes last when {'{file}'} is missing). Quotes work as in a shell; nothing else is expanded.</p>
      <SaveOutcome error={error} status={status} />
    </form>
  );
}
