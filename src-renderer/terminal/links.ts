// The one way a link printed in a terminal (plain, or an OSC 8 hyperlink)
// leaves Warren: the user confirms, then window.open hands it to main, whose
// window-open handler gives http(s) to the system browser and denies the rest.
// xterm's default OSC 8 handler opened about:blank first, which main denies.
import { useStore } from '../store/store';

/** The URL to open, normalised, if it is http or https; null for anything else. */
export function openableUrl(uri: string): string | null {
  try {
    const url = new URL(uri.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function confirmOpenLink(uri: string): void {
  const url = openableUrl(uri);
  if (!url) return;
  const store = useStore.getState();
  if (store.dialog) return;
  store.showDialog({
    kind: 'confirm',
    title: 'Open link',
    body: `Open ${url} in your browser?`,
    confirmLabel: 'Open',
    onConfirm: () => {
      window.open(url, '_blank', 'noopener');
    },
  });
}
