import { useState } from 'react';
import { FormButtons } from '../app/FormButtons';

/**
 * Asks for one name (new folder, rename). Electron has no window.prompt.
 * @param select the part of `initial` selected at first (Rename: the base name, so typing keeps the extension)
 */
export function NameDialog({ title, initial, select, onSubmit, onCancel }: { title: string; initial: string; select?: [number, number] | undefined; onSubmit(name: string): void; onCancel(): void }) {
  const [name, setName] = useState(initial);
  const valid = name.trim() !== '' && !name.includes('/') && name !== '.' && name !== '..';
  return (
    <div className="dialog-backdrop" role="presentation">
      <form
        role="dialog"
        aria-label={title}
        className="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) onSubmit(name);
        }}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      >
        <h2>{title}</h2>
        <label>
          Name
          <input autoFocus value={name} onChange={(e) => setName(e.target.value)} onFocus={(e) => {
              const [from, to] = select && name === initial ? select : [0, name.length];
              e.target.setSelectionRange(from, to);
            }} />
        </label>
        {!valid && name !== '' && <p className="form-error">A name cannot contain “/” or be “.” or “..”.</p>}
        <FormButtons onCancel={onCancel} disabled={!valid} />
      </form>
    </div>
  );
}
