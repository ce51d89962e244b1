// Lets the search field hand the keyboard to the tree without knowing how the
// tree is drawn: the mounted tree registers how to focus its first result.
let focusResults: (() => void) | null = null;

/** Called by the mounted tree; returns the unregister function. */
export function registerTreeFocus(focus: () => void): () => void {
  focusResults = focus;
  return () => {
    if (focusResults === focus) focusResults = null;
  };
}

/** ArrowDown in "Search hosts": focus the first host that matched. False when there is no tree to go to. */
export function focusTreeResults(): boolean {
  if (!focusResults) return false;
  focusResults();
  return true;
}
