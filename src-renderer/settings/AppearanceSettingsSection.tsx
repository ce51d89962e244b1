// The "Appearance" part of Settings: the app's theme. A terminal on the
// default theme ("Match the app") changes with it; a chosen scheme stays.
import { useStore } from '../store/store';
import { appThemeIds, type AppThemeId } from '../../src-shared/app-theme';
import { appThemeLabels } from '../theme/app-theme';

export function AppearanceSettingsSection() {
  const choice = useStore((s) => s.appTheme);
  const setAppTheme = useStore((s) => s.setAppTheme);
  return (
    <>
      <label>
        App theme
        <select value={choice} onChange={(e) => void setAppTheme(e.target.value as AppThemeId)}>
          {appThemeIds.map((id) => (
            <option key={id} value={id}>
              {appThemeLabels[id]}
            </option>
          ))}
        </select>
      </label>
      <p className="muted settings-hint">System follows your operating system's dark or light mode as it changes.</p>
    </>
  );
}
