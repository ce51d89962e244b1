// Browse… beside a path field: the OS's Open dialog through main (only the
// chosen path comes back). Where there is no native dialog (the e2e harness,
// a browser) the typed-path field stays the way in: it gets the focus and a
// line says to type the path.
import { useState, type RefObject } from 'react';
import type { PickPurpose } from '../../src-shared/contract';
import { value, warren } from '../api/warren';

interface Props {
  purpose: PickPurpose;
  /** The accessible name, e.g. "Browse for a private key file". */
  label: string;
  field: RefObject<HTMLInputElement | null>;
  onPick(path: string): void;
}

export function BrowseButton({ purpose, label, field, onPick }: Props) {
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const typeInstead = (text: string) => {
    setNote(text);
    field.current?.focus();
    field.current?.select();
  };
  const browse = async () => {
    setBusy(true);
    setNote(null);
    try {
      const result = await value(warren().app.pickPath({ purpose }));
      if ('unsupported' in result) typeInstead('No file dialog is available here: type the path.');
      else if (result.path !== null) onPick(result.path);
    } catch (error) {
      typeInstead(`The file dialog did not open (${(error as Error).message}): type the path.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="browse-button" aria-label={label} title={label} disabled={busy} onClick={() => void browse()}>
        Browse…
      </button>
      {note && (
        <span role="status" className="browse-note">
          {note}
        </span>
      )}
    </>
  );
}
