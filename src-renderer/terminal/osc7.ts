// OSC 7: a shell that reports its folder (`printf '\e]7;file://%s%s\a' "$HOSTNAME" "$PWD"`,
// which Ubuntu's vte.sh, fish and many zsh set-ups send at each prompt). Open
// files here prefers it to asking the server: it needs no /proc and follows
// the shell through `sudo -s` and into tmux.

/** The path in an OSC 7 report (`file://host/path`, percent-encoded), or null when it is not one. */
export function parseOsc7(data: string): string | null {
  const m = /^(?:file|kitty-shell-cwd):\/\/[^/]*(\/.*)$/.exec(data.trim());
  if (!m) return null;
  try {
    const path = decodeURIComponent(m[1]!);
    return path.includes('\0') ? null : path;
  } catch {
    return null;
  }
}

/** The last folder each terminal session reported, by session id. */
const folders = new Map<string, string>();

export function rememberShellFolder(sessionId: string, data: string): void {
  const path = parseOsc7(data);
  if (path) folders.set(sessionId, path);
}

export function reportedShellFolder(sessionId: string): string | null {
  return folders.get(sessionId) ?? null;
}

export function forgetShellFolder(sessionId: string): void {
  folders.delete(sessionId);
}
