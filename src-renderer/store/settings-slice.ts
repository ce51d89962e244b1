// App settings as the renderer sees them. A change shows at once (every open
// terminal follows `terminalSettings`), then main stores it; main's answer is
// what stays, and a refused change is undone and said.
import type { StateCreator } from 'zustand';
import type { AppSettings } from '../../src-shared/contract';
import { defaultTerminalSettings, type TerminalSettings, type TerminalSettingsPatch } from '../../src-shared/terminal-settings';
import { defaultAppTheme, type AppThemeId } from '../../src-shared/app-theme';
import { value, warren } from '../api/warren';
import type { Store } from './store';

export interface SettingsSlice {
  terminalSettings: TerminalSettings;
  /** The OS asks for dark colours; the 'system' app theme follows it. */
  osDark: boolean;
  /** The app's theme choice; the 'system' terminal theme follows what it resolves to. */
  appTheme: AppThemeId;
  /** Fetches the settings from main (at start-up). Throws what main said. */
  loadSettings(): Promise<void>;
  changeTerminalSettings(patch: TerminalSettingsPatch): Promise<void>;
  setAutoReconnect(on: boolean): Promise<void>;
  setAppTheme(theme: AppThemeId): Promise<void>;
}

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Answers from main arrive in order; only the newest one may overwrite what the user sees. */
let latestChange = 0;

export const createSettingsSlice: StateCreator<Store, [], [], SettingsSlice> = (set, get) => {
  const save = async (input: Parameters<ReturnType<typeof warren>['settings']['set']>[0], undo: Partial<Store>) => {
    const ticket = ++latestChange;
    try {
      const saved = await value(warren().settings.set(input));
      if (ticket === latestChange) take(saved);
    } catch (error) {
      if (ticket === latestChange) set(undo);
      get().addNotices([`Warren could not save the setting: ${(error as Error).message}`]);
    }
  };
  const take = (settings: AppSettings) => set({ terminalSettings: settings.terminal, autoReconnect: settings.autoReconnect, appTheme: settings.appTheme });

  return {
    terminalSettings: { ...defaultTerminalSettings },
    osDark: typeof matchMedia === 'function' ? matchMedia(DARK_QUERY).matches : true,
    appTheme: defaultAppTheme,
    async loadSettings() {
      take(await value(warren().settings.get({})));
    },
    async changeTerminalSettings(patch) {
      const before = get().terminalSettings;
      set({ terminalSettings: { ...before, ...patch } });
      await save({ terminal: patch }, { terminalSettings: before });
    },
    async setAutoReconnect(on) {
      const before = get().autoReconnect;
      set({ autoReconnect: on });
      await save({ autoReconnect: on }, { autoReconnect: before });
    },
    async setAppTheme(theme) {
      const before = get().appTheme;
      set({ appTheme: theme });
      await save({ appTheme: theme }, { appTheme: before });
    },
  };
};

/** Keeps `osDark` in step with the OS, live. Returns how to stop. */
export function watchOsColorScheme(setDark: (dark: boolean) => void): () => void {
  const query = matchMedia(DARK_QUERY);
  const onChange = (event: MediaQueryListEvent) => setDark(event.matches);
  setDark(query.matches);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
