// The "Terminal" part of Settings. Every change applies at once to the open
// terminals, which are the preview.
import { useEffect, useState } from 'react';
import { useStore } from '../store/store';
import { bellModes, cursorStyles, FONT_SIZE, SCROLLBACK, terminalSettingsFields, terminalThemeIds, type BellMode, type CursorStyle, type TerminalThemeId } from '../../src-shared/terminal-settings';
import { themeLabel } from '../terminal/themes';

const cursorLabels: Record<CursorStyle, string> = { block: 'Block', bar: 'Bar', underline: 'Underline' };
const bellLabels: Record<BellMode, string> = { off: 'Off', visual: 'Flash the terminal', sound: 'Beep' };

export function TerminalSettingsSection() {
  const settings = useStore((s) => s.terminalSettings);
  const change = useStore((s) => s.changeTerminalSettings);

  return (
    <>
      <label>
        Theme
        <select value={settings.theme} onChange={(e) => void change({ theme: e.target.value as TerminalThemeId })}>
          {terminalThemeIds.map((id) => (
            <option key={id} value={id}>
              {themeLabel(id)}
            </option>
          ))}
        </select>
      </label>
      <div className="row">
        <FontFamilyField value={settings.fontFamily} onCommit={(fontFamily) => void change({ fontFamily })} />
        <NumberField label="Font size" className="settings-number" value={settings.fontSize} min={FONT_SIZE.min} max={FONT_SIZE.max} live onCommit={(fontSize) => void change({ fontSize })} />
      </div>
      <p className="muted settings-hint">Ctrl+= and Ctrl+- change the size of every terminal, Ctrl+0 resets it.</p>
      <div className="row">
        <label className="grow">
          Cursor
          <select value={settings.cursorStyle} onChange={(e) => void change({ cursorStyle: e.target.value as CursorStyle })}>
            {cursorStyles.map((style) => (
              <option key={style} value={style}>
                {cursorLabels[style]}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Bell
          <select value={settings.bell} onChange={(e) => void change({ bell: e.target.value as BellMode })}>
            {bellModes.map((mode) => (
              <option key={mode} value={mode}>
                {bellLabels[mode]}
              </option>
            ))}
          </select>
        </label>
        <NumberField label="Scrollback lines" className="grow" value={settings.scrollback} min={SCROLLBACK.min} max={SCROLLBACK.max} onCommit={(scrollback) => void change({ scrollback })} />
      </div>
      <div className="settings-checks">
        <label className="inline">
          <input type="checkbox" checked={settings.cursorBlink} onChange={(e) => void change({ cursorBlink: e.target.checked })} /> Blinking cursor
        </label>
        <label className="inline">
          <input type="checkbox" checked={settings.copyOnSelect} onChange={(e) => void change({ copyOnSelect: e.target.checked })} /> Copy on select
        </label>
        <label className="inline">
          <input type="checkbox" checked={settings.rightClickPaste} onChange={(e) => void change({ rightClickPaste: e.target.checked })} /> Right-click pastes
        </label>
      </div>
    </>
  );
}

/** Applied on Enter or when the field loses focus: a half-typed name would redraw every terminal in a fallback font. */
function FontFamilyField({ value, onCommit }: { value: string; onCommit: (family: string) => void }) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    const parsed = terminalSettingsFields.fontFamily.safeParse(draft);
    if (!parsed.success) return setError('Font names only, for example "Fira Code, monospace".');
    setError(null);
    if (parsed.data !== value) onCommit(parsed.data);
  };
  return (
    <label className="grow">
      Font family
      <input value={draft} spellCheck={false} aria-invalid={error !== null} onChange={(e) => setDraft(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
      {error && <span className="form-error">{error}</span>}
    </label>
  );
}

/**
 * A whole number within [min, max], applied on Enter or on leaving the field
 * (brought within range), or with `live` as soon as what is typed is in range.
 * Scrollback is not live: typing 50000 passes through 5, which would drop the
 * history of every terminal.
 */
function NumberField(props: { label: string; className: string; value: number; min: number; max: number; live?: boolean; onCommit: (n: number) => void }) {
  const { label, className, value, min, max, live = false, onCommit } = props;
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);
  const apply = (text: string, clamp: boolean) => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) return clamp && setDraft(String(value));
    const whole = Math.round(n);
    const next = clamp ? Math.min(max, Math.max(min, whole)) : whole;
    if (next < min || next > max) return;
    if (clamp) setDraft(String(next));
    if (next !== value) onCommit(next);
  };
  return (
    <label className={className}>
      {label}
      <input
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          if (live) apply(e.target.value, false);
        }}
        onBlur={() => apply(draft, true)}
        onKeyDown={(e) => e.key === 'Enter' && apply(draft, true)}
      />
    </label>
  );
}
