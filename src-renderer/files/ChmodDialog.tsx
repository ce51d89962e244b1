import { useState } from 'react';
import { FormButtons } from '../app/FormButtons';

const who = ['Owner', 'Group', 'Others'] as const;
const what = [
  ['Read', 4],
  ['Write', 2],
  ['Execute', 1],
] as const;

/** rwx checkboxes and the octal value, kept in step. */
export function ChmodDialog({ name, mode, onApply, onCancel }: { name: string; mode: number; onApply(mode: number): void; onCancel(): void }) {
  const [value, setValue] = useState(mode & 0o7777);
  const [octal, setOctal] = useState((mode & 0o7777).toString(8).padStart(3, '0'));
  const set = (next: number) => {
    setValue(next);
    setOctal(next.toString(8).padStart(3, '0'));
  };
  return (
    <div className="dialog-backdrop" role="presentation">
      <form
        role="dialog"
        aria-label="Permissions"
        className="dialog chmod"
        onSubmit={(e) => {
          e.preventDefault();
          onApply(value);
        }}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      >
        <h2>Permissions of {name}</h2>
        <table>
          <tbody>
            {who.map((w, i) => (
              <tr key={w}>
                <th>{w}</th>
                {what.map(([label, bit]) => {
                  const mask = bit << (3 * (2 - i));
                  return (
                    <td key={label}>
                      <label className="inline">
                        <input type="checkbox" aria-label={`${w} ${label}`} checked={(value & mask) !== 0} onChange={(e) => set(e.target.checked ? value | mask : value & ~mask)} /> {label}
                      </label>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <label>
          Octal
          <input
            aria-label="Octal mode"
            value={octal}
            onChange={(e) => {
              setOctal(e.target.value);
              if (/^[0-7]{3,4}$/.test(e.target.value)) setValue(parseInt(e.target.value, 8));
            }}
          />
        </label>
        <FormButtons onCancel={onCancel} submit="Apply" disabled={!/^[0-7]{3,4}$/.test(octal)} />
      </form>
    </div>
  );
}
