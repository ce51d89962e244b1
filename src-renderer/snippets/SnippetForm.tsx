// New or edit snippet: a name, the command (several lines allowed, with
// {{placeholders}}), for every host or only the focused terminal's host, and
// whether Enter follows. Saving or cancelling goes back to the picker.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { SNIPPET_COMMAND_MAX_BYTES, type Snippet } from '../../src-shared/contract';
import { FormButtons } from '../app/FormButtons';
import { ErrorLine } from '../app/Progress';
import { useStore } from '../store/store';
import { placeholderNames } from './placeholders';
import { focusedHostId, saveSnippet } from './snippet-actions';

const NAME_FROM_COMMAND = 60;

export function SnippetForm({ snippet }: { snippet: Snippet | null }) {
  const showDialog = useStore((s) => s.showDialog);
  const focused = useStore(focusedHostId);
  const hosts = useStore((s) => s.tree.hosts);
  // Editing keeps the snippet's own host; a new one can be tied to the focused terminal's host.
  const ownHostId = snippet ? snippet.hostId : focused;
  const ownHost = hosts.find((h) => h.id === ownHostId) ?? null;
  const [name, setName] = useState(snippet?.name ?? '');
  const [command, setCommand] = useState(snippet?.command ?? '');
  const [onlyHost, setOnlyHost] = useState(snippet ? snippet.hostId !== null : false);
  const [pressEnter, setPressEnter] = useState(snippet?.pressEnter ?? true);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const back = () => showDialog({ kind: 'snippets' });
  const names = placeholderNames(command);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!command.trim()) return setError('Type the command the snippet sends.');
    const bytes = new TextEncoder().encode(command).length;
    if (bytes > SNIPPET_COMMAND_MAX_BYTES) return setError(`The command is ${Math.ceil(bytes / 1024)} KiB; a snippet holds up to ${SNIPPET_COMMAND_MAX_BYTES / 1024} KiB.`);
    setSaving(true);
    try {
      await saveSnippet({
        ...(snippet ? { id: snippet.id } : {}),
        name: name.trim() || command.trim().split(/\r?\n/)[0]!.slice(0, NAME_FROM_COMMAND),
        command,
        hostId: onlyHost ? ownHostId : null,
        pressEnter,
      });
      back();
    } catch (e) {
      setError((e as Error).message);
      setSaving(false);
    }
  };
  // In the command box Enter starts a new line, so Ctrl+Enter saves.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.currentTarget.requestSubmit();
    }
  };

  const hostLabel = ownHost ? `Only for ${ownHost.name}` : ownHostId ? 'Only for a host that was deleted' : 'Only for the focused terminal’s host';
  return (
    <form className="dialog snippet-form" aria-label={snippet ? `Edit snippet ${snippet.name}` : 'New snippet'} onSubmit={submit} onKeyDown={onKeyDown}>
      <h2>{snippet ? `Edit ${snippet.name}` : 'New snippet'}</h2>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Restart web server (defaults to the command)" maxLength={200} autoFocus />
      </label>
      <label>
        Command
        <textarea className="snippet-command-input" value={command} onChange={(e) => setCommand(e.target.value)} rows={6} spellCheck={false} autoComplete="off" placeholder="sudo systemctl restart {{service}}" />
      </label>
      <p className="hint">
        Several lines are typed one after another. Write <code>{'{{name}}'}</code> for a value Warren asks for each time it runs
        {names.length > 0 && (
          <>
            {' '}
            (this one asks for <strong>{names.join(', ')}</strong>)
          </>
        )}
        .
      </p>
      <fieldset>
        <legend>Offer it</legend>
        <label className="inline">
          <input type="radio" name="snippet-scope" checked={!onlyHost} onChange={() => setOnlyHost(false)} /> All hosts
        </label>
        <label className="inline">
          <input type="radio" name="snippet-scope" checked={onlyHost} disabled={!ownHostId} onChange={() => setOnlyHost(true)} /> {hostLabel}
        </label>
      </fieldset>
      <label className="inline">
        <input type="checkbox" checked={pressEnter} onChange={(e) => setPressEnter(e.target.checked)} /> Press Enter after
      </label>
      <ErrorLine error={error} />
      <FormButtons onCancel={back} submit="Save" disabled={saving} />
    </form>
  );
}
