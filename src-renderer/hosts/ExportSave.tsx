// Save… in the export dialog: the OS's Save dialog through main (which asks
// before replacing a file). Where there is none (the e2e harness, a browser)
// a typed-path field takes its place, as Browse… does; a file already there
// is replaced only after the user presses Replace.
import { useEffect, useRef, useState } from 'react';
import { warren, value } from '../api/warren';

type Step =
  | { kind: 'idle' }
  | { kind: 'typing'; note: string }
  | { kind: 'exists'; path: string; message: string }
  | { kind: 'saved'; path: string }
  | { kind: 'failed'; message: string };

export function useExportSave(hostIds: string[], folderIds: string[]) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  /** No native dialog here: the typed-path field stays once shown. */
  const [typedMode, setTypedMode] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  const write = async (path: string, replace: boolean) => {
    setBusy(true);
    const result = await warren().hosts.saveSshConfig({ hostIds, folderIds, path, replace });
    setBusy(false);
    if (result.ok) setStep({ kind: 'saved', path: result.value.path });
    else if (result.error.code === 'exists' && !replace) setStep({ kind: 'exists', path, message: result.error.message });
    else setStep({ kind: 'failed', message: result.error.message });
  };

  const typeInstead = (note: string) => {
    setTypedMode(true);
    setStep({ kind: 'typing', note });
    field.current?.focus(); // a second Save… when the field is already there
  };
  // The field appears with the note: the user types straight away.
  useEffect(() => {
    if (typedMode) field.current?.focus();
  }, [typedMode]);

  const saveAs = async () => {
    try {
      const picked = await value(warren().app.pickPath({ purpose: 'ssh-config-save' }));
      if ('unsupported' in picked) return typeInstead('No file dialog is available here: type the path to save to.');
      // The Save dialog has asked before replacing an existing file.
      if (picked.path !== null) await write(picked.path, true);
    } catch (error) {
      typeInstead(`The file dialog did not open (${(error as Error).message}): type the path to save to.`);
    }
  };

  return { step, typed, setTyped, busy, typedMode, field, write, saveAs };
}

/** The typed-path row, the Replace question and the outcome line. */
export function ExportSavePanel({ save }: { save: ReturnType<typeof useExportSave> }) {
  const { step, typed, setTyped, busy, typedMode, field, write } = save;
  return (
    <>
      {typedMode && (
        <form
          className="export-save-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim()) void write(typed.trim(), false);
          }}
        >
          <label>
            Save to file
            <input ref={field} className="mono" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="/home/you/.ssh/warren.conf" spellCheck={false} />
          </label>
          <button type="submit" disabled={busy || !typed.trim()}>
            Save
          </button>
        </form>
      )}
      {step.kind === 'typing' && (
        <p className="muted" role="status">
          {step.note}
        </p>
      )}
      {step.kind === 'exists' && (
        <p className="export-save-exists" role="alert">
          {step.message}{' '}
          <button type="button" onClick={() => void write(step.path, true)} disabled={busy}>
            Replace
          </button>
        </p>
      )}
      {step.kind === 'failed' && (
        <p className="error" role="alert">
          {step.message}
        </p>
      )}
      {step.kind === 'saved' && (
        <p className="muted" role="status">
          Saved to <span className="mono">{step.path}</span> (readable by you only).
        </p>
      )}
    </>
  );
}
