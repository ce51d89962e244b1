// Settings: one section per feature, each a component that reads and changes
// its own settings through the store (changes apply at once; there is no OK).
import type { ComponentType } from 'react';
import { useStore } from '../store/store';
import { LoggingSettings } from '../terminal/LoggingSettings';
import { TerminalSettingsSection } from '../settings/TerminalSettingsSection';
import { EditorSettings } from '../files/EditorSettings';
import { DesktopSettingsSection } from '../settings/DesktopSettingsSection';
import { AppearanceSettingsSection } from '../settings/AppearanceSettingsSection';
import { ConnectionDefaults, KnownHostsSettingsSection } from '../settings/ConnectionDefaultsSection';

export interface SettingsSection {
  /** The section's heading, also its accessible name. */
  title: string;
  Component: ComponentType;
}

function ConnectionsSection() {
  const autoReconnect = useStore((s) => s.autoReconnect);
  const setAutoReconnect = useStore((s) => s.setAutoReconnect);
  return (
    <>
      <label className="inline">
        <input type="checkbox" checked={autoReconnect} onChange={(e) => void setAutoReconnect(e.target.checked)} /> Reconnect automatically
      </label>
      <ConnectionDefaults />
    </>
  );
}

/**
 * The sections, top to bottom. A feature with settings of its own adds an
 * entry here.
 */
export const settingsSections: SettingsSection[] = [
  { title: 'Appearance', Component: AppearanceSettingsSection },
  { title: 'Terminal', Component: TerminalSettingsSection },
  { title: 'Connections', Component: ConnectionsSection },
  { title: 'Known hosts', Component: KnownHostsSettingsSection },
  { title: 'Session logs', Component: LoggingSettings },
  { title: 'Editor', Component: EditorSettings },
  { title: 'Desktop', Component: DesktopSettingsSection },
];

export function SettingsDialog() {
  const showDialog = useStore((s) => s.showDialog);
  return (
    <div className="dialog settings-dialog" aria-label="Settings">
      <h2>Settings</h2>
      <div className="settings-sections">
        {settingsSections.map(({ title, Component }) => (
          <section key={title} aria-label={title} className="settings-section">
            <h3>{title}</h3>
            <Component />
          </section>
        ))}
      </div>
      <div className="dialog-buttons">
        <button className="primary" onClick={() => showDialog(null)} autoFocus>
          Done
        </button>
      </div>
    </div>
  );
}
