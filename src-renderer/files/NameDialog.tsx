import { useState } from 'react';
import { FormButtons } from '../app/FormButtons';

/** Asks for one name (new folder, rename). Electron has no window.prompt. */
export function NameDialog({ title, initial, onSubmit, onCancel }: { title: string; initial: string; onSubmit(name: string): void; onCancel(): void }) {
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
          <input autoFocus value={name} onChange={(e) => setName(e.target.value)} onFocus={(e) => e.target.select()} />
        </label>
        {!valid && name !== '' && <p className="form-error">A name cannot contain “/” or be “.” or “..”.</p>}
        <FormButtons onCancel={onCancel} disabled={!valid} />
      </form>
    </div>
  );
}
