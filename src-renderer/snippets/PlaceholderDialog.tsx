// Asks the values of a snippet's {{placeholders}}, one field each, and shows
// the command as it will be typed. Enter runs it.
import { useState, type FormEvent } from 'react';
import type { Snippet } from '../../src-shared/contract';
import { FormButtons } from '../app/FormButtons';
import { ErrorLine } from '../app/Progress';
import { useStore } from '../store/store';
import { fill } from './placeholders';
import { runFilled } from './snippet-actions';

export function PlaceholderDialog({ snippet, names }: { snippet: Snippet; names: string[] }) {
  const showDialog = useStore((s) => s.showDialog);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(names.map((n) => [n, ''])));
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(runFilled(snippet, values));
  };

  return (
    <form className="dialog placeholder-dialog" aria-label={`Run ${snippet.name}`} onSubmit={submit}>
      <h2>Run {snippet.name}</h2>
      {names.map((name, i) => (
        <label key={name}>
          {name}
          <input value={values[name] ?? ''} onChange={(e) => setValues({ ...values, [name]: e.target.value })} autoFocus={i === 0} spellCheck={false} autoComplete="off" />
        </label>
      ))}
      <div className="snippet-preview-box">
        Will type
        <pre className="snippet-preview" aria-label="Will type">
          {fill(snippet.command, values)}
        </pre>
      </div>
      <ErrorLine error={error} />
      <FormButtons onCancel={() => showDialog({ kind: 'snippets' })} submit="Run" />
    </form>
  );
}
