// Puts the resolved app theme on <html data-theme>, where the CSS tokens are
// defined, and keeps it there as the setting or the OS changes.
import { useStore, type Store } from '../store/store';
import { resolveAppTheme, type ResolvedTheme } from './app-theme';

export function currentAppTheme(state: Pick<Store, 'appTheme' | 'osDark'> = useStore.getState()): ResolvedTheme {
  return resolveAppTheme(state.appTheme, state.osDark);
}

/** Applies the theme now and on every change. Returns how to stop. */
export function startAppThemeSync(root: HTMLElement = document.documentElement): () => void {
  const apply = (theme: ResolvedTheme) => {
    if (root.dataset.theme !== theme) root.dataset.theme = theme;
  };
  apply(currentAppTheme());
  return useStore.subscribe((state) => apply(currentAppTheme(state)));
}
