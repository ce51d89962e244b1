// Which colours the app wears right now. 'system' follows the OS's
// prefers-color-scheme (kept live in the store's `osDark`); the CSS defines
// its tokens for `:root[data-theme=dark]` and `:root[data-theme=light]`.
import type { AppThemeId } from '../../src-shared/app-theme';

export type ResolvedTheme = 'dark' | 'light';

export function resolveAppTheme(choice: AppThemeId, osDark: boolean): ResolvedTheme {
  if (choice === 'system') return osDark ? 'dark' : 'light';
  return choice;
}

export const appThemeLabels: Record<AppThemeId, string> = { system: 'System', dark: 'Dark', light: 'Light' };
