// A host's colour: a row of swatches that are radio buttons (arrow keys move
// between them, each has a name for screen readers), plus "None".
import { hostColors, type HostColor } from '../../src-shared/contract';

const names: Record<HostColor, string> = {
  red: 'Red',
  orange: 'Orange',
  yellow: 'Yellow',
  green: 'Green',
  teal: 'Teal',
  blue: 'Blue',
  purple: 'Purple',
  pink: 'Pink',
  grey: 'Grey',
};

export function ColourPicker({ value, onChange }: { value: HostColor | null; onChange(color: HostColor | null): void }) {
  return (
    <fieldset className="colour-picker">
      <legend>Colour (optional)</legend>
      <label className="swatch none" title="No colour">
        <input type="radio" name="host-colour" aria-label="No colour" checked={value === null} onChange={() => onChange(null)} />
      </label>
      {hostColors.map((c) => (
        <label key={c} className={`swatch host-color-${c}`} title={names[c]}>
          <input type="radio" name="host-colour" aria-label={names[c]} checked={value === c} onChange={() => onChange(c)} />
        </label>
      ))}
    </fieldset>
  );
}
