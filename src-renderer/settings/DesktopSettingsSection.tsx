// The "Desktop" part of Settings: how Warren lives beside its window. Main
// applies each switch to the OS as it is saved (tray, login item, ssh://
// registration); the switches read back what main stored.
import { useEffect, useState } from 'react';
import type { DesktopSettings, DesktopSettingsPatch } from '../../src-shared/contract';
import { defaultDesktopSettings } from '../../src-shared/desktop-settings';
import { value, warren } from '../api/warren';
import { useStore } from '../store/store';

const switches: Array<{ key: keyof DesktopSettings; label: string; hint: string }> = [
  { key: 'keepInTray', label: 'Keep running in the tray when the window closes', hint: 'Tunnels stay up; the tray icon opens Warren again and switches tunnels.' },
  { key: 'startAtLogin', label: 'Start Warren at login', hint: 'On Windows and macOS. With the tray option on, Warren starts without a window and brings up the tunnels marked to start with Warren.' },
  { key: 'openSshLinks', label: 'Open ssh:// links with Warren', hint: 'Warren shows where a link would connect and asks before it does; a link can never pass options or commands.' },
  { key: 'notifyForwards', label: 'Notify me when a tunnel drops or comes back', hint: '' },
];

export function DesktopSettingsSection() {
  const [settings, setSettings] = useState<DesktopSettings>({ ...defaultDesktopSettings });
  const addNotices = useStore((s) => s.addNotices);
  useEffect(() => {
    let live = true;
    void value(warren().settings.get({})).then(
      (s) => live && setSettings(s.desktop),
      () => undefined, // the dialog's other sections already say when settings cannot be read
    );
    return () => {
      live = false;
    };
  }, []);
  const change = async (patch: DesktopSettingsPatch) => {
    const before = settings;
    setSettings({ ...before, ...patch });
    try {
      setSettings((await value(warren().settings.set({ desktop: patch }))).desktop);
    } catch (error) {
      setSettings(before);
      addNotices([`Warren could not save the setting: ${(error as Error).message}`]);
    }
  };
  return (
    <>
      {switches.map(({ key, label, hint }) => (
        <div key={key} className="desktop-setting">
          <label className="inline">
            <input type="checkbox" checked={settings[key]} onChange={(e) => void change({ [key]: e.target.checked })} /> {label}
          </label>
          {hint && <p className="muted settings-hint">{hint}</p>}
        </div>
      ))}
    </>
  );
}
